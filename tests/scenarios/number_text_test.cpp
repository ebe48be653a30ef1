#include "scenarios/number_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "sim/rng.h"

namespace diplosim {
namespace {

// ExactNumber feeds sweep values into scenario trees: parsing it back must give
// the same double, bit for bit, over random values of every magnitude.
TEST(NumberText, ExactNumberRoundTrips) {
  Rng rng(StreamKey{5});
  for (int k = 0; k < 10000; ++k) {
    const double v = (rng.Uniform() - 0.5) * std::pow(10.0, static_cast<int>(rng.Uniform() * 40) - 20);
    ASSERT_EQ(std::stod(ExactNumber(v)), v) << ExactNumber(v);
  }
  EXPECT_EQ(std::stod(ExactNumber(std::numeric_limits<double>::max())), std::numeric_limits<double>::max());
  EXPECT_EQ(std::stod(ExactNumber(0.1)), 0.1);
}

// It is also what messages quote of a swept value ("got 1.4"): the shortest
// text that reads back, with whole numbers written out.
TEST(NumberText, ExactNumberIsTheShortestThatRoundTrips) {
  EXPECT_EQ(ExactNumber(1.4), "1.4");
  EXPECT_EQ(ExactNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(ExactNumber(1e9), "1000000000");
  EXPECT_EQ(ExactNumber(-40.0), "-40");
  EXPECT_EQ(ExactNumber(1e300), "1e+300");
  EXPECT_EQ(ExactNumber(2.5e-7), "2.5e-07");
}

TEST(NumberText, ShortNumberIsForPeople) {
  EXPECT_EQ(ShortNumber(0.5), "0.5");
  EXPECT_EQ(ShortNumber(1e6), "1e+06");
  EXPECT_EQ(ShortNumber(0.1), "0.1");
  EXPECT_EQ(ShortNumber(-3.0), "-3");
}

}  // namespace
}  // namespace diplosim
