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
  // δ_ij = Σ_d S_id |X_id − X_jd| ∈ [0, 1], built one dimension and one column j
  // at a time so that every inner loop runs down a contiguous column over i.
  Eigen::MatrixXd& delta = s.work_nn;
  delta.setZero(n, n);
  for (int d = 0; d < s.NumDimensions(); ++d)
    for (int j = 0; j < n; ++j)
      delta.col(j).array() += s.salience.col(d).array() * (s.position.col(d).array() - s.position(j, d)).abs();
  // A_ij += ρ (1 − 2δ_ij − κ_H H_ij − A_ij), clipped to [−1, 1]; the diagonal is
  // not a relation and keeps its value.
  Eigen::VectorXd& diagonal = s.work_n;
  diagonal = s.affinity.diagonal();
  s.affinity.array() = (s.affinity.array() +
                        p.rate * (1.0 - 2.0 * delta.array() - p.hostility_weight * s.hostility.array() - s.affinity.array()))
                           .cwiseMax(-1.0)
                           .cwiseMin(1.0);
  s.affinity.diagonal() = diagonal;
}

}  // namespace diplosim
