// Reads `shock` events: set and/or add values of the state by path.
#include <algorithm>

#include "scenarios/event_registry.h"
#include "sim/events/shock_event.h"

namespace diplosim {

namespace {

// The range a set value must lie in, in the units the scenario writes.
Range SetRange(const World& world, const References::Targets& t) {
  switch (t.field) {
    case StateField::kPosition:
    case StateField::kAnchor: {
      const Dimension& d = world.dimensions[t.dimension];
      return Range::Between(std::min(d.low, d.high), std::max(d.low, d.high));
    }
    case StateField::kSalience:
    case StateField::kSusceptibility:
    case StateField::kDependency: return Range::Unit();
    case StateField::kAffinity: return Range::Between(-1.0, 1.0);
    case StateField::kCapability:
    case StateField::kHostility:
    case StateField::kSupport: return Range::NonNegative();
  }
  return Range::Any();
}

void ReadChanges(const ConfigNode* node, bool add, const References& refs, std::vector<ShockEvent::Change>& out,
                 std::vector<int>& actors) {
  if (!node) return;
  const char* key = add ? "add" : "set";
  if (!node->IsMap()) {
    refs.diags().Error(node->location, std::string("shock.") + key +
                                           " must be a mapping of state paths to values; got " + node->Describe() +
                                           "; expected e.g. 'affinity." + refs.ExampleActor(0) + "." +
                                           refs.ExampleActor(1) + ": 0.1'");
    return;
  }
  if (node->entries.empty())
    refs.diags().Error(node->location, std::string("shock.") + key + " is empty; expected at least one 'PATH: value'");
  for (const auto& e : node->entries) {
    auto targets = refs.StatePath(e.key, e.key_location);
    if (!targets) continue;
    const World& world = refs.world();
    const Range range = add ? Range::Any() : SetRange(world, *targets);
    auto value = ReadNumber(e.value, std::string(key) + " value for '" + e.key + "'", range, refs.diags());
    if (!value) continue;
    double v = *value;
    if (targets->field == StateField::kPosition || targets->field == StateField::kAnchor) {
      const Dimension& d = world.dimensions[targets->dimension];
      v = add ? v / (d.high - d.low) : d.ToUnit(v);
    }
    for (const auto& t : targets->targets) {
      out.push_back(ShockEvent::Change{t, v, add});
      actors.push_back(t.i);
      if (IsPairField(t.field)) actors.push_back(t.k);
    }
  }
}

}  // namespace

void RegisterShockEvent(EventRegistry& registry) {
  registry.Register(EventType{
      "shock", "set or add values of the state by path (position.ACTOR.DIM, affinity.A.B, …)",
      {"set", "add"},
      [](MapReader& r, Event::Header header, const References& refs, World&) -> std::unique_ptr<Event> {
        std::vector<ShockEvent::Change> changes;
        std::vector<int> actors;
        ReadChanges(r.Get("set"), false, refs, changes, actors);
        ReadChanges(r.Get("add"), true, refs, changes, actors);
        if (!r.Get("set") && !r.Get("add"))
          refs.diags().Error(r.node().location, "shock '" + header.name +
                                                    "' changes nothing; expected a 'set' or 'add' mapping");
        std::sort(actors.begin(), actors.end());
        actors.erase(std::unique(actors.begin(), actors.end()), actors.end());
        std::string ids;
        for (int i : actors) ids += (ids.empty() ? "" : ",") + refs.world().actors[i].id;
        return std::make_unique<ShockEvent>(std::move(header), std::move(changes), std::move(ids));
      }});
}

}  // namespace diplosim
