// Reads `declaration` events: a joint commitment by several signatories.
#include "scenarios/event_registry.h"
#include "scenarios/events/actor_list.h"
#include "scenarios/events/stance_reader.h"
#include "sim/events/declaration_event.h"

namespace diplosim {

void RegisterDeclarationEvent(EventRegistry& registry) {
  registry.Register(EventType{
      "declaration", "signatories commit to stated positions and draw closer",
      {"signatories", "stance", "commitment", "affinity"},
      [](MapReader& r, Event::Header header, const References& refs, World& world) -> std::unique_ptr<Event> {
        std::vector<int> signatories;
        if (const ConfigNode* s = r.Require("signatories", "the actors or groups that sign"))
          signatories = refs.RequiredActors(*s, "declaration signatories");
        std::vector<DeclarationEvent::Stance> stances;
        if (const ConfigNode* st = r.Get("stance"))
          for (const auto& [d, pos] : ReadStance(*st, refs)) stances.push_back({d, pos});
        const double commitment = r.Number("commitment", 0.2, Range::Unit());
        const double affinity = r.Number("affinity", 0.05, Range::Between(-1, 1));
        const std::string actors = JoinIds(world, signatories);
        return std::make_unique<DeclarationEvent>(std::move(header), std::move(signatories), std::move(stances),
                                                  commitment, affinity, actors);
      }});
}

}  // namespace diplosim
