#include "sim/population.h"

#include <algorithm>
#include <cmath>

#include "sim/rng.h"
#include "sim/state.h"
#include "sim/world.h"

namespace diplosim {

bool PopulationSpec::IsValid(std::string* why) const {
  auto fail = [&](std::string msg) {
    if (why) *why = "population '" + id + "': " + std::move(msg);
    return false;
  };
  if (size < 1) return fail("size = " + std::to_string(size) + "; must be >= 1");
  for (auto [name, v] : {std::pair{"susceptibility", susceptibility}, std::pair{"actor_pull", actor_pull},
                         std::pair{"feedback", feedback}})
    if (!(v >= 0.0 && v <= 1.0)) return fail(std::string(name) + " = " + std::to_string(v) + "; must be in [0, 1]");
  if (!(spread >= 0.0 && std::isfinite(spread))) return fail("spread = " + std::to_string(spread) + "; must be >= 0");
  return true;
}

InfluenceStorage ChooseStorage(int size, long long non_zeros) {
  // Dense pays off only while the matrix is small (≤ 2,000 agents: 32 MB) and
  // at least a tenth full; a dense product touches every entry, zero or not.
  const double density = static_cast<double>(non_zeros) / (static_cast<double>(size) * size);
  return size <= 2000 && density >= 0.1 ? InfluenceStorage::kDense : InfluenceStorage::kSparse;
}

void SetWeights(PopulationSpec& p, const Network& network) {
  Eigen::SparseMatrix<double, Eigen::RowMajor> w = network.RowStochastic();
  InfluenceStorage storage = p.storage;
  if (storage == InfluenceStorage::kAuto) storage = ChooseStorage(p.size, w.nonZeros());
  if (storage == InfluenceStorage::kDense) {
    p.dense_weights = Eigen::MatrixXd(w);
    p.sparse_weights = {};
  } else {
    p.sparse_weights = std::move(w);
    p.dense_weights.resize(0, 0);
  }
}

PopulationMoments MomentsOf(const Eigen::MatrixXd& x, int j, const Dimension& dim) {
  const double m = x.col(j).mean();
  const double sd = std::sqrt((x.col(j).array() - m).square().mean());
  return {dim.low + m * (dim.high - dim.low), sd * (dim.high - dim.low)};
}

Eigen::MatrixXd InitialPopulationPositions(const PopulationSpec& p, const Eigen::RowVectorXd& actor_position,
                                           std::size_t index) {
  StreamKey key;
  key.seed = p.seed;
  key.purpose = StreamPurpose::kPopulation;
  key.qualifier = index;
  Rng rng(key);
  Eigen::MatrixXd x(p.size, actor_position.size());
  for (int k = 0; k < p.size; ++k)
    for (int d = 0; d < actor_position.size(); ++d)
      x(k, d) = std::clamp(actor_position(d) + p.spread * rng.Normal(), 0.0, 1.0);
  return x;
}

void StepPopulation(const PopulationSpec& p, const Eigen::MatrixXd& anchor, Eigen::MatrixXd& x, Eigen::MatrixXd& work,
                    ActorRow actor_position) {
  if (p.IsSparse()) {
    work.noalias() = p.sparse_weights * x;
  } else {
    work.noalias() = p.dense_weights * x;
  }
  const double lambda = p.susceptibility;
  const double beta = p.actor_pull;
  // x ← λ((1 − β) W x + β x_a) + (1 − λ) u, row by row via broadcasting.
  x = (lambda * (1.0 - beta)) * work + (1.0 - lambda) * anchor;
  for (Eigen::Index d = 0; d < x.cols(); ++d) x.col(d).array() += lambda * beta * actor_position(d);
  if (p.feedback > 0.0) {
    // The actor moves toward the mean of its agents (a convex step: stays in [0, 1]).
    actor_position = (1.0 - p.feedback) * actor_position + p.feedback * x.colwise().mean();
  }
}

void PopulationMechanism::Step(StepContext& ctx) const {
  State& s = ctx.state;
  const auto& populations = ctx.world.populations;
  for (std::size_t i = 0; i < populations.size(); ++i) {
    const PopulationSpec& p = populations[i];
    StepPopulation(p, ctx.world.population_anchors[i], s.population_position[i], s.population_work[i],
                   s.position.row(p.actor));
  }
}

}  // namespace diplosim
