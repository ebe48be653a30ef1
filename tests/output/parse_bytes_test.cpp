#include <gtest/gtest.h>

#include <optional>

#include "output/size_estimate.h"

namespace diplosim {
namespace {

TEST(ParseBytes, DecimalAndBinaryUnitsInAnyCase) {
  EXPECT_EQ(ParseBytes("1048576"), 1048576u);
  EXPECT_EQ(ParseBytes("720B"), 720u);
  EXPECT_EQ(ParseBytes("500M"), 500'000'000u);
  EXPECT_EQ(ParseBytes("20G"), 20'000'000'000u);
  EXPECT_EQ(ParseBytes("20gb"), 20'000'000'000u);
  EXPECT_EQ(ParseBytes("2T"), 2'000'000'000'000u);
  EXPECT_EQ(ParseBytes("1.5G"), 1'500'000'000u);
  EXPECT_EQ(ParseBytes(".5k"), 500u);
  EXPECT_EQ(ParseBytes("4Gi"), 4ull << 30);
  EXPECT_EQ(ParseBytes("512MiB"), 512ull << 20);
  EXPECT_EQ(ParseBytes("1kib"), 1024u);
}

TEST(ParseBytes, RefusesWhatIsNotASize) {
  for (const char* text : {"", "G", ".", "1..5G", "-1G", "5 G", "1e3", "5X", "5GBB", "5iB", "0x10", "20000000T"})
    EXPECT_EQ(ParseBytes(text), std::nullopt) << text;
}

}  // namespace
}  // namespace diplosim
