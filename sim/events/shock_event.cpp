#include "sim/events/shock_event.h"

#include "sim/state.h"

namespace diplosim {

void ShockEvent::Apply(StepContext& ctx) const {
  for (const Change& c : changes_) ChangeTarget(ctx.state, c.target, c.value, c.add);
  ctx.LogEvent(header().type, header().name, actors_, "applied", static_cast<double>(changes_.size()));
}

}  // namespace diplosim
