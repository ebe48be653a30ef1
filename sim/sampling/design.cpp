#include "sim/sampling/design.h"

#include <algorithm>
#include <numeric>

#include "sim/rng.h"
#include "sim/sampling/sobol_sequence.h"

namespace diplosim {

Eigen::MatrixXd MapToParameters(const std::vector<Distribution>& params, const Eigen::MatrixXd& unit) {
  Eigen::MatrixXd out(unit.rows(), unit.cols());
  for (int i = 0; i < unit.rows(); ++i)
    for (int j = 0; j < unit.cols(); ++j) out(i, j) = params[j].Quantile(unit(i, j));
  return out;
}

Design GridDesign(const std::vector<Distribution>& params, int per_dimension) {
  std::vector<std::vector<double>> nodes;
  long long total = 1;
  for (const auto& p : params) {
    nodes.push_back(p.GridNodes(per_dimension));
    total *= static_cast<long long>(nodes.back().size());
  }
  Design d;
  d.values.resize(total, static_cast<int>(params.size()));
  std::vector<std::size_t> idx(params.size(), 0);
  for (long long row = 0; row < total; ++row) {
    for (std::size_t j = 0; j < params.size(); ++j) d.values(row, static_cast<int>(j)) = nodes[j][idx[j]];
    // The last parameter varies fastest.
    for (int j = static_cast<int>(params.size()) - 1; j >= 0; --j) {
      if (++idx[j] < nodes[j].size()) break;
      idx[j] = 0;
    }
  }
  return d;
}

Design RandomDesign(const std::vector<Distribution>& params, int points, std::uint64_t seed) {
  Rng rng(StreamKey{seed, 0, 0, StreamPurpose::kInitial, 1});
  Eigen::MatrixXd unit(points, static_cast<int>(params.size()));
  for (int i = 0; i < points; ++i)
    for (int j = 0; j < unit.cols(); ++j) unit(i, j) = rng.Uniform();
  return Design{MapToParameters(params, unit), 0};
}

Design LatinHypercubeDesign(const std::vector<Distribution>& params, int points, std::uint64_t seed) {
  Rng rng(StreamKey{seed, 0, 0, StreamPurpose::kInitial, 2});
  Eigen::MatrixXd unit(points, static_cast<int>(params.size()));
  std::vector<int> perm(points);
  for (int j = 0; j < unit.cols(); ++j) {
    std::iota(perm.begin(), perm.end(), 0);
    // Fisher–Yates with the project's own generator (portable bits).
    for (int i = points - 1; i > 0; --i) {
      const int k = static_cast<int>(rng.Uniform() * (i + 1));
      std::swap(perm[i], perm[k]);
    }
    for (int i = 0; i < points; ++i) unit(i, j) = (perm[i] + rng.Uniform()) / points;
  }
  return Design{MapToParameters(params, unit), 0};
}

Design SaltelliDesign(const std::vector<Distribution>& params, int base_points) {
  const int k = static_cast<int>(params.size());
  SobolSequence sobol(2 * k);
  const Eigen::MatrixXd s = sobol.Points(base_points, 1);
  const Eigen::MatrixXd A = s.leftCols(k), B = s.rightCols(k);
  Eigen::MatrixXd unit(base_points * (k + 2), k);
  unit.topRows(base_points) = A;
  unit.middleRows(base_points, base_points) = B;
  for (int i = 0; i < k; ++i) {
    Eigen::MatrixXd ab = A;
    ab.col(i) = B.col(i);
    unit.middleRows((2 + i) * base_points, base_points) = ab;
  }
  return Design{MapToParameters(params, unit), base_points};
}

}  // namespace diplosim
