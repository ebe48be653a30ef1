#include "sim/simulation.h"

#include <cassert>
#include <cmath>

#include "sim/invariants.h"
#include "sim/world.h"

namespace diplosim {

namespace {

void CheckFinite(const World& world, const State& s, Date date) {
  auto check = [&](const auto& m, const char* name) {  // generic: no temporary copy per step
    // One vectorised pass: a NaN or ±inf entry makes the sum non-finite. A finite
    // matrix whose sum overflows falls through to the exact check below.
    if (std::isfinite(m.sum()) || m.allFinite()) return;
    for (int i = 0; i < m.rows(); ++i)
      if (!m.row(i).allFinite())
        throw SimulationError(std::string("non-finite ") + name + " for actor '" +
                              world.actors[i].id + "' on " + date.ToString());
  };
  check(s.capability, "capability");
  check(s.influence, "influence");
  check(s.position, "position");
  check(s.affinity, "affinity");
  check(s.hostility, "hostility");
  check(s.capability_components, "capability");
}

}  // namespace

void SimulateReplicate(const World& world, const ReplicateId& id, Recorder& recorder) {
  State state = world.initial;
  StepContext ctx{world, state, recorder, StreamKey{id.seed, id.point, static_cast<std::uint64_t>(id.replicate)},
                  id.replicate, 0, world.calendar.start};
  recorder.OnState(0, state);

  const int num_steps = world.calendar.NumSteps();
  std::size_t next_event = 0;
  for (int k = 0; k < num_steps; ++k) {
    ctx.step = k;
    ctx.date = world.calendar.DateOf(k);
    const Date step_end = world.calendar.DateOf(k + 1);

    // Phase 1: events dated within [date_k, date_k+1).
    // Their rows carry their own date; what happens within the step (triggers,
    // decisions, violations) carries the step's first day.
    while (next_event < world.events.size() && world.events[next_event]->header().date < step_end) {
      ctx.date = world.events[next_event]->header().date;
      world.events[next_event]->Apply(ctx);
      ++next_event;
    }
    ctx.date = world.calendar.DateOf(k);
    for (const auto& trigger : world.triggers) trigger->Check(ctx);
    // Phase 2: decisions, every decision_interval steps, in actor order.
    if (k % world.params.decision_interval == 0)
      for (int i = 0; i < world.NumActors(); ++i)
        if (world.decision_models[i]) world.decision_models[i]->Decide(i, ctx);
    // Phase 3: mechanisms, in the world's fixed order.
    UpdateCapability(world, state);
    for (const auto& mechanism : world.mechanisms) mechanism->Step(ctx);
    UpdateCapability(world, state);

    CheckFinite(world, state, step_end);
#ifndef NDEBUG
    const std::string broken = CheckInvariants(state);
    assert(broken.empty() && "state invariant broken (see CheckInvariants)");
#endif
    // Phase 4: record.
    recorder.OnState(k + 1, state);
  }
}

}  // namespace diplosim
