#include "sim/events/statement_event.h"

#include <algorithm>
#include <cmath>

#include "sim/state.h"

namespace diplosim {

void StatementEvent::Apply(StepContext& ctx) const {
  State& s = ctx.state;
  for (const Stance& st : stances_)
    s.anchor(speaker_, st.dimension) += commitment_ * (st.position - s.anchor(speaker_, st.dimension));

  double agreement_total = 0.0;
  for (int j : audience_) {
    double weighted = 0.0;
    double weight = 0.0;
    for (const Stance& st : stances_) {
      const double sal = s.salience(j, st.dimension);
      weighted += sal * (1.0 - 2.0 * std::abs(s.position(j, st.dimension) - st.position));
      weight += sal;
    }
    const double agreement = weight > 0.0 ? weighted / weight : 0.0;
    agreement_total += agreement;
    s.affinity(j, speaker_) = std::clamp(s.affinity(j, speaker_) + signal_ * agreement, -1.0, 1.0);
  }
  const double mean = audience_.empty() ? 0.0 : agreement_total / static_cast<double>(audience_.size());
  ctx.LogEvent(header().type, header().name, actors_, "applied", mean);
}

}  // namespace diplosim
