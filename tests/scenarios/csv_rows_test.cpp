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

TEST(CsvCells, SemicolonFilesAreToldByEveryFirstLineAndGetDecimalPoints) {
  EXPECT_EQ(CsvSeparator("a,b\n1,2\n"), ',');
  EXPECT_EQ(CsvSeparator("a;b\n1;2,5\n"), ';');
  EXPECT_EQ(CsvSeparator("# note; not data\n\na;b, c\n1;2\n"), ';');  // comments and blanks skipped
  EXPECT_EQ(CsvSeparator("a,b\n\"x;y\",2\n"), ',');                  // a quoted ';' is text
  EXPECT_EQ(CsvSeparator("a;b\n1,2\n"), ',');                          // one line without ';' decides
  EXPECT_EQ(CsvSeparator(""), ',');
  std::vector<std::string> cells;
  ForEachCsvRow("name;x;y\nSmith, J;8,5;-0,25\n\"a;b\";1,5e3;1,2,3\n", "t.csv", [&](const CsvRow& row) {
    for (const auto& c : row.cells) cells.push_back(c.text + "@" + std::to_string(c.column));
    return true;
  });
  const std::vector<std::string> expected = {"name@1", "x@6",      "y@8",  "Smith, J@1", "8.5@10",
                                             "-0.25@14", "a;b@1", "1.5e3@7", "1,2,3@13"};
  EXPECT_EQ(cells, expected);
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
