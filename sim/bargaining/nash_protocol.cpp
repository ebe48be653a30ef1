#include "sim/bargaining/nash_protocol.h"

#include <cmath>
#include <limits>

namespace diplosim {

namespace {
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

Eigen::VectorXd Gradient(const BargainingProblem& pr, const Eigen::VectorXd& y) {
  Eigen::VectorXd g = Eigen::VectorXd::Zero(pr.NumIssues());
  for (int p = 0; p < pr.NumParticipants(); ++p) {
    const double gain = pr.Utility(p, y) - pr.Utility(p, pr.status_quo);
    const double total = pr.salience.row(p).sum();
    for (int k = 0; k < pr.NumIssues(); ++k) {
      const double w = total > 0.0 ? pr.salience(p, k) / total : 1.0 / pr.NumIssues();
      g(k) += pr.capability(p) * (-2.0 * w * (y(k) - pr.position(p, k))) / gain;
    }
  }
  return g;
}
}  // namespace

double NashProtocol::Objective(const BargainingProblem& pr, const Eigen::VectorXd& y) {
  double f = 0.0;
  for (int p = 0; p < pr.NumParticipants(); ++p) {
    const double gain = pr.Utility(p, y) - pr.Utility(p, pr.status_quo);
    if (!(gain > 0.0)) return kNegInf;
    f += pr.capability(p) * std::log(gain);
  }
  return f;
}

BargainingResult NashProtocol::Solve(const BargainingProblem& pr) const {
  const int K = pr.NumIssues();
  const int P = pr.NumParticipants();
  // Candidate starting points: each position, the clout-weighted mean, the box
  // centre, and a coarse grid on up to three issues.
  std::vector<Eigen::VectorXd> candidates;
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(K);
  for (int k = 0; k < K; ++k) {
    double wsum = 0.0;
    for (int p = 0; p < P; ++p) {
      mean(k) += pr.capability(p) * pr.salience(p, k) * pr.position(p, k);
      wsum += pr.capability(p) * pr.salience(p, k);
    }
    mean(k) = wsum > 0.0 ? mean(k) / wsum : pr.position.col(k).mean();
  }
  candidates.push_back(mean);
  candidates.push_back(Eigen::VectorXd::Constant(K, 0.5));
  for (int p = 0; p < P; ++p) candidates.push_back(pr.position.row(p).transpose());
  if (K <= 3) {
    const int steps = K == 1 ? 200 : K == 2 ? 40 : 16;
    Eigen::VectorXi idx = Eigen::VectorXi::Zero(K);
    while (true) {
      candidates.push_back(idx.cast<double>() / steps);
      int k = 0;
      while (k < K && ++idx(k) > steps) idx(k++) = 0;
      if (k == K) break;
    }
  }
  Eigen::VectorXd y;
  double best = kNegInf;
  for (const auto& c : candidates) {
    const double f = Objective(pr, c);
    if (f > best) {
      best = f;
      y = c;
    }
  }
  BargainingResult out;
  if (best == kNegInf) {
    out.zone = false;
    out.outcome = pr.status_quo;
    return out;
  }
  // Projected gradient ascent with backtracking (Armijo) on the concave F.
  double step = 0.1;
  for (int it = 0; it < 20000; ++it) {
    const Eigen::VectorXd g = Gradient(pr, y);
    bool moved = false;
    while (step > 1e-16) {
      const Eigen::VectorXd next = (y + step * g).cwiseMax(0.0).cwiseMin(1.0);
      const double f = Objective(pr, next);
      if (f > best + 1e-4 * g.dot(next - y)) {
        moved = (next - y).norm() > 1e-13;
        y = next;
        best = f;
        step *= 2.0;
        break;
      }
      step *= 0.5;
    }
    if (!moved) break;
  }
  out.outcome = y;
  return out;
}

}  // namespace diplosim
