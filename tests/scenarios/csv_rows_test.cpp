// The cell helpers every CSV reader shares (edge lists, stakeholder tables, designs).
#include <gtest/gtest.h>

#include <limits>

#include "scenarios/csv_rows.h"

namespace diplosim {
namespace {

TEST(CsvCells, NumbersAreTheWholeCellWithAnOptionalPlus) {
  EXPECT_EQ(CellNumber("0.5"), 0.5);
  EXPECT_EQ(CellNumber("+2e3"), 2000.0);
  EXPECT_EQ(CellNumber("-1"), -1.0);
  EXPECT_FALSE(CellNumber(""));
  EXPECT_FALSE(CellNumber("+"));
  EXPECT_FALSE(CellNumber("1,5"));
  EXPECT_FALSE(CellNumber("0.5x"));
  EXPECT_FALSE(CellNumber(std::string_view("1\0", 2)));  // a NUL inside is not the end of the cell
}

TEST(CsvCells, IntegersSaturateSoThatHugeOnesReadAsOutOfRange) {
  EXPECT_EQ(CellInteger("42"), 42);
  EXPECT_EQ(CellInteger("+5"), 5);
  EXPECT_EQ(CellInteger("-3"), -3);
  EXPECT_EQ(CellInteger("99999999999999999999"), std::numeric_limits<long long>::max());
  EXPECT_EQ(CellInteger("-99999999999999999999"), std::numeric_limits<long long>::min());
  EXPECT_FALSE(CellInteger("0.5"));
  EXPECT_FALSE(CellInteger("++5"));
  EXPECT_FALSE(CellInteger("x"));
}

TEST(CsvCells, FieldRowsSplitOnBlanksAndKeepColumns) {
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  ForEachFieldRow("\xEF\xBB\xBF" "a  b\r\n\n\t7\t8 9\n", [&](const CsvRow& row) {
    std::vector<std::string> cells;
    for (const auto& c : row.cells) cells.push_back(c.text + "@" + std::to_string(c.column));
    rows.emplace_back(row.line, cells);
    return true;
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::pair<int, std::vector<std::string>>{1, {"a@1", "b@4"}}));
  EXPECT_EQ(rows[1], (std::pair<int, std::vector<std::string>>{3, {"7@2", "8@4", "9@6"}}));
}

}  // namespace
}  // namespace diplosim
