#include "scenarios/csv_rows.h"

#include <cctype>

#include "scenarios/scenario_error.h"

namespace diplosim {

namespace {

std::string_view Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// Reads the cell starting at raw[i] into `text` (unquoted, untrimmed) and
// returns the index of the comma or line end after it.
std::size_t ReadCell(std::string_view raw, std::size_t i, int line, int column, const std::string& file,
                     std::string& text) {
  text.clear();
  if (i < raw.size() && raw[i] == '"') {
    ++i;
    bool closed = false;
    while (i < raw.size()) {
      if (raw[i] == '"' && i + 1 < raw.size() && raw[i + 1] == '"') {
        text += '"';
        i += 2;
      } else if (raw[i] == '"') {
        ++i;
        closed = true;
        break;
      } else {
        text += raw[i++];
      }
    }
    if (!closed)
      throw ScenarioError(
          {Diagnostic{SourceLocation{file, line, column}, "unterminated quoted field; expected a closing '\"'"}});
  }
  const std::size_t comma = std::min(raw.find(',', i), raw.size());
  text.append(raw.substr(i, comma - i));
  return comma;
}

}  // namespace

void ForEachCsvRow(std::string_view text, const std::string& file, const std::function<bool(const CsvRow&)>& visit) {
  CsvRow row;
  std::string value;
  int line = 1;
  // Spreadsheets save UTF-8 CSV with a byte-order mark; it is not part of the first cell.
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    row.line = line;
    std::size_t count = 0;  // cells filled in this row; the row's vector keeps its strings between rows
    std::size_t i = 0;
    while (i <= raw.size()) {
      while (i < raw.size() && raw[i] == ' ') ++i;
      if (count == row.cells.size()) row.cells.emplace_back();
      CsvCell& cell = row.cells[count++];
      cell.column = static_cast<int>(i) + 1;
      i = ReadCell(raw, i, line, cell.column, file, value);
      cell.text.assign(Trim(value));
      if (i >= raw.size()) break;
      ++i;  // the comma
    }
    // A trailing comma leaves an empty last cell; it carries nothing.
    while (count > 1 && row.cells[count - 1].text.empty()) --count;
    row.cells.resize(count);
    const bool blank = count == 1 && row.cells[0].text.empty();
    if (!blank && !visit(row)) return;
    pos = end + 1;
    ++line;
  }
}

std::vector<CsvRow> SplitCsv(std::string_view text, const std::string& file) {
  std::vector<CsvRow> rows;
  ForEachCsvRow(text, file, [&](const CsvRow& row) {
    rows.push_back(row);
    return true;
  });
  return rows;
}

}  // namespace diplosim
