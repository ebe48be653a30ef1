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
  if (!weights) return fail("no listening matrix");
  const Eigen::Index n = weights->IsSparse() ? weights->sparse.rows() : weights->dense.rows();
  if (n != size) return fail("listening matrix of " + std::to_string(n) + " agents; size is " + std::to_string(size));
  return true;
}

InfluenceStorage ChooseStorage(int size, long long non_zeros) {
  // Dense pays off only while the matrix is small (≤ 2,000 agents: 32 MB) and
  // at least a tenth full; a dense product touches every entry, zero or not.
  const double density = static_cast<double>(non_zeros) / (static_cast<double>(size) * size);
  return size <= 2000 && density >= 0.1 ? InfluenceStorage::kDense : InfluenceStorage::kSparse;
}

std::shared_ptr<const ListeningMatrix> MakeListeningMatrix(const Network& network, InfluenceStorage storage) {
  auto m = std::make_shared<ListeningMatrix>();
  Eigen::SparseMatrix<double, Eigen::RowMajor> w = network.RowStochastic();
  if (storage == InfluenceStorage::kAuto) storage = ChooseStorage(network.size, w.nonZeros());
  if (storage == InfluenceStorage::kDense) {
    m->dense = Eigen::MatrixXd(w);
  } else {
    m->sparse = std::move(w);
  }
  m->links = static_cast<long long>(network.edges.size());
  return m;
}

void SetWeights(PopulationSpec& p, const Network& network) { p.weights = MakeListeningMatrix(network, p.storage); }

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
  const ListeningMatrix& w = *p.weights;
  if (w.IsSparse()) {
    work.noalias() = w.sparse * x;
  } else {
    work.noalias() = w.dense * x;
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
