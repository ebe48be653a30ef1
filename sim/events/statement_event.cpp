#include "sim/events/statement_event.h"

#include <algorithm>
#include <cmath>

#include "sim/effects.h"
#include "sim/state.h"

namespace diplosim {

void StatementEvent::Apply(StepContext& ctx) const {
  State& s = ctx.state;
  const int speaker = spec_.speaker;
  for (const Stance& st : spec_.stances) MoveAnchorToward(s, speaker, st.dimension, st.position, spec_.commitment);

  double agreement_total = 0.0;
  for (int j : spec_.audience) {
    double weighted = 0.0;
    double weight = 0.0;
    for (const Stance& st : spec_.stances) {
      const double sal = s.salience(j, st.dimension);
      weighted += sal * (1.0 - 2.0 * std::abs(s.position(j, st.dimension) - st.position));
      weight += sal;
    }
    const double agreement = weight > 0.0 ? weighted / weight : 0.0;
    agreement_total += agreement;
    AddAffinity(s, j, speaker, spec_.signal * agreement);
  }
  for (int t : spec_.targets) {
    AddDeference(s, t, speaker, spec_.deference);
    AddAffinity(s, t, speaker, -spec_.resentment);
  }
  const double mean = spec_.audience.empty() ? 0.0 : agreement_total / static_cast<double>(spec_.audience.size());
  ctx.LogEvent(header().type, header().name, actors_, "applied", mean);
}

}  // namespace diplosim
