#include <gtest/gtest.h>

#include <cmath>

#include "sim/bargaining/eum_protocol.h"
#include "sim/bargaining/median_protocol.h"
#include "sim/bargaining/nash_protocol.h"
#include "sim/rng.h"

namespace diplosim {
namespace {

// The smallest minimiser of Σ w_p |y − x_p| over the candidate points x_p, by brute force.
double BruteForceWeightedMedian(const Eigen::VectorXd& x, const Eigen::VectorXd& w) {
  double best = 0.0, best_cost = INFINITY;
  for (int a = 0; a < x.size(); ++a) {
    double cost = 0.0;
    for (int p = 0; p < x.size(); ++p) cost += w(p) * std::abs(x(a) - x(p));
    if (cost < best_cost - 1e-12 || (std::abs(cost - best_cost) <= 1e-12 && x(a) < best)) {
      best_cost = cost;
      best = x(a);
    }
  }
  return best;
}

TEST(WeightedMedian, EqualsBruteForceMinimiser) {
  Rng rng(StreamKey{17});
  for (int c = 0; c < 500; ++c) {
    const int n = 1 + static_cast<int>(rng.Uniform() * 12);
    Eigen::VectorXd x(n), w(n);
    for (int p = 0; p < n; ++p) {
      x(p) = std::round(rng.Uniform() * 20) / 20;  // ties happen
      w(p) = std::round(rng.Uniform() * 5) / 5 + (c % 3 == 0 ? 1.0 : 0.0);
    }
    if (w.sum() == 0) w(0) = 1;
    EXPECT_DOUBLE_EQ(WeightedMedian(x, w), BruteForceWeightedMedian(x, w)) << "case " << c;
  }
}

TEST(MedianProtocol, WeighsByCapabilityTimesSalience) {
  BargainingProblem pr;
  pr.position.resize(3, 1);
  pr.position << 0.1, 0.5, 0.9;
  pr.salience.resize(3, 1);
  pr.salience << 0.2, 0.2, 1.0;
  pr.intensity = pr.salience;
  pr.capability.resize(3);
  pr.capability << 1.0, 1.0, 0.5;  // clout 0.2, 0.2, 0.5: the third holds more than half
  pr.status_quo = Eigen::VectorXd::Constant(1, 0.5);
  EXPECT_DOUBLE_EQ(MedianProtocol().Solve(pr).outcome(0), 0.9);
  pr.capability(2) = 0.3;  // clout 0.2, 0.2, 0.3: the middle position is the median
  EXPECT_DOUBLE_EQ(MedianProtocol().Solve(pr).outcome(0), 0.5);
}

BargainingProblem RandomProblem(Rng& rng, int P, int K) {
  BargainingProblem pr;
  pr.position.resize(P, K);
  pr.salience.resize(P, K);
  pr.capability.resize(P);
  for (int p = 0; p < P; ++p) {
    pr.capability(p) = 0.2 + rng.Uniform();
    for (int k = 0; k < K; ++k) {
      pr.position(p, k) = rng.Uniform();
      pr.salience(p, k) = 0.1 + rng.Uniform();
    }
  }
  pr.intensity = pr.salience;
  // A status quo at a corner, so a zone of agreement usually exists.
  pr.status_quo = Eigen::VectorXd::Constant(K, rng.Uniform() < 0.5 ? 0.0 : 1.0);
  return pr;
}

// The Nash point against an exhaustive grid search of the objective.
TEST(NashProtocol, MatchesFineGridSearchIn1D) {
  Rng rng(StreamKey{23});
  for (int c = 0; c < 40; ++c) {
    const BargainingProblem pr = RandomProblem(rng, 2 + c % 4, 1);
    const BargainingResult r = NashProtocol().Solve(pr);
    double best = -INFINITY, arg = -1;
    for (int g = 0; g <= 100000; ++g) {
      Eigen::VectorXd y = Eigen::VectorXd::Constant(1, g / 100000.0);
      const double f = NashProtocol::Objective(pr, y);
      if (f > best) {
        best = f;
        arg = y(0);
      }
    }
    if (best == -INFINITY) {
      EXPECT_FALSE(r.zone);
      continue;
    }
    ASSERT_TRUE(r.zone);
    EXPECT_NEAR(r.outcome(0), arg, 2e-5) << "case " << c;  // grid spacing 1e-5
    EXPECT_GE(NashProtocol::Objective(pr, r.outcome), best - 1e-9);
  }
}

TEST(NashProtocol, MatchesFineGridSearchIn2D) {
  Rng rng(StreamKey{29});
  int with_zone = 0;
  for (int c = 0; c < 12; ++c) {
    const BargainingProblem pr = RandomProblem(rng, 3, 2);
    const BargainingResult r = NashProtocol().Solve(pr);
    double best = -INFINITY;
    Eigen::Vector2d arg;
    const int G = 600;
    for (int a = 0; a <= G; ++a)
      for (int b = 0; b <= G; ++b) {
        const Eigen::Vector2d y(a / double(G), b / double(G));
        const double f = NashProtocol::Objective(pr, y);
        if (f > best) {
          best = f;
          arg = y;
        }
      }
    if (best == -INFINITY) {
      EXPECT_FALSE(r.zone);
      continue;
    }
    ++with_zone;
    ASSERT_TRUE(r.zone);
    EXPECT_NEAR(r.outcome(0), arg(0), 3.0 / G) << "case " << c;
    EXPECT_NEAR(r.outcome(1), arg(1), 3.0 / G) << "case " << c;
    EXPECT_GE(NashProtocol::Objective(pr, r.outcome), best - 1e-9);  // at least as good as the grid
  }
  EXPECT_GE(with_zone, 6);
}

TEST(NashProtocol, NoZoneWhenTheStatusQuoIsParetoOptimal) {
  BargainingProblem pr;
  pr.position.resize(2, 1);
  pr.position << 0.2, 0.8;
  pr.salience = Eigen::MatrixXd::Ones(2, 1);
  pr.intensity = pr.salience;
  pr.capability = Eigen::VectorXd::Ones(2);
  pr.status_quo = Eigen::VectorXd::Constant(1, 0.5);  // any move hurts one of them
  const BargainingResult r = NashProtocol().Solve(pr);
  EXPECT_FALSE(r.zone);
  EXPECT_EQ(r.outcome(0), 0.5);
}

// The published EU example (DESIGN appendix), default options.
TEST(EumProtocol, ReproducesPublishedEuEmissionsRounds) {
  Eigen::VectorXd c(10), x(10), s(10);
  c << .08, .08, .03, .16, .16, .16, .16, .05, .05, .08;
  x << 4, 7, 4, 4, 10, 10, 10, 7, 4, 7;
  s << .80, .40, .20, .80, .60, .60, .90, .10, 1.00, .70;
  enum { NL, BE, LU, DE, FR, IT, UK, IE, DK, GR };
  EumIssue issue(c, x, s, EumOptions{});
  issue.Run();
  const auto& t = issue.trace();
  ASSERT_EQ(t.size(), 11u);
  EXPECT_NEAR(t[0].mean, 7.389956, 1e-4);
  EXPECT_NEAR(t[0].median, 7.0, 1e-4);
  EXPECT_NEAR(t[1].mean, 7.461314, 1e-4);
  EXPECT_NEAR(t[1].median, 8.4159, 1e-4);
  EXPECT_NEAR(t[2].mean, 7.552501, 1e-4);
  EXPECT_NEAR(t[3].mean, 7.590145, 1e-4);
  // Round 1: Belgium compromises with France, Luxembourg loses to Belgium, Ireland to Luxembourg.
  ASSERT_EQ(t[1].moves.size(), 3u);
  EXPECT_EQ(t[1].moves[0].mover, BE);
  EXPECT_EQ(t[1].moves[0].toward, FR);
  EXPECT_EQ(t[1].moves[0].kind, "compromise");
  EXPECT_NEAR(t[1].moves[0].to, 8.4159, 1e-4);
  EXPECT_EQ(t[1].moves[1].mover, LU);
  EXPECT_EQ(t[1].moves[1].toward, BE);
  EXPECT_EQ(t[1].moves[1].kind, "confrontation");
  EXPECT_NEAR(t[1].moves[1].to, 7.0, 1e-12);
  EXPECT_EQ(t[1].moves[2].mover, IE);
  EXPECT_EQ(t[1].moves[2].toward, LU);
  EXPECT_NEAR(t[1].moves[2].to, 4.0, 1e-12);
  // Everyone else holds still in rounds 1–3: only Belgium, Luxembourg and Ireland move.
  for (int r = 1; r <= 3; ++r)
    for (const auto& m : t[r].moves) EXPECT_TRUE(m.mover == BE || m.mover == LU || m.mover == IE) << "round " << r;
}

// Risk exponents recomputed here from the appendix, independently of EumIssue:
// D_i = Σ_{j≠i} EU(j→i) with every r = 1, R_i = (2D_i − D_max − D_min)/(D_max − D_min),
// r_i = (1 − R_i/3)/(1 + R_i/3).
Eigen::VectorXd IndependentRisk(const Eigen::VectorXd& c, const Eigen::VectorXd& x, const Eigen::VectorXd& s) {
  const int n = static_cast<int>(x.size());
  const double delta = x.maxCoeff() - x.minCoeff();
  auto v = [&](int k, double a, double b) { return c(k) * s(k) * (std::abs(x(k) - b) - std::abs(x(k) - a)) / delta; };
  double all = 0.0;
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b)
      for (int k = 0; k < n; ++k) all += std::abs(v(k, x(a), x(b)));
  Eigen::VectorXd danger = Eigen::VectorXd::Zero(n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      double favour = 0.0;
      for (int k = 0; k < n; ++k) favour += std::max(0.0, v(k, x(j), x(i)));
      const double p = x(i) == x(j) ? 0.0 : favour / all;
      const double d = std::abs(x(j) - x(i)) / delta;
      // With r = 1: U_s = 2 − 4(½ − d/2) = 2d, U_f = −2d, U_sq = 0.
      danger(i) += s(i) * (p * 2 * d + (1 - p) * (-2 * d)) + (1 - s(i)) * 2 * d;
    }
  const double hi = danger.maxCoeff(), lo = danger.minCoeff();
  Eigen::VectorXd r(n);
  for (int i = 0; i < n; ++i) {
    const double R = (2 * danger(i) - hi - lo) / (hi - lo);
    r(i) = (1 - R / 3) / (1 + R / 3);
  }
  return r;
}

TEST(EumProtocol, RiskExponentsInRangeAndEqualIndependentComputation) {
  Rng rng(StreamKey{31});
  for (int c = 0; c < 50; ++c) {
    const int n = 3 + c % 8;
    Eigen::VectorXd cap(n), x(n), s(n);
    for (int i = 0; i < n; ++i) {
      cap(i) = 0.05 + rng.Uniform();
      x(i) = std::round(rng.Uniform() * 10);
      s(i) = 0.05 + 0.95 * rng.Uniform();
    }
    if (x.maxCoeff() == x.minCoeff()) x(0) += 1;
    const Eigen::VectorXd r = EumIssue(cap, x, s, EumOptions{}).RiskExponents();
    const Eigen::VectorXd expected = IndependentRisk(cap, x, s);
    for (int i = 0; i < n; ++i) {
      EXPECT_GE(r(i), 0.5 - 1e-12);
      EXPECT_LE(r(i), 2.0 + 1e-12);
      EXPECT_NEAR(r(i), expected(i), 1e-12) << "case " << c << " actor " << i;
    }
  }
}

// The win probabilities as the appendix defines them, each sum its own pass:
// P_ij = Σ_k max(0, v_k(x_i, x_j)) over Σ_a Σ_b Σ_k |v_k(x_a, x_b)| (Scholz) or
// over Σ_k |v_k(x_i, x_j)| (pairwise), 0 where x_i = x_j.
Eigen::MatrixXd DefinitionProbabilities(const Eigen::VectorXd& c, const Eigen::VectorXd& x, const Eigen::VectorXd& s,
                                        const Eigen::VectorXd& r, bool scholz) {
  const int n = static_cast<int>(x.size());
  const double delta = x.maxCoeff() - x.minCoeff();
  auto v = [&](int k, int a, int b) {
    return c(k) * s(k) *
           (std::pow(std::abs(x(k) - x(b)) / delta, r(k)) - std::pow(std::abs(x(k) - x(a)) / delta, r(k)));
  };
  double all = 0.0;
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b)
      for (int k = 0; k < n; ++k) all += std::abs(v(k, a, b));
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (x(i) == x(j)) continue;
      double favour = 0.0, pair = 0.0;
      for (int k = 0; k < n; ++k) favour += std::max(0.0, v(k, i, j));
      for (int k = 0; k < n; ++k) pair += std::abs(v(k, i, j));
      const double denominator = scholz ? all : pair;
      p(i, j) = denominator > 0.0 ? favour / denominator : 0.0;
    }
  return p;
}

// The rounds' discrete choices can turn on the last bit of these sums, so the
// one-pass computation must give the definition's bits, not merely close values.
TEST(EumProtocol, ProbabilitiesAreTheDefinitionBitForBit) {
  Rng rng(StreamKey{37});
  for (int c = 0; c < 40; ++c) {
    const int n = 2 + c;
    Eigen::VectorXd cap(n), x(n), s(n), r(n);
    for (int i = 0; i < n; ++i) {
      cap(i) = 0.05 + rng.Uniform();
      x(i) = c % 2 == 0 ? std::round(rng.Uniform() * 10) : rng.Uniform() * 100;  // ties, and none
      s(i) = 0.05 + 0.95 * rng.Uniform();
      r(i) = 0.5 + 1.5 * rng.Uniform();
    }
    if (x.maxCoeff() == x.minCoeff()) x(0) += 1;
    // Exponents as a round has them, and all 1 as the risk step has them (where pow is skipped).
    for (const Eigen::VectorXd& exponents : {r, Eigen::VectorXd::Ones(n).eval()})
      for (const bool scholz : {true, false}) {
        EumOptions options;
        options.probability = scholz ? EumOptions::Probability::kScholz : EumOptions::Probability::kPairwise;
        const Eigen::MatrixXd got = EumIssue(cap, x, s, options).ProbabilityMatrix(exponents);
        const Eigen::MatrixXd expected = DefinitionProbabilities(cap, x, s, exponents, scholz);
        for (int i = 0; i < n; ++i)
          for (int j = 0; j < n; ++j)
            ASSERT_EQ(got(i, j), expected(i, j))
                << "case " << c << (scholz ? " scholz " : " pairwise ") << i << "," << j;
      }
  }
}

TEST(EumProtocol, OptionsChangeTheRules) {
  Eigen::VectorXd c(10), x(10), s(10);
  c << .08, .08, .03, .16, .16, .16, .16, .05, .05, .08;
  x << 4, 7, 4, 4, 10, 10, 10, 7, 4, 7;
  s << .80, .40, .20, .80, .60, .60, .90, .10, 1.00, .70;
  EumOptions pairwise;
  pairwise.probability = EumOptions::Probability::kPairwise;
  pairwise.rounds = 1;
  EumIssue a(c, x, s, pairwise);
  a.Run();
  // BDM's pairwise normalisation makes nearly every pair confront: many more moves.
  EXPECT_GT(a.trace()[1].moves.size(), 3u);
  const EumIssue fresh(c, x, s, pairwise);  // P_ij + P_ji = 1 on the initial positions
  for (int i = 0; i < 10; ++i) {
    for (int j = 0; j < 10; ++j) {
      if (x(i) == x(j)) continue;
      EXPECT_NEAR(fresh.Probability(i, j, Eigen::VectorXd::Ones(10)) + fresh.Probability(j, i, Eigen::VectorXd::Ones(10)), 1.0,
                  1e-12);
    }
  }
  EumOptions no_status_quo;
  no_status_quo.q = 0.0;
  EumIssue b(c, x, s, no_status_quo);
  EXPECT_NE(b.ExpectedUtility(1, 4, 0.5, Eigen::VectorXd::Ones(10)),
            EumIssue(c, x, s, EumOptions{}).ExpectedUtility(1, 4, 0.5, Eigen::VectorXd::Ones(10)));
}

}  // namespace
}  // namespace diplosim
