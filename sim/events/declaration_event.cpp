#include "sim/events/declaration_event.h"

#include "sim/effects.h"
#include "sim/state.h"

namespace diplosim {

void DeclarationEvent::Apply(StepContext& ctx) const {
  State& s = ctx.state;
  for (int i : signatories_) {
    for (const Stance& st : stances_) MoveAnchorToward(s, i, st.dimension, st.position, commitment_);
    for (int j : signatories_) AddAffinity(s, i, j, affinity_gain_);
  }
  ctx.LogEvent(header().type, header().name, actors_, "signed", static_cast<double>(signatories_.size()));
}

}  // namespace diplosim
