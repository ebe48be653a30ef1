#include "sim/events/veto_event.h"

#include <algorithm>

#include "sim/effects.h"
#include "sim/state.h"

namespace diplosim {

void VetoEvent::Apply(StepContext& ctx) const {
  State& s = ctx.state;
  for (int p : protects_) {
    AddAffinity(s, p, holder_, affinity_);
    s.capability_components(p, 2) = std::max(0.0, s.capability_components(p, 2) + diplomatic_);
  }
  for (int sp : sponsors_) AddAffinity(s, sp, holder_, -affinity_);
  ctx.LogEvent(header().type, header().name, actors_, "vetoed", static_cast<double>(protects_.size()));
}

}  // namespace diplosim
