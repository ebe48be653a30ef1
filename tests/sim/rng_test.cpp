#include "sim/rng.h"

#include <gtest/gtest.h>

#include <cmath>

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

// xoshiro256** reference: with state (1, 2, 3, 4) the first outputs are fixed by
// the published algorithm; here we check Mix64 against SplitMix64's known first
// output for seed 0 (0xe220a8397b1dcdaf).
TEST(Rng, Mix64MatchesSplitMix64) { EXPECT_EQ(Mix64(0), 0xe220a8397b1dcdafULL); }

}  // namespace
}  // namespace diplosim
