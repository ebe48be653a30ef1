#include "sim/events/agreement_event.h"

#include "sim/effects.h"
#include "sim/state.h"

namespace diplosim {

void AgreementEvent::Apply(StepContext& ctx) const {
  State& s = ctx.state;
  for (int n = 0; n < spec_.count; ++n) {
    for (int i : spec_.parties) {
      if (spec_.provider >= 0 && i != spec_.provider) {
        AddDependency(s, i, spec_.provider, spec_.dependency);
        AddEconomic(s, i, spec_.economic);
      }
      for (int j : spec_.parties) AddAffinity(s, i, j, spec_.affinity);
    }
  }
  for (int i : spec_.parties) {
    for (const auto& [d, pos] : spec_.stance) MoveAnchorToward(s, i, d, pos, spec_.commitment);
    for (int j : spec_.parties)
      if (j > i && spec_.hostility_cut > 0.0) ScaleHostilityBase(s, i, j, 1.0 - spec_.hostility_cut);
  }
  ctx.LogEvent(header().type, header().name, actors_, "signed", static_cast<double>(spec_.count));
}

}  // namespace diplosim
