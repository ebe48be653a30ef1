#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace diplosim {

// A CSV file split into rows of trimmed cells, each cell remembering its
// 1-based line and column for error messages. Double-quoted fields (with ""
// escapes) and CRLF line ends are handled; blank lines and a trailing empty
// cell (a trailing comma) are dropped; a UTF-8 byte-order mark is skipped.
// Throws ScenarioError on an unterminated quote.
struct CsvCell {
  std::string text;
  int column = 1;
};
struct CsvRow {
  std::vector<CsvCell> cells;
  int line = 1;
};

// Calls `visit` with each row in file order until it returns false. The row is
// reused from one call to the next, so a file of millions of lines (an edge
// list) is read in constant memory besides its text.
void ForEachCsvRow(std::string_view text, const std::string& file, const std::function<bool(const CsvRow&)>& visit);

// All rows at once, for the small tables (stakeholders, sweep designs).
std::vector<CsvRow> SplitCsv(std::string_view text, const std::string& file);

}  // namespace diplosim
