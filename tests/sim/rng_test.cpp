#include "sim/rng.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace diplosim {
namespace {

TEST(Rng, SameKeySameStreamDifferentKeyDifferentStream) {
  Rng a(StreamKey{1, 2, 3, StreamPurpose::kConflict, 4, 5});
  Rng b(StreamKey{1, 2, 3, StreamPurpose::kConflict, 4, 5});
  Rng c(StreamKey{1, 2, 3, StreamPurpose::kConflict, 4, 6});
  int differ = 0;
  for (int k = 0; k < 100; ++k) {
    const auto x = a(), y = b(), z = c();
    EXPECT_EQ(x, y);
    differ += x != z;
  }
  EXPECT_EQ(differ, 100);
}

// Moments within 5 standard errors (n = 200,000).
TEST(Rng, DistributionMoments) {
  Rng rng(StreamKey{42});
  const int n = 200000;
  double su = 0, sn = 0, sn2 = 0, sp = 0;
  for (int k = 0; k < n; ++k) {
    const double u = rng.Uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    su += u;
    const double z = rng.Normal();
    sn += z;
    sn2 += z * z;
    sp += rng.Poisson(2.5);
  }
  EXPECT_NEAR(su / n, 0.5, 5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(sn / n, 0.0, 5 * std::sqrt(1.0 / n));
  EXPECT_NEAR(sn2 / n, 1.0, 5 * std::sqrt(2.0 / n));
  EXPECT_NEAR(sp / n, 2.5, 5 * std::sqrt(2.5 / n));
  EXPECT_EQ(rng.Poisson(0.0), 0u);
}

// The normal's shape, tails included (the ziggurat treats the tail beyond
// r = 3.44 separately): the share of draws below each z matches Φ(z) within 5
// binomial standard errors (n = 400,000), and the stream is reproducible.
TEST(Rng, NormalMatchesTheStandardNormalCdf) {
  const double zs[] = {-4.0, -3.5, -2.0, -1.0, -0.25, 0.0, 0.5, 1.5, 3.0, 3.6};
  const int n = 400000;
  std::vector<int> below(std::size(zs), 0);
  Rng rng(StreamKey{7});
  for (int k = 0; k < n; ++k) {
    const double z = rng.Normal();
    ASSERT_TRUE(std::isfinite(z));
    for (std::size_t q = 0; q < std::size(zs); ++q) below[q] += z < zs[q];
  }
  for (std::size_t q = 0; q < std::size(zs); ++q) {
    const double phi = 0.5 * std::erfc(-zs[q] / std::sqrt(2.0));
    EXPECT_NEAR(static_cast<double>(below[q]) / n, phi, 5 * std::sqrt(phi * (1 - phi) / n) + 1.0 / n) << "z = " << zs[q];
  }
  Rng a(StreamKey{9}), b(StreamKey{9});
  for (int k = 0; k < 1000; ++k) ASSERT_EQ(a.Normal(), b.Normal());
}

// Poisson skips exp when the first draw is at most 1 − λ; it must return what
// Knuth's method returns on the same stream, and consume the same draws.
TEST(Rng, PoissonShortcutMatchesKnuthDrawForDraw) {
  auto knuth = [](Rng& rng, double lambda) {
    const double limit = std::exp(-std::min(lambda, 50.0));
    std::uint32_t k = 0;
    double product = rng.Uniform();
    while (product > limit) {
      ++k;
      product *= rng.Uniform();
    }
    return k;
  };
  for (double lambda : {1e-4, 0.01, 0.2, 0.999, 1.0, 2.5, 7.0, 49.0, 80.0}) {
    Rng a(StreamKey{11}), b(StreamKey{11});
    for (int k = 0; k < 20000; ++k) ASSERT_EQ(a.Poisson(lambda), knuth(b, lambda)) << "lambda = " << lambda << ", draw " << k;
    EXPECT_EQ(a(), b()) << "streams out of step after lambda = " << lambda;
  }
}

// xoshiro256** reference: with state (1, 2, 3, 4) the first outputs are fixed by
// the published algorithm; here we check Mix64 against SplitMix64's known first
// output for seed 0 (0xe220a8397b1dcdaf).
// The batch is the same draws, bit for bit, as one call per value: the
// influence noise uses it, and a run's results must not depend on which.
TEST(Rng, FillNormalGivesTheDrawsOfNormalCalls) {
  StreamKey key;
  key.seed = 11;
  key.purpose = StreamPurpose::kInfluenceNoise;
  Rng one_by_one(key), batch(key);
  std::vector<double> expected(1001), got(1001);
  for (double& x : expected) x = one_by_one.Normal();
  batch.FillNormal(got.data(), got.size());
  EXPECT_EQ(std::memcmp(expected.data(), got.data(), got.size() * sizeof(double)), 0);
  EXPECT_EQ(one_by_one(), batch());  // both streams are left at the same point
}

TEST(Rng, Mix64MatchesSplitMix64) { EXPECT_EQ(Mix64(0), 0xe220a8397b1dcdafULL); }

}  // namespace
}  // namespace diplosim
