#include "scenarios/date_hint.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace diplosim {
namespace {

TEST(DateHint, SpreadsheetAndEventDataFormsGetTheIsoDate) {
  const std::pair<const char*, const char*> cases[] = {
      {"2020-1-5", "2020-01-05"},         {"20200105", "2020-01-05"},   {"2020/01/05", "2020-01-05"},
      {"2020-01-05T12:30:00Z", "2020-01-05"}, {"2020-01-05 12:30", "2020-01-05"}, {"Jan 5 2020", "2020-01-05"},
      {"5 January 2020", "2020-01-05"},   {"January 5, 2020", "2020-01-05"}, {"5 Sept 2017", "2017-09-05"}};
  for (const auto& [text, iso] : cases) EXPECT_EQ(DateHint(text), std::string(" (did you mean ") + iso + "?)") << text;
}

TEST(DateHint, DayAndMonthOrderIsNamedWhenAmbiguousAndInferredWhenNot) {
  EXPECT_EQ(DateHint("05/01/2020"), " (did you mean 2020-01-05 (day first) or 2020-05-01 (month first)?)");
  EXPECT_EQ(DateHint("5.1.2020"), " (did you mean 2020-01-05 (day first) or 2020-05-01 (month first)?)");
  EXPECT_EQ(DateHint("13/01/2020"), " (did you mean 2020-01-13?)");  // no 13th month: day first
  EXPECT_EQ(DateHint("01/13/2020"), " (did you mean 2020-01-13?)");  // month first
  EXPECT_EQ(DateHint("07/07/2020"), " (did you mean 2020-07-07?)");  // both readings agree
}

TEST(DateHint, ImpossibleDaysSayHowLongTheMonthIs) {
  EXPECT_EQ(DateHint("2020-02-30"), " (2020-02 has 29 days)");
  EXPECT_EQ(DateHint("2021-02-29"), " (2021-02 has 28 days)");
  EXPECT_EQ(DateHint("1900-02-29"), " (1900-02 has 28 days)");  // not a leap year
  EXPECT_EQ(DateHint("2020-04-31"), " (2020-04 has 30 days)");
}

// In a {…} mapping YAML cuts "May 26, 2013" at the comma; the date arrives without its year.
TEST(DateHint, AMonthAndDayWithoutAYearSayWhereTheYearWent) {
  const std::string hint = DateHint("May 26");
  EXPECT_NE(hint.find("a date needs its year"), std::string::npos) << hint;
  EXPECT_NE(hint.find("write YYYY-05-26"), std::string::npos) << hint;
  EXPECT_NE(DateHint("3 Jan").find("write YYYY-01-03"), std::string::npos);
  EXPECT_EQ(DateHint("May 32"), "");
}

TEST(DateHint, NothingIsGuessedFromTextThatIsNoDate) {
  for (const char* text : {"", "yesterday", "2020-13-01", "2020", "1 2 3", "version 1.2.3", "May", "12/31",
                           "2020-00-10", "0000-01-01", "99999999", "not 5 a date 2020"})
    EXPECT_EQ(DateHint(text), "") << text;
}

}  // namespace
}  // namespace diplosim
