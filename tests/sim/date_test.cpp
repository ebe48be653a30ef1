#include "sim/date.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "sim/calendar.h"

namespace diplosim {
namespace {

TEST(Date, ParsesFormatsAndCounts) {
  const auto d = Date::Parse("2016-12-30");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->ToString(), "2016-12-30");
  EXPECT_EQ(Date::Parse("1970-01-01")->days(), 0);
  EXPECT_EQ(*Date::Parse("2017-01-23") - *Date::Parse("2016-12-20"), 34);
  EXPECT_EQ((*Date::Parse("2016-02-28") + 1).ToString(), "2016-02-29");  // leap year
  EXPECT_EQ((*Date::Parse("2017-02-28") + 1).ToString(), "2017-03-01");
}

TEST(Date, RejectsMalformedAndImpossibleDates) {
  for (const char* bad : {"2017-02-29", "2017-13-01", "2017-1-01", "17-01-01", "2017/01/01", "", "2017-01-01x",
                          "2017-00-10", "2017-04-31"})
    EXPECT_FALSE(Date::Parse(bad).has_value()) << bad;
}

// The default decision interval: the k ≥ 1 whose k steps lie closest to 7 days,
// the larger k on a tie, found here by search rather than by the formula.
TEST(Calendar, StepsNearestAWeekIsTheCountOfStepsClosestToSevenDays) {
  for (int step = 1; step <= 400; ++step) {
    int best = 1;
    for (int k = 2; k <= 7; ++k)
      if (std::abs(k * step - 7) <= std::abs(best * step - 7)) best = k;
    Calendar c;
    c.step_days = step;
    EXPECT_EQ(c.StepsNearestAWeek(), best) << step << "-day steps";
  }
  Calendar daily;
  EXPECT_EQ(daily.StepsNearestAWeek(), 7);  // the flagship's weekly decisions, as before
}

}  // namespace
}  // namespace diplosim
