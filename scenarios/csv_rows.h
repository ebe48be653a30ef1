#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diplosim {

// A CSV file split into rows of trimmed cells, each cell remembering its
// 1-based line and column for error messages. Double-quoted fields (with ""
// escapes) and CRLF line ends are handled; blank lines and a trailing empty
// cell (a trailing comma) are dropped; a UTF-8 byte-order mark is skipped.
// Throws ScenarioError on an unterminated quote.
//
// Spreadsheets set to a language that writes 0,5 for a half save CSV with ';'
// between cells: a file whose first five lines (blank and #/% lines aside)
// each have a ';' outside quotes is read that way, and a cell that is a number
// written with a decimal comma is given a point (8,5 -> 8.5).
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

// ';' or ',': the cell separator ForEachCsvRow uses for this text (above).
char CsvSeparator(std::string_view text);

// All rows at once, for the small tables (stakeholders, sweep designs).
std::vector<CsvRow> SplitCsv(std::string_view text, const std::string& file);

// Rows of fields separated by spaces or tabs (SNAP's and NetworkX's edge
// lists), in the same shape and with the same reuse; blank lines are skipped.
void ForEachFieldRow(std::string_view text, const std::function<bool(const CsvRow&)>& visit);

// Calls `visit(line, number)` with each line (1-based, without its line end;
// a UTF-8 byte-order mark skipped) until it returns false.
template <typename Visit>
void ForEachLine(std::string_view text, Visit&& visit) {
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  for (int number = 1; pos < text.size(); ++number) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (!visit(text.substr(pos, end - pos), number)) return;
    pos = end + 1;
  }
}

// A cell's whole text as a number (std::from_chars; a leading '+' allowed, as
// spreadsheets write it), or nullopt. Non-finite values come back as parsed.
std::optional<double> CellNumber(std::string_view text);
// The same for an integer; values beyond long long saturate (so they read as
// out of range, not as text).
std::optional<long long> CellInteger(std::string_view text);

// ASCII lower case, for matching column titles in any case.
std::string Lower(std::string_view text);
// The text without leading and trailing spaces ("a, b" split at the comma).
std::string WithoutSpaces(std::string_view text);

}  // namespace diplosim
