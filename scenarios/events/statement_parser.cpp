// Reads `statement` events: a public stance by one actor.
#include "scenarios/event_registry.h"
#include "sim/events/statement_event.h"

namespace diplosim {

void RegisterStatementEvent(EventRegistry& registry) {
  registry.Register(EventType{
      "statement", "an actor states positions: commits its anchor and signals to an audience",
      {"actor", "audience", "stance", "commitment", "signal"},
      [](MapReader& r, Event::Header header, const References& refs) -> std::unique_ptr<Event> {
        const World& world = refs.world();
        std::optional<int> speaker;
        if (const ConfigNode* a = r.Require("actor", "the id of the actor making the statement"))
          speaker = refs.Actor(*a, "statement '" + header.name + "'");
        std::vector<int> audience;
        if (const ConfigNode* a = r.Get("audience")) {
          audience = refs.Actors(*a, "statement audience");
        } else {
          for (int i = 0; i < world.NumActors(); ++i) audience.push_back(i);
        }
        if (speaker) std::erase(audience, *speaker);

        std::vector<StatementEvent::Stance> stances;
        if (const ConfigNode* s = r.Require("stance", "a mapping of dimension ids to stated positions")) {
          if (!s->IsMap() || s->entries.empty()) {
            refs.diags().Error(s->location, "stance must map dimensions to positions; got " + s->Describe() +
                                                "; expected e.g. 'militia_presence: 1.0'");
          } else {
            for (const auto& e : s->entries) {
              auto d = refs.Dimension(ConfigNode::Scalar(e.key, e.key_location), "stance");
              if (!d) continue;
              const Dimension& dim = world.dimensions[*d];
              auto v = ReadNumber(e.value, "stance on '" + e.key + "'",
                                  Range::Between(std::min(dim.low, dim.high), std::max(dim.low, dim.high)),
                                  refs.diags());
              if (v) stances.push_back({*d, dim.ToUnit(*v)});
            }
          }
        }
        const double commitment = r.Number("commitment", 0.1, Range::Unit());
        const double signal = r.Number("signal", 0.05, Range::Unit());
        if (!speaker) return nullptr;
        std::string actors = world.actors[*speaker].id;
        return std::make_unique<StatementEvent>(std::move(header), *speaker, std::move(audience),
                                                std::move(stances), commitment, signal, std::move(actors));
      }});
}

}  // namespace diplosim
