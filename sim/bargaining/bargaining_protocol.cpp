#include "sim/bargaining/bargaining_protocol.h"

#include <algorithm>
#include <numeric>

namespace diplosim {

double BargainingProblem::Utility(int p, const Eigen::VectorXd& y) const {
  const double total = salience.row(p).sum();
  double u = 0.0;
  for (int k = 0; k < NumIssues(); ++k) {
    const double w = total > 0.0 ? salience(p, k) / total : 1.0 / NumIssues();
    const double gap = y(k) - position(p, k);
    u -= w * gap * gap;
  }
  return u;
}

double WeightedMedian(const Eigen::VectorXd& values, const Eigen::VectorXd& weights) {
  const int n = static_cast<int>(values.size());
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return values(a) < values(b); });
  double total = weights.sum();
  const bool unweighted = !(total > 0.0);
  if (unweighted) total = n;
  double cumulative = 0.0;
  for (int idx : order) {
    cumulative += unweighted ? 1.0 : weights(idx);
    if (cumulative >= 0.5 * total - 1e-12 * total) return values(idx);
  }
  return values(order.back());
}

}  // namespace diplosim
