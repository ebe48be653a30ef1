#include <set>

#include "scenarios/binding.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/event_registry.h"
#include "scenarios/node_reader.h"

namespace diplosim {

void BindEvents(const ConfigNode* node, World& world, Diagnostics& diags) {
  if (!node) return;
  if (!node->IsSequence()) {
    diags.Error(node->location, "events must be a list; got " + node->Describe() +
                                    "; expected items like '- {type: statement, date: …, actor: …}'");
    return;
  }
  const EventRegistry& registry = BuiltinEventRegistry();
  const References refs(world, diags);
  std::set<std::string> names;
  int sequence = 0;
  for (const auto& item : node->items) {
    ++sequence;
    if (!item.IsMap()) {
      diags.Error(item.location, "an event must be a mapping; got " + item.Describe() +
                                     "; expected keys type, date and the type's fields");
      continue;
    }
    const ConfigNode* type_node = item.Find("type");
    if (!type_node) {
      diags.Error(item.location, "missing required key 'type' in event; expected one of: " + [&] {
        std::string s;
        for (const auto& t : registry.Names()) s += (s.empty() ? "" : ", ") + t;
        return s;
      }());
      continue;
    }
    const EventType* type = type_node->IsScalar() ? registry.Find(type_node->scalar) : nullptr;
    if (!type) {
      std::string all;
      for (const auto& t : registry.Names()) all += (all.empty() ? "" : ", ") + t;
      diags.Error(type_node->location, "unknown event type " + type_node->Describe() + "; expected one of: " + all +
                                           (type_node->IsScalar() ? DidYouMean(type_node->scalar, registry.Names())
                                                                  : std::string()));
      continue;
    }
    std::vector<std::string> keys = CommonEventKeys();
    keys.insert(keys.end(), type->keys.begin(), type->keys.end());
    MapReader r(item, type->name + " event", keys, diags);
    if (!r.Bool("enabled", true)) continue;

    Event::Header header;
    header.type = type->name;
    header.sequence = sequence;
    header.priority = 0;
    if (const ConfigNode* p = r.Get("priority"))
      header.priority = static_cast<int>(ReadInteger(*p, "event priority", -1000, 1000, diags).value_or(0));
    const ConfigNode* date_node = r.Require("date", "the date the event happens, YYYY-MM-DD");
    std::optional<Date> date = date_node ? ReadDate(*date_node, "event date", diags) : std::nullopt;
    if (date) {
      const Calendar& c = world.calendar;
      if (*date < c.start || *date >= c.end) {
        diags.Error(date_node->location, "event date " + date->ToString() + " is outside the calendar; expected a date in [" +
                                             c.start.ToString() + ", " + c.end.ToString() + ")");
        date.reset();
      } else {
        header.date = *date;
      }
    }
    if (const ConfigNode* name = r.Get("name")) {
      header.name = ReadId(*name, "event name", diags).value_or("");
    } else {
      header.name = type->name + "-" + (date ? date->ToString() : std::string("undated")) + "-" + std::to_string(sequence);
    }
    if (!header.name.empty() && !names.insert(header.name).second)
      diags.Error(r.Get("name") ? r.Get("name")->location : item.location,
                  "duplicate event name '" + header.name + "'; expected each event name once");
    const std::size_t errors_before = diags.count();
    std::unique_ptr<Event> event = type->parse(r, header, refs);
    if (event && date && diags.count() == errors_before) world.events.push_back(std::move(event));
  }
}

}  // namespace diplosim
