// Reads `deployment` and `withdrawal` events.
#include "scenarios/event_registry.h"
#include "scenarios/events/actor_list.h"
#include "sim/events/deployment_event.h"

namespace diplosim {

namespace {

std::unique_ptr<Event> ParseDeployment(MapReader& r, Event::Header header, const References& refs, World& world,
                                       bool withdraw) {
  std::optional<int> actor;
  if (const ConfigNode* a = r.Require("actor", "the actor that deploys or withdraws")) actor = refs.Actor(*a, header.type);
  std::vector<int> to, against;
  if (const ConfigNode* t = r.Require("to", "the actor(s) supported"))
    to = refs.RequiredActors(*t, header.type + " to");
  if (const ConfigNode* a = r.Get("against")) against = refs.Actors(*a, header.type + " against");
  if (actor) {  // a group named in `to` may hold the actor itself
    const bool named = !to.empty();
    std::erase(to, *actor);
    std::erase(against, *actor);
    if (named && to.empty())
      refs.diags().Error(r.Get("to")->location, header.type + " '" + header.name + "' names only '" +
                                                    world.actors[*actor].id +
                                                    "' itself in 'to'; expected the other actors it supports");
  }
  // A withdrawal without an amount removes all support.
  const double amount = r.Number("support", withdraw ? -1.0 : 0.2, withdraw ? Range::Any() : Range::NonNegative());
  const double hostility = r.Number("hostility", withdraw ? 0.0 : 0.1, Range::NonNegative());
  if (!actor) return nullptr;
  std::vector<int> all = {*actor};
  all.insert(all.end(), to.begin(), to.end());
  const std::string actors = JoinIds(world, all);
  return std::make_unique<DeploymentEvent>(std::move(header), *actor, std::move(to), std::move(against), amount,
                                           hostility, withdraw, actors);
}

}  // namespace

void RegisterDeploymentEvents(EventRegistry& registry) {
  registry.Register(EventType{"deployment", "an actor commits support (air cover, ground forces) to others",
                              {"actor", "to", "against", "support", "hostility"},
                              [](MapReader& r, Event::Header h, const References& refs, World& w) {
                                return ParseDeployment(r, std::move(h), refs, w, false);
                              }});
  registry.Register(EventType{"withdrawal", "an actor withdraws support (all of it unless an amount is given)",
                              {"actor", "to", "against", "support", "hostility"},
                              [](MapReader& r, Event::Header h, const References& refs, World& w) {
                                return ParseDeployment(r, std::move(h), refs, w, true);
                              }});
}

}  // namespace diplosim
