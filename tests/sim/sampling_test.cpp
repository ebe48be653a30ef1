#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <set>

#include "sim/quantile.h"
#include "sim/rng.h"
#include "sim/sampling/design.h"
#include "sim/sampling/sobol_indices.h"
#include "sim/sampling/sobol_sequence.h"

namespace diplosim {
namespace {

Distribution Uniform(double lo, double hi) {
  Distribution d;
  d.low = lo;
  d.high = hi;
  return d;
}

// Ishigami: f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³, a = 7, b = 0.1.
// Analytic: V = a²/8 + bπ⁴/5 + b²π⁸/18 + ½, V1 = ½(1 + bπ⁴/5)², V2 = a²/8, V3 = 0,
// V13 = b²π⁸ (1/18 − 1/50).
TEST(SobolIndices, RecoverIshigamiAnalyticIndices) {
  const double a = 7.0, b = 0.1, pi = std::numbers::pi;
  const double V = a * a / 8 + b * std::pow(pi, 4) / 5 + b * b * std::pow(pi, 8) / 18 + 0.5;
  const double V1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2);
  const double V2 = a * a / 8;
  const double V13 = b * b * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50);
  const double S[3] = {V1 / V, V2 / V, 0.0};
  const double ST[3] = {(V1 + V13) / V, V2 / V, V13 / V};
  EXPECT_NEAR(S[0], 0.3139, 1e-4);  // the published values
  EXPECT_NEAR(ST[2], 0.2437, 1e-4);

  const std::vector<Distribution> params(3, Uniform(-pi, pi));
  const int N = 1 << 14;
  const Design d = SaltelliDesign(params, N);
  ASSERT_EQ(d.NumPoints(), N * 5);
  Eigen::VectorXd f(d.NumPoints());
  for (int i = 0; i < d.NumPoints(); ++i) {
    const double x1 = d.values(i, 0), x2 = d.values(i, 1), x3 = d.values(i, 2);
    f(i) = std::sin(x1) + a * std::pow(std::sin(x2), 2) + b * std::pow(x3, 4) * std::sin(x1);
  }
  Eigen::MatrixXd fAB(N, 3);
  for (int i = 0; i < 3; ++i) fAB.col(i) = f.segment((2 + i) * N, N);
  const SobolIndices idx = EstimateSobol(f.head(N), f.segment(N, N), fAB, 300, 0.95, 7);
  // Tolerance 0.02 on every index with N = 16384 (the estimators' QMC error is far below).
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(idx.first(i), S[i], 0.02) << "S" << i + 1;
    EXPECT_NEAR(idx.total(i), ST[i], 0.02) << "ST" << i + 1;
    EXPECT_LE(idx.first_low(i), idx.first(i));
    EXPECT_GE(idx.first_high(i), idx.first(i));
    EXPECT_LE(idx.total_low(i), ST[i] + 0.02);
    EXPECT_GE(idx.total_high(i), ST[i] - 0.02);
    EXPECT_LT(idx.total_high(i) - idx.total_low(i), 0.1);  // the bootstrap CI is informative
  }
}

// Every 2^m consecutive aligned points of a Sobol sequence hit every interval
// [j/2^m, (j+1)/2^m) of every coordinate once; the first two coordinates form a
// (0, m, 2)-net: one point in every 2^a × 2^(m−a) box.
// Without resamples there is no interval: NaN bounds, not a zero-width one
// that would read as certainty; the estimates are those of any resample count.
TEST(SobolIndices, NoResamplesGiveNoInterval) {
  const int n = 64, k = 2;
  Rng rng(StreamKey{9});
  Eigen::VectorXd fA(n), fB(n);
  Eigen::MatrixXd fAB(n, k);
  for (int r = 0; r < n; ++r) {
    fA(r) = rng.Uniform();
    fB(r) = rng.Uniform();
    for (int i = 0; i < k; ++i) fAB(r, i) = rng.Uniform();
  }
  const SobolIndices none = EstimateSobol(fA, fB, fAB, 0), some = EstimateSobol(fA, fB, fAB, 50);
  for (int i = 0; i < k; ++i) {
    EXPECT_EQ(none.first(i), some.first(i));
    EXPECT_EQ(none.total(i), some.total(i));
    EXPECT_TRUE(std::isnan(none.first_low(i)) && std::isnan(none.first_high(i)));
    EXPECT_TRUE(std::isnan(none.total_low(i)) && std::isnan(none.total_high(i)));
    EXPECT_LT(some.first_low(i), some.first_high(i));
  }
}

// An outcome that never varies (a ceasefire that holds at every point) has no
// variance to apportion: its indices are undefined, not zero.
TEST(SobolIndices, ConstantOutputHasUndefinedIndices) {
  const int n = 64, k = 3;
  const Eigen::VectorXd one = Eigen::VectorXd::Ones(n);
  const SobolIndices idx = EstimateSobol(one, one, Eigen::MatrixXd::Ones(n, k), 200);
  for (int i = 0; i < k; ++i) {
    EXPECT_TRUE(std::isnan(idx.first(i)));
    EXPECT_TRUE(std::isnan(idx.total(i)));
    EXPECT_TRUE(std::isnan(idx.first_low(i)) && std::isnan(idx.first_high(i)));
    EXPECT_TRUE(std::isnan(idx.total_low(i)) && std::isnan(idx.total_high(i)));
  }
  // One row differs: y = x_0 exactly on that row, so the full-sample indices
  // exist, and the many resamples that miss the row (no variance) are left out
  // of the intervals instead of pulling them to zero. With x_0 the only
  // parameter that changes the output, S_T0 on a resample holding the row is
  // positive; the lower bound must be too.
  Eigen::VectorXd fA = one, fB = one;
  Eigen::MatrixXd fAB = Eigen::MatrixXd::Ones(n, k);
  fA(5) = 2.0;
  fAB(5, 1) = fAB(5, 2) = 2.0;  // changing x_1 or x_2 alone leaves row 5 at 2
  const SobolIndices one_row = EstimateSobol(fA, fB, fAB, 500);
  EXPECT_TRUE(std::isfinite(one_row.total(0)));
  EXPECT_GT(one_row.total_low(0), 0.0);
  EXPECT_EQ(one_row.total(1), 0.0);
}

// Each output is the mean of R replicates y = x1 + σε, ε standard normal, fresh
// at every design point; x2 does nothing. Closed forms: V = 1/12 + σ²/R, the
// noise share η = (σ²/R) / V, S_T2 = η (all of x2's apparent effect is noise),
// S_1 = 1 − η and S_T1 = 1. σ = 0.5, R = 4: η = 0.0625 / 0.1458 = 0.4286.
TEST(SobolIndices, ReplicateNoiseShareIsTheNoiseFloorOfTotalIndices) {
  const int N = 1 << 12, R = 4;
  const double sigma = 0.5, eta = (sigma * sigma / R) / (1.0 / 12 + sigma * sigma / R);
  const Design d = SaltelliDesign({Uniform(0, 1), Uniform(0, 1)}, N);
  Eigen::VectorXd f(d.NumPoints()), sd(d.NumPoints());
  for (int p = 0; p < d.NumPoints(); ++p) {
    Rng rng(StreamKey{11, static_cast<std::uint64_t>(p), 0, StreamPurpose::kInitial, 0});
    Eigen::VectorXd y(R);
    for (int r = 0; r < R; ++r) y(r) = d.values(p, 0) + sigma * rng.Normal();
    f(p) = y.mean();
    sd(p) = std::sqrt((y.array() - y.mean()).square().sum() / (R - 1));
  }
  Eigen::MatrixXd fAB(N, 2);
  for (int i = 0; i < 2; ++i) fAB.col(i) = f.segment((2 + i) * N, N);
  const double share = ReplicateNoiseShare(f.head(2 * N), sd.head(2 * N), R);  // the A and B rows
  // Sampling error of a mean of 8,192 sd² values and of V: well under 0.03.
  EXPECT_NEAR(share, eta, 0.03);
  const SobolIndices idx = EstimateSobol(f.head(N), f.segment(N, N), fAB, 0);
  EXPECT_NEAR(idx.total(1), share, 0.03);
  EXPECT_NEAR(idx.first(0), 1.0 - share, 0.05);
  EXPECT_NEAR(idx.total(0), 1.0, 0.05);
  // Unknown noise (one replicate) and no variance are NaN, not zero.
  EXPECT_TRUE(std::isnan(ReplicateNoiseShare(f.head(2 * N), sd.head(2 * N), 1)));
  const Eigen::VectorXd one = Eigen::VectorXd::Ones(2 * N), zero = Eigen::VectorXd::Zero(2 * N);
  EXPECT_TRUE(std::isnan(ReplicateNoiseShare(one, zero, R)));
  // Noise-free outputs: a share of exactly zero.
  EXPECT_EQ(ReplicateNoiseShare(f.head(2 * N), zero, R), 0.0);
}

// Linear interpolation between order statistics, as numpy.quantile computes it
// by default: np.quantile([3, 1, 2, 4], [0, 0.25, 0.5, 0.95]) = [1, 1.75, 2.5, 3.85].
TEST(Quantile, InterpolatesBetweenOrderStatisticsLikeNumPy) {
  std::vector<double> v = {3, 1, 2, 4};
  EXPECT_DOUBLE_EQ(Quantile(v, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(Quantile(v, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(Quantile(v, 0.5), 2.5);
  EXPECT_NEAR(QuantileOfSorted(v, 0.95), 3.85, 1e-12);
  EXPECT_EQ(v, (std::vector<double>{1, 2, 3, 4}));  // sorted in place
  std::vector<double> none;
  EXPECT_TRUE(std::isnan(Quantile(none, 0.5)));
}

TEST(SobolSequence, StratifiesEveryCoordinateAndIsANetInTheFirstTwo) {
  SobolSequence sobol(SobolSequence::kMaxDimensions);
  const int m = 8, n = 1 << m;
  const Eigen::MatrixXd p = sobol.Points(n);
  for (int d = 0; d < SobolSequence::kMaxDimensions; ++d) {
    std::set<int> cells;
    for (int i = 0; i < n; ++i) cells.insert(static_cast<int>(p(i, d) * n));
    EXPECT_EQ(static_cast<int>(cells.size()), n) << "dimension " << d + 1;
  }
  for (int a = 0; a <= m; ++a) {
    std::set<std::pair<int, int>> boxes;
    for (int i = 0; i < n; ++i) boxes.insert({static_cast<int>(p(i, 0) * (1 << a)), static_cast<int>(p(i, 1) * (1 << (m - a)))});
    EXPECT_EQ(static_cast<int>(boxes.size()), n) << "a = " << a;
  }
  EXPECT_EQ(p(1, 0), 0.5);
  EXPECT_EQ(p(2, 0), 0.75);  // Gray-code order: 0, ½, ¾, ¼, …
  EXPECT_EQ(p(3, 0), 0.25);
}

TEST(LatinHypercube, OnePointPerStratumPerParameter) {
  Distribution lev;
  lev.kind = Distribution::Kind::kLevels;
  lev.levels = {1, 2, 3};
  const std::vector<Distribution> params = {Uniform(0, 1), Uniform(10, 20), Uniform(-1, 1)};
  for (int n : {1, 7, 100, 1000}) {
    const Design d = LatinHypercubeDesign(params, n, 42);
    ASSERT_EQ(d.NumPoints(), n);
    for (int j = 0; j < 3; ++j) {
      std::set<int> strata;
      for (int i = 0; i < n; ++i) {
        const double u = (d.values(i, j) - params[j].low) / (params[j].high - params[j].low);
        strata.insert(static_cast<int>(u * n));
      }
      EXPECT_EQ(static_cast<int>(strata.size()), n) << "parameter " << j << ", n = " << n;
    }
  }
  // Different seeds give different pairings; the same seed the same design.
  EXPECT_EQ(LatinHypercubeDesign(params, 50, 1).values, LatinHypercubeDesign(params, 50, 1).values);
  EXPECT_NE(LatinHypercubeDesign(params, 50, 1).values, LatinHypercubeDesign(params, 50, 2).values);
}

TEST(GridDesign, FullFactorialOverLevelsAndQuantileNodes) {
  Distribution lev;
  lev.kind = Distribution::Kind::kLevels;
  lev.levels = {0.2, 0.5};
  const Design d = GridDesign({Uniform(0, 1), lev}, 4);
  ASSERT_EQ(d.NumPoints(), 8);
  EXPECT_EQ(d.values.row(0), Eigen::RowVector2d(0.125, 0.2));
  EXPECT_EQ(d.values.row(1), Eigen::RowVector2d(0.125, 0.5));  // the last parameter varies fastest
  EXPECT_EQ(d.values.row(7), Eigen::RowVector2d(0.875, 0.5));
  std::set<std::pair<double, double>> unique;
  for (int i = 0; i < 8; ++i) unique.insert({d.values(i, 0), d.values(i, 1)});
  EXPECT_EQ(unique.size(), 8u);
}

TEST(RandomDesign, UniformWithinBoundsAndReproducible) {
  const Design d = RandomDesign({Uniform(2, 4)}, 20000, 9);
  EXPECT_GE(d.values.minCoeff(), 2.0);
  EXPECT_LT(d.values.maxCoeff(), 4.0);
  EXPECT_NEAR(d.values.mean(), 3.0, 5 * std::sqrt(4.0 / 12 / 20000));
  EXPECT_EQ(RandomDesign({Uniform(2, 4)}, 10, 9).values, RandomDesign({Uniform(2, 4)}, 10, 9).values);
}

TEST(Distribution, QuantilesOfEachKind) {
  Distribution log;
  log.kind = Distribution::Kind::kLogUniform;
  log.low = 0.01;
  log.high = 1.0;
  EXPECT_NEAR(log.Quantile(0.5), 0.1, 1e-12);
  Distribution norm;
  norm.kind = Distribution::Kind::kNormal;
  norm.mean = 0.0;
  norm.sd = 1.0;
  norm.low = -10;
  norm.high = 10;
  EXPECT_NEAR(norm.Quantile(0.975), 1.959964, 1e-5);
  norm.low = 0.0;  // truncated at the mean: the median of the half-normal is Φ⁻¹(0.75)
  EXPECT_NEAR(norm.Quantile(0.5), 0.6744898, 1e-6);
  Distribution lev;
  lev.kind = Distribution::Kind::kLevels;
  lev.levels = {3, 5, 7};
  EXPECT_EQ(lev.Quantile(0.0), 3);
  EXPECT_EQ(lev.Quantile(0.5), 5);
  EXPECT_EQ(lev.Quantile(0.99), 7);
  std::string why;
  log.low = 0.0;
  EXPECT_FALSE(log.IsValid(&why));
  EXPECT_EQ(why, "log-uniform needs 0 < low < high");
}

}  // namespace
}  // namespace diplosim
