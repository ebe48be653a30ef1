// Reads `statement` and `warning` events: a public stance by one actor, and
// for warnings the targets that are told to fall in line.
#include "scenarios/event_registry.h"
#include "scenarios/events/stance_reader.h"
#include "sim/events/statement_event.h"

namespace diplosim {

namespace {

std::unique_ptr<Event> ParseStatement(MapReader& r, Event::Header header, const References& refs, bool warning) {
  const World& world = refs.world();
  StatementEvent::Spec spec;
  std::optional<int> speaker;
  if (const ConfigNode* a = r.Require("actor", "the id of the actor making the statement"))
    speaker = refs.Actor(*a, header.type + " '" + header.name + "'");
  if (const ConfigNode* a = r.Get("audience")) {
    spec.audience = refs.Actors(*a, header.type + " audience");
  } else {
    for (int i = 0; i < world.NumActors(); ++i) spec.audience.push_back(i);
  }
  if (speaker) std::erase(spec.audience, *speaker);
  const ConfigNode* stance = warning ? r.Get("stance") : r.Require("stance", "a mapping of dimension ids to stated positions");
  if (stance)
    for (const auto& [d, pos] : ReadStance(*stance, refs)) spec.stances.push_back({d, pos});
  spec.commitment = r.Number("commitment", 0.1, Range::Unit());
  spec.signal = r.Number("signal", 0.05, Range::Unit());
  if (warning) {
    const ConfigNode* t = r.Require("target", "the actor(s) being warned");
    if (t) spec.targets = refs.RequiredActors(*t, "warning target");
    if (speaker && !spec.targets.empty()) {  // a group named as target may hold the speaker
      std::erase(spec.targets, *speaker);
      if (spec.targets.empty())
        refs.diags().Error(t->location, "warning '" + header.name + "' targets only its speaker '" +
                                            world.actors[*speaker].id + "'; expected another actor to warn");
    }
    spec.deference = r.Number("deference", 0.3, Range::NonNegative());
    spec.resentment = r.Number("resentment", 0.05, Range::Unit());
  }
  if (!speaker) return nullptr;
  spec.speaker = *speaker;
  std::string actors = world.actors[*speaker].id;
  for (int t : spec.targets) actors += "," + world.actors[t].id;
  return std::make_unique<StatementEvent>(std::move(header), std::move(spec), std::move(actors));
}

}  // namespace

void RegisterStatementEvent(EventRegistry& registry) {
  registry.Register(EventType{
      "statement", "an actor states positions: commits its anchor and signals to an audience",
      {"actor", "audience", "stance", "commitment", "signal"},
      [](MapReader& r, Event::Header h, const References& refs, World&) { return ParseStatement(r, std::move(h), refs, false); }});
  registry.Register(EventType{
      "warning", "a statement aimed at targets, who defer more to the speaker and resent it",
      {"actor", "audience", "stance", "commitment", "signal", "target", "deference", "resentment"},
      [](MapReader& r, Event::Header h, const References& refs, World&) { return ParseStatement(r, std::move(h), refs, true); }});
}

}  // namespace diplosim
