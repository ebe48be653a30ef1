#include "sim/events/ceasefire_event.h"

#include "sim/conflict.h"
#include "sim/effects.h"
#include "sim/world.h"

namespace diplosim {

void CeasefireEvent::Apply(StepContext& ctx) const {
  State::Ceasefire& cf = ctx.state.ceasefires[index_];
  if (cf.status == State::CeasefireStatus::kPending) {
    cf.status = State::CeasefireStatus::kInForce;
    const CeasefireSpec& spec = ctx.world.ceasefires[index_];
    if (spec.excluded_hostility > 0.0)
      for (int i : spec.parties)
        for (int x : spec.excluded) AddHostility(ctx.state, i, x, spec.excluded_hostility);
  }
  UpdateCoverage(ctx.world, ctx.state);
  ctx.LogEvent(header().type, header().name, actors_, "in force", ctx.state.coverage.sum() / 2.0);
}

}  // namespace diplosim
