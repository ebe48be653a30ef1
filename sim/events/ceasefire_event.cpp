#include "sim/events/ceasefire_event.h"

#include "sim/conflict.h"
#include "sim/world.h"

namespace diplosim {

void CeasefireEvent::Apply(StepContext& ctx) const {
  State::Ceasefire& cf = ctx.state.ceasefires[index_];
  if (cf.status == State::CeasefireStatus::kPending) cf.status = State::CeasefireStatus::kInForce;
  UpdateCoverage(ctx.world, ctx.state);
  ctx.LogEvent(header().type, header().name, actors_, "in force", ctx.state.coverage.sum() / 2.0);
}

}  // namespace diplosim
