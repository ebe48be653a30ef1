#include "scenarios/csv_rows.h"

#include <cctype>

#include "scenarios/scenario_error.h"

namespace diplosim {

namespace {

std::string Trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

}  // namespace

std::vector<CsvRow> SplitCsv(std::string_view text, const std::string& file) {
  std::vector<CsvRow> rows;
  int line = 1;
  // Spreadsheets save UTF-8 CSV with a byte-order mark; it is not part of the first cell.
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string raw(text.substr(pos, end - pos));
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    CsvRow row;
    row.line = line;
    std::size_t i = 0;
    while (i <= raw.size()) {
      CsvCell cell;
      while (i < raw.size() && raw[i] == ' ') ++i;
      cell.column = static_cast<int>(i) + 1;
      std::string value;
      if (i < raw.size() && raw[i] == '"') {
        ++i;
        bool closed = false;
        while (i < raw.size()) {
          if (raw[i] == '"' && i + 1 < raw.size() && raw[i + 1] == '"') {
            value += '"';
            i += 2;
          } else if (raw[i] == '"') {
            ++i;
            closed = true;
            break;
          } else {
            value += raw[i++];
          }
        }
        if (!closed)
          throw ScenarioError({Diagnostic{SourceLocation{file, line, cell.column},
                                          "unterminated quoted field; expected a closing '\"'"}});
        while (i < raw.size() && raw[i] != ',') value += raw[i++];
      } else {
        while (i < raw.size() && raw[i] != ',') value += raw[i++];
      }
      cell.text = Trim(value);
      row.cells.push_back(cell);
      if (i >= raw.size()) break;
      ++i;  // the comma
    }
    // A trailing comma leaves an empty last cell; it carries nothing.
    while (!row.cells.empty() && row.cells.back().text.empty() && row.cells.size() > 1) row.cells.pop_back();
    const bool blank = row.cells.size() == 1 && row.cells[0].text.empty();
    if (!blank) rows.push_back(std::move(row));
    pos = end + 1;
    ++line;
  }
  return rows;
}


}  // namespace diplosim
