#include "sim/affinity.h"

#include <algorithm>

#include "sim/world.h"

namespace diplosim {

bool AffinityParams::IsValid(std::string* why) const {
  if (!(rate >= 0.0 && rate <= 1.0)) {
    if (why) *why = "rate = " + std::to_string(rate) + "; must be in [0, 1]";
    return false;
  }
  if (!(hostility_weight >= 0.0)) {
    if (why) *why = "hostility_weight = " + std::to_string(hostility_weight) + "; must be >= 0";
    return false;
  }
  return true;
}

void AffinityMechanism::Step(StepContext& ctx) const {
  const AffinityParams& p = ctx.world.params.affinity;
  State& s = ctx.state;
  const int n = s.NumActors();
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      if (i == j) continue;
      // δ_ij = Σ_d S_id |X_id − X_jd| ∈ [0, 1]
      const double delta =
          (s.salience.row(i).array() * (s.position.row(i) - s.position.row(j)).array().abs()).sum();
      const double target = 1.0 - 2.0 * delta - p.hostility_weight * s.hostility(i, j);
      const double a = s.affinity(i, j) + p.rate * (target - s.affinity(i, j));
      s.affinity(i, j) = std::clamp(a, -1.0, 1.0);
    }
  }
}

}  // namespace diplosim
