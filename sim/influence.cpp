#include "sim/influence.h"

#include <algorithm>
#include <cmath>

#include "sim/world.h"

namespace diplosim {

namespace {
// w_i: the actor's own weight, else the mechanism default.
double SelfWeight(const World& world, int i) {
  const double own = world.actors[i].self_weight;
  return own >= 0.0 ? own : world.params.influence.self_weight;
}
}  // namespace

bool InfluenceParams::IsValid(std::string* why) const {
  auto fail = [&](std::string msg) {
    if (why) *why = std::move(msg);
    return false;
  };
  if (!(self_weight >= 0.0 && self_weight <= 1.0))
    return fail("self_weight = " + std::to_string(self_weight) + "; must be in [0, 1]");
  if (!(dependency_weight >= 0.0))
    return fail("dependency_weight = " + std::to_string(dependency_weight) + "; must be >= 0");
  if (!(deference_weight >= 0.0))
    return fail("deference_weight = " + std::to_string(deference_weight) + "; must be >= 0");
  if (!(affinity_weight >= 0.0))
    return fail("affinity_weight = " + std::to_string(affinity_weight) + "; must be >= 0");
  if (!(salience_modulation >= 0.0))
    return fail("salience_modulation = " + std::to_string(salience_modulation) + "; must be >= 0");
  if (!(noise >= 0.0 && noise <= 1.0))
    return fail("noise = " + std::to_string(noise) + "; must be in [0, 1]");
  if (explicit_weights.size() > 0) {
    if (explicit_weights.rows() != explicit_weights.cols())
      return fail("weights must be a square matrix");
    if ((explicit_weights.array() < 0.0).any()) return fail("weights must be >= 0");
    for (int i = 0; i < explicit_weights.rows(); ++i) {
      const double sum = explicit_weights.row(i).sum();
      if (std::abs(sum - 1.0) > 1e-6)
        return fail("row " + std::to_string(i + 1) + " of weights sums to " + std::to_string(sum) +
                    "; each row must sum to 1 (±1e-6)");
    }
  }
  return true;
}

void RebuildInfluence(const World& world, State& s) {
  const InfluenceParams& p = world.params.influence;
  const int n = s.NumActors();

  // L_id = λ_i (1 − S_id)^σ: an actor yields less on the issues it cares most about.
  // σ = 0 and σ = 1 (the defaults) skip pow, which dominates small worlds.
  if (p.salience_modulation == 0.0) {
    s.effective_susceptibility = s.susceptibility.replicate(1, s.NumDimensions());
  } else if (p.salience_modulation == 1.0) {
    s.effective_susceptibility.noalias() = s.susceptibility.asDiagonal() * (1.0 - s.salience.array()).matrix();
  } else {
    s.effective_susceptibility.noalias() =
        s.susceptibility.asDiagonal() * (1.0 - s.salience.array()).pow(p.salience_modulation).matrix();
  }

  if (p.explicit_weights.size() > 0) {
    // Fixed W: copied once (Freeze), never rebuilt.
    if (s.influence.data() == nullptr || s.influence.rows() != p.explicit_weights.rows()) s.influence = p.explicit_weights;
    return;
  }

  // Raw weight r_ij = ĉ_j (α_D Dp_ij + α_A max(A_ij, 0) + α_G G_ij) for j ≠ i: i
  // listens to those it needs, likes or defers to, in proportion to their capability.
  const double c_max = s.capability.maxCoeff();
  Eigen::MatrixXd& r = s.work_nn;
  r = p.dependency_weight * s.dependency + p.affinity_weight * s.affinity.cwiseMax(0.0) +
      p.deference_weight * s.deference;
  if (c_max > 0.0) {
    // Column j scaled by ĉ_j, in place: r · diag and rowwise() both build a temporary.
    for (int j = 0; j < n; ++j) r.col(j) *= s.capability(j) / c_max;
  } else {
    r.setZero();
  }
  r.diagonal().setZero();

  // Bounded confidence: i ignores j when their salience-weighted distance (from
  // i's point of view) exceeds ε_i.
  for (int i = 0; i < n; ++i) {
    const double eps = world.actors[i].confidence_bound;
    if (!std::isfinite(eps)) continue;
    for (int j = 0; j < n; ++j) {
      if (j == i || r(i, j) == 0.0) continue;
      const double dist =
          (s.salience.row(i).array() * (s.position.row(i) - s.position.row(j)).array().abs()).sum();
      if (dist > eps) r(i, j) = 0.0;
    }
  }

  // Row i scaled to 1 − w_i, then w_i on the diagonal; a row with nobody to
  // listen to keeps its own position (W_ii = 1). Scaling by a diagonal runs down
  // the columns, which row-by-row access of this column-major matrix does not.
  Eigen::VectorXd& scale = s.work_n;
  scale.noalias() = r.rowwise().sum();
  for (int i = 0; i < n; ++i) scale(i) = scale(i) > 0.0 ? (1.0 - SelfWeight(world, i)) / scale(i) : 0.0;
  s.influence.noalias() = scale.asDiagonal() * r;
  for (int i = 0; i < n; ++i) s.influence(i, i) = scale(i) > 0.0 ? SelfWeight(world, i) : 1.0;
}

void InfluenceMechanism::Step(StepContext& ctx) const {
  State& s = ctx.state;
  RebuildInfluence(ctx.world, s);
  s.work_nd.noalias() = s.influence * s.position;
  s.position = s.effective_susceptibility.cwiseProduct(s.work_nd) +
               (1.0 - s.effective_susceptibility.array()).matrix().cwiseProduct(s.anchor);
  const double noise = ctx.world.params.influence.noise;
  if (noise > 0.0) {
    // One draw per value, in the positions' (column-major) order.
    Eigen::MatrixXd& draws = s.work_nd;
    ctx.Stream(StreamPurpose::kInfluenceNoise).FillNormal(draws.data(), static_cast<std::size_t>(draws.size()));
    double* x = s.position.data();
    for (Eigen::Index k = 0; k < s.position.size(); ++k) x[k] = std::clamp(x[k] + noise * draws(k), 0.0, 1.0);
  }
}

}  // namespace diplosim
