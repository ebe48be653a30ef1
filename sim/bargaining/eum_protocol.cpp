#include "sim/bargaining/eum_protocol.h"

#include <algorithm>
#include <cmath>

namespace diplosim {

namespace {

// y^r. Every exponent of the risk step and of the median is 1, and glibc's pow
// returns y itself then (checked on every power of two and 10^8 random
// doubles across all binades), so skipping the call changes no bit; the calls
// were half of a large table's time.
double Power(double y, double r) { return r == 1.0 ? y : std::pow(y, r); }

}  // namespace

bool EumOptions::IsValid(std::string* why) const {
  if (rounds < 0) {
    if (why) *why = "rounds = " + std::to_string(rounds) + "; must be >= 0";
    return false;
  }
  if (!(q >= 0.0)) {
    if (why) *why = "q = " + std::to_string(q) + "; must be >= 0";
    return false;
  }
  return true;
}

EumIssue::EumIssue(Eigen::VectorXd c, Eigen::VectorXd x, Eigen::VectorXd s, EumOptions options)
    : c_(std::move(c)), x_(std::move(x)), s_(std::move(s)), options_(options) {
  delta_ = x_.size() > 0 ? x_.maxCoeff() - x_.minCoeff() : 0.0;
}

// v_k(a, b) = c_k s_k ((|x_k − b|/Δ)^r_k − (|x_k − a|/Δ)^r_k): k's vote for a over b.
double EumIssue::Vote(int k, double a, double b, double r_k) const {
  return c_(k) * s_(k) * (Power(std::abs(x_(k) - b) / delta_, r_k) - Power(std::abs(x_(k) - a) / delta_, r_k));
}

Eigen::MatrixXd EumIssue::ProbabilityMatrix(const Eigen::VectorXd& r) const {
  const int n = static_cast<int>(x_.size());
  // u(k, a) = (|x_k − x_a|/Δ)^r_k, so v_k(a, b) = w_k (u(k, b) − u(k, a)) with w_k = c_k s_k.
  Eigen::MatrixXd u(n, n);
  for (int k = 0; k < n; ++k)
    for (int a = 0; a < n; ++a) u(k, a) = Power(std::abs(x_(k) - x_(a)) / delta_, r(k));
  const Eigen::VectorXd w = c_.cwiseProduct(s_);
  // One pass over (a, b, k) gives each pair's votes for a move (favour) and
  // all its votes' weight, and Σ_a Σ_b Σ_k |v_k(x_a, x_b)| in the order
  // Scholz's code sums it (the rounds' discrete choices can turn on the last
  // bit of that sum). Every sum takes its terms in the definition's order, so
  // the matrix is bit for bit what separate passes give, in half the work.
  Eigen::MatrixXd favour(n, n), pair_total(n, n);
  double total = 0.0;
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b) {
      double for_b = 0.0, weight = 0.0;
      for (int k = 0; k < n; ++k) {
        const double v = w(k) * (u(k, b) - u(k, a));
        total += std::abs(v);
        for_b += std::max(0.0, v);
        weight += std::abs(v);
      }
      favour(a, b) = for_b;
      pair_total(a, b) = weight;
    }
  const bool scholz = options_.probability == EumOptions::Probability::kScholz;
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (x_(i) == x_(j)) continue;
      const double denominator = scholz ? total : pair_total(i, j);
      P(i, j) = denominator > 0.0 ? favour(i, j) / denominator : 0.0;
    }
  return P;
}

double EumIssue::Probability(int i, int j, const Eigen::VectorXd& r) const { return ProbabilityMatrix(r)(i, j); }

double EumIssue::ExpectedUtility(int i, int j, double r_p, const Eigen::VectorXd& r) const {
  return ExpectedUtilityWith(i, j, Utilities(i, j, r_p), ProbabilityMatrix(r));
}

EumIssue::ChallengeUtilities EumIssue::Utilities(int i, int j, double r_p) const {
  const double d = std::abs(x_(i) - x_(j)) / delta_;
  return {2.0 - 4.0 * Power(0.5 - 0.5 * d, r_p), 2.0 - 4.0 * Power(0.5 + 0.5 * d, r_p), 2.0 - 4.0 * Power(0.5, r_p)};
}

double EumIssue::ExpectedUtilityWith(int i, int j, const ChallengeUtilities& u, const Eigen::MatrixXd& P) const {
  const double p = P(i, j);
  return s_(j) * (p * u.success + (1.0 - p) * u.failure) + (1.0 - s_(j)) * u.success - options_.q * u.status_quo;
}

Eigen::VectorXd EumIssue::RiskExponents() const {
  const int n = static_cast<int>(x_.size());
  const Eigen::MatrixXd P = ProbabilityMatrix(Eigen::VectorXd::Ones(n));
  // Danger D_i = Σ_{j≠i} EU(j → i), everything with r = 1.
  Eigen::VectorXd danger = Eigen::VectorXd::Zero(n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (j != i) danger(i) += ExpectedUtilityWith(j, i, Utilities(j, i, 1.0), P);
  const double hi = danger.maxCoeff(), lo = danger.minCoeff();
  Eigen::VectorXd r = Eigen::VectorXd::Ones(n);
  if (hi > lo)
    for (int i = 0; i < n; ++i) {
      const double R = (2.0 * danger(i) - hi - lo) / (hi - lo);
      r(i) = (1.0 - R / 3.0) / (1.0 + R / 3.0);
    }
  return r;
}

double EumIssue::MeanForecast() const {
  const double w = c_.cwiseProduct(s_).sum();
  return w > 0.0 ? c_.cwiseProduct(s_).dot(x_) / w : x_.mean();
}

double EumIssue::MedianForecast() const {
  const int n = static_cast<int>(x_.size());
  if (delta_ == 0.0) return x_(0);
  std::vector<double> distinct(x_.data(), x_.data() + n);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  for (double a : distinct) {
    bool beaten = false;
    for (double b : distinct) {
      if (b == a) continue;
      double total = 0.0;
      for (int k = 0; k < n; ++k) total += Vote(k, a, b, 1.0);
      if (total < 0.0) {
        beaten = true;
        break;  // a is no Condorcet winner
      }
    }
    if (!beaten) return a;
  }
  return WeightedMedian(x_, c_.cwiseProduct(s_));  // no Condorcet winner (cannot happen on one issue)
}

void EumIssue::Round(int t) {
  const int n = static_cast<int>(x_.size());
  const Eigen::VectorXd r = RiskExponents();
  const Eigen::MatrixXd P = ProbabilityMatrix(r);
  Eigen::VectorXd next = x_;
  EumRound round;
  round.round = t;
  for (int i = 0; i < n; ++i) {
    int best_conf = -1, best_comp = -1, best_cap = -1;
    double comp_key = 0.0, comp_to = 0.0;
    for (int j = 0; j < n; ++j) {
      if (j == i || x_(j) == x_(i)) continue;
      // Both challenges span the same distance and are seen with i's exponent.
      const ChallengeUtilities u = Utilities(i, j, r(i));
      const double e_ij = ExpectedUtilityWith(i, j, u, P);
      const double e_ji = ExpectedUtilityWith(j, i, u, P);
      const double dist = std::abs(x_(j) - x_(i));
      if (e_ji > e_ij && e_ij > 0.0) {
        if (best_conf < 0 || dist < std::abs(x_(best_conf) - x_(i))) best_conf = j;
      } else if (e_ji > 0.0 && 0.0 > e_ij) {
        if (e_ji > std::abs(e_ij)) {
          const double to = x_(i) + (x_(j) - x_(i)) * std::abs(e_ij / e_ji);
          const double key = options_.compromise_choice == EumOptions::CompromiseChoice::kScholz
                                 ? (std::abs(e_ij) * x_(i) + std::abs(e_ji) * x_(j)) / (std::abs(e_ij) + std::abs(e_ji))
                                 : std::abs(to - x_(i));
          if (best_comp < 0 || key < comp_key) {
            best_comp = j;
            comp_key = key;
            comp_to = to;
          }
        } else if (best_cap < 0 || dist < std::abs(x_(best_cap) - x_(i))) {
          best_cap = j;
        }
      }
    }
    EumMove move;
    move.mover = i;
    move.from = x_(i);
    if (best_conf >= 0) {
      move.toward = best_conf;
      move.kind = "confrontation";
      move.to = x_(best_conf);
    } else if (best_comp >= 0) {
      move.toward = best_comp;
      move.kind = "compromise";
      move.to = comp_to;
    } else if (best_cap >= 0) {
      move.toward = best_cap;
      move.kind = "capitulation";
      move.to = x_(best_cap);
    } else {
      continue;
    }
    next(i) = move.to;
    round.moves.push_back(move);
  }
  x_ = next;  // all actors move at once
  round.mean = MeanForecast();
  round.median = MedianForecast();
  trace_.push_back(std::move(round));
}

void EumIssue::Run() {
  trace_.clear();
  EumRound initial;
  initial.mean = MeanForecast();
  initial.median = MedianForecast();
  trace_.push_back(initial);
  if (delta_ == 0.0) return;
  for (int t = 1; t <= options_.rounds; ++t) Round(t);
}

BargainingResult EumProtocol::Solve(const BargainingProblem& pr) const {
  BargainingResult out;
  out.outcome.resize(pr.NumIssues());
  for (int k = 0; k < pr.NumIssues(); ++k) {
    EumIssue issue(pr.capability, pr.position.col(k), pr.intensity.col(k), options_);
    issue.Run();
    out.outcome(k) = issue.trace().back().median;
    out.trace.push_back(issue.trace());
  }
  return out;
}

}  // namespace diplosim
