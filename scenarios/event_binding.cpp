#include <set>

#include "scenarios/binding.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/event_registry.h"
#include "scenarios/node_reader.h"

namespace diplosim {

std::unique_ptr<Event> ParseEvent(const ConfigNode& item, int sequence, World& world, const References& refs,
                                  std::set<std::string>* names, const Event::Header* parent) {
  Diagnostics& diags = refs.diags();
  const EventRegistry& registry = BuiltinEventRegistry();
  if (!item.IsMap()) {
    diags.Error(item.location, "an event must be a mapping; got " + item.Describe() +
                                   "; expected keys type, date and the type's fields");
    return nullptr;
  }
  const ConfigNode* type_node = item.Find("type");
  if (!type_node) {
    diags.Error(item.location, "missing required key 'type' in event; expected one of: " + JoinNames(registry.Names()));
    return nullptr;
  }
  const EventType* type = type_node->IsScalar() ? registry.Find(type_node->scalar) : nullptr;
  if (!type) {
    diags.Error(type_node->location, "unknown event type " + type_node->Describe() + "; expected one of: " +
                                         JoinNames(registry.Names()) +
                                         (type_node->IsScalar() ? DidYouMean(type_node->scalar, registry.Names())
                                                                : std::string()));
    return nullptr;
  }
  std::vector<std::string> keys = CommonEventKeys();
  keys.insert(keys.end(), type->keys.begin(), type->keys.end());
  MapReader r(item, type->name + " event", keys, diags);
  r.SetValuePrefix(type->name + " ");
  if (!r.Bool("enabled", true)) return nullptr;

  Event::Header header;
  header.type = type->name;
  header.sequence = sequence;
  if (const ConfigNode* p = r.Get("priority"))
    header.priority = static_cast<int>(ReadInteger(*p, "event priority", -1000, 1000, diags).value_or(0));
  std::optional<Date> date;
  // A trigger's date is when it starts watching, which its authors tend to leave out.
  const ConfigNode* date_node =
      parent ? r.Get("date")
             : r.Require("date", type->name == "trigger" ? "the date the trigger starts watching, YYYY-MM-DD"
                                                         : "the date the event happens, YYYY-MM-DD");
  if (parent && date_node) {
    diags.Error(date_node->location, "an event fired by a trigger takes the day it fires; expected no 'date'");
  } else if (parent) {
    date = parent->date;
  } else if (date_node) {
    date = ReadDate(*date_node, "event date", diags);
    const Calendar& c = world.calendar;
    if (date && (*date < c.start || *date >= c.LastDate())) {
      const bool elsewhere = !refs.calendar_end().file.empty() && refs.calendar_end().file != date_node->location.file;
      diags.Error(date_node->location,
                  "event date " + date->ToString() + " is outside the calendar; expected a date in [" + c.start.ToString() +
                      ", " + c.LastDate().ToString() + ")" +
                      LastTimePointNote(c, elsewhere ? refs.calendar_end().ToString() : "") +
                      "; move the event, or set 'enabled: false' on it");
      date.reset();
    }
  }
  if (date) header.date = *date;
  if (const ConfigNode* name = r.Get("name")) {
    header.name = ReadId(*name, "event name", diags).value_or("");
  } else if (parent) {
    header.name = parent->name + "-" + std::to_string(sequence % 1000);
  } else {
    header.name = type->name + "-" + (date ? date->ToString() : std::string("undated")) + "-" + std::to_string(sequence);
  }
  if (names && !header.name.empty() && !names->insert(header.name).second)
    diags.Error(r.Get("name") ? r.Get("name")->location : item.location,
                "duplicate event name '" + header.name + "'; expected each event name once");
  r.String("description");
  r.String("source");
  const std::size_t errors_before = diags.count();
  std::unique_ptr<Event> event = type->parse(r, header, refs, world);
  if (!event || !date || diags.count() != errors_before) return nullptr;
  return event;
}

void BindEvents(const ConfigNode* node, World& world, Diagnostics& diags, const SourceLocation& calendar_end) {
  if (!node) return;
  if (!node->IsSequence()) {
    diags.Error(node->location, "events must be a list; got " + node->Describe() +
                                    "; expected items like '- {type: statement, date: …, actor: …}'");
    return;
  }
  const References refs(world, diags, calendar_end, node);
  std::set<std::string> names;
  // Ceasefires first, so triggers and actor models can name any of them.
  auto is_ceasefire = [](const ConfigNode& item) {
    const ConfigNode* t = item.IsMap() ? item.Find("type") : nullptr;
    return t && t->IsScalar() && t->scalar == "ceasefire";
  };
  for (int pass = 0; pass < 2; ++pass) {
    int sequence = 0;
    for (const auto& item : node->items) {
      ++sequence;
      if (is_ceasefire(item) != (pass == 0)) continue;
      std::unique_ptr<Event> event = ParseEvent(item, sequence, world, refs, &names, nullptr);
      if (!event) continue;
      if (auto* trigger = dynamic_cast<TriggerEvent*>(event.get())) {
        event.release();
        world.triggers.emplace_back(trigger);
      } else {
        world.events.push_back(std::move(event));
      }
    }
  }
  // A trigger's events are named too: a ceasefire fired as 'truce' beside a scheduled
  // 'truce' would be a second ceasefire that every reference to 'truce' misses.
  for (const auto& item : node->items) {
    const ConfigNode* then = item.IsMap() ? item.Find("then") : nullptr;
    if (!then || !then->IsSequence()) continue;
    for (const auto& inner : then->items) {
      const ConfigNode* name = inner.IsMap() ? inner.Find("name") : nullptr;
      if (name && name->IsScalar() && !names.insert(name->scalar).second)
        diags.Error(name->location, "duplicate event name '" + name->scalar +
                                        "' (a trigger's event shares it); expected each event name once");
    }
  }
}

}  // namespace diplosim
