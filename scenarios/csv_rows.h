#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace diplosim {

// A CSV file split into rows of trimmed cells, each cell remembering its
// 1-based line and column for error messages. Double-quoted fields (with ""
// escapes) and CRLF line ends are handled; blank lines and a trailing empty
// cell (a trailing comma) are dropped. Throws ScenarioError on an unterminated
// quote.
struct CsvCell {
  std::string text;
  int column = 1;
};
struct CsvRow {
  std::vector<CsvCell> cells;
  int line = 1;
};
std::vector<CsvRow> SplitCsv(std::string_view text, const std::string& file);

}  // namespace diplosim
