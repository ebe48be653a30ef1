// Reads `ceasefire` events and declares the ceasefire in the world.
#include <algorithm>

#include "scenarios/event_registry.h"
#include "scenarios/events/actor_list.h"
#include "sim/events/ceasefire_event.h"

namespace diplosim {

void RegisterCeasefireEvent(EventRegistry& registry) {
  registry.Register(EventType{
      "ceasefire", "a ceasefire comes into force among parties and guarantors, minus exclusions",
      {"parties", "guarantors", "excluded", "residual", "collapse_after", "excluded_hostility"},
      [](MapReader& r, Event::Header header, const References& refs, World& world) -> std::unique_ptr<Event> {
        CeasefireSpec spec;
        spec.name = header.name;
        spec.date = header.date;
        if (const ConfigNode* p = r.Require("parties", "the actors or groups the ceasefire binds"))
          spec.parties = refs.RequiredActors(*p, "ceasefire parties");
        if (const ConfigNode* g = r.Get("guarantors")) spec.guarantors = refs.Actors(*g, "ceasefire guarantors");
        if (const ConfigNode* x = r.Get("excluded")) spec.excluded = refs.Actors(*x, "ceasefire exclusions");
        spec.residual = r.Number("residual", -1.0, Range::Unit());
        spec.excluded_hostility = r.Number("excluded_hostility", 0.0, Range::Unit());
        if (const ConfigNode* c = r.Get("collapse_after"))
          spec.collapse_after = static_cast<int>(ReadInteger(*c, "collapse_after", 1, 1'000'000, refs.diags()).value_or(-1));
        // A ceasefire never covers a designated actor; naming one as a party is a contradiction.
        for (const char* key : {"parties", "guarantors"}) {
          const ConfigNode* node = r.Get(key);
          if (!node) continue;
          const std::vector<int>& list = std::string(key) == "parties" ? spec.parties : spec.guarantors;
          for (int i : list)
            if (world.actors[i].Flag("designated"))
              refs.diags().Error(node->location, "ceasefire '" + header.name + "' lists '" + world.actors[i].id +
                                                     "' among its " + key +
                                                     ", but it is designated and never covered; expected it under "
                                                     "'excluded' or not at all");
        }
        if (const ConfigNode* x = r.Get("excluded"))
          for (int i : spec.excluded)
            if (std::find(spec.parties.begin(), spec.parties.end(), i) != spec.parties.end() ||
                std::find(spec.guarantors.begin(), spec.guarantors.end(), i) != spec.guarantors.end())
              refs.diags().Error(x->location, "ceasefire '" + header.name + "' both covers and excludes '" +
                                                  world.actors[i].id + "'; expected each actor on one side only");
        std::vector<int> all = spec.parties;
        all.insert(all.end(), spec.guarantors.begin(), spec.guarantors.end());
        // Coverage is the dyads among parties and guarantors: one actor alone covers
        // none, and the ceasefire would do nothing at all.
        std::vector<int> covered = all;
        std::sort(covered.begin(), covered.end());
        covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
        if (const ConfigNode* parties = r.Get("parties");
            parties && covered.size() == 1)  // no parties: Require said so
          refs.diags().Error(parties->location,
                             "ceasefire '" + header.name + "' covers one actor only ('" + world.actors[covered[0]].id +
                                 "'), and a ceasefire covers the pairs among its parties and guarantors; expected two "
                                 "or more (for a unilateral ceasefire, list the actor and those it stops fighting as "
                                 "parties)");
        const std::string actors = JoinIds(world, all);
        const int index = static_cast<int>(world.ceasefires.size());
        world.ceasefires.push_back(std::move(spec));
        return std::make_unique<CeasefireEvent>(std::move(header), index, actors);
      }});
}

}  // namespace diplosim
