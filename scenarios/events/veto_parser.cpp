// Reads `veto` events.
#include "scenarios/event_registry.h"
#include "scenarios/events/actor_list.h"
#include "sim/events/veto_event.h"

namespace diplosim {

void RegisterVetoEvent(EventRegistry& registry) {
  registry.Register(EventType{
      "veto", "a veto holder blocks a resolution against the actors it protects",
      {"actor", "protects", "sponsors", "affinity", "diplomatic"},
      [](MapReader& r, Event::Header header, const References& refs, World& world) -> std::unique_ptr<Event> {
        std::optional<int> holder;
        if (const ConfigNode* a = r.Require("actor", "the veto holder")) holder = refs.Actor(*a, "veto");
        std::vector<int> protects, sponsors;
        if (const ConfigNode* p = r.Require("protects", "the actor(s) the veto shields"))
          protects = refs.RequiredActors(*p, "veto protects");
        if (const ConfigNode* s = r.Get("sponsors")) sponsors = refs.Actors(*s, "veto sponsors");
        const double affinity = r.Number("affinity", 0.05, Range::Unit());
        const double diplomatic = r.Number("diplomatic", 0.02, Range::Unit());
        if (!holder) return nullptr;
        std::vector<int> all = {*holder};
        all.insert(all.end(), protects.begin(), protects.end());
        const std::string actors = JoinIds(world, all);
        return std::make_unique<VetoEvent>(std::move(header), *holder, std::move(protects), std::move(sponsors),
                                           affinity, diplomatic, actors);
      }});
}

}  // namespace diplosim
