#include "scenarios/csv_rows.h"

#include <cctype>
#include <charconv>
#include <limits>

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
// returns the index of the separator or line end after it.
std::size_t ReadCell(std::string_view raw, std::size_t i, char separator, int line, int column, const std::string& file,
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
  const std::size_t end = std::min(raw.find(separator, i), raw.size());
  text.append(raw.substr(i, end - i));
  return end;
}

// 8,5 or -0,25 or 1,5e3 (a number with a decimal comma) becomes 8.5; any
// other text, a name with a comma in it included, is left as it is.
void PointForDecimalComma(std::string& text) {
  const std::size_t comma = text.find(',');
  if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos) return;
  std::string pointed = text;
  pointed[comma] = '.';
  if (comma > 0 && std::isdigit(static_cast<unsigned char>(pointed[comma - 1])) && comma + 1 < pointed.size() &&
      std::isdigit(static_cast<unsigned char>(pointed[comma + 1])) && CellNumber(pointed))
    text = std::move(pointed);
}

}  // namespace

char CsvSeparator(std::string_view text) {
  // Commas say little (a ';' file has them in decimals and in unquoted prose),
  // a ';' on every one of the first lines says a lot.
  int lines = 0;
  bool every_line = true;
  ForEachLine(text, [&](std::string_view line, int) {
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#' || line[first] == '%') return true;
    bool quoted = false, semicolon = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      semicolon = semicolon || (!quoted && c == ';');
    }
    every_line = every_line && semicolon;
    return every_line && ++lines < 5;
  });
  return lines > 0 && every_line ? ';' : ',';
}

void ForEachCsvRow(std::string_view text, const std::string& file, const std::function<bool(const CsvRow&)>& visit) {
  const char separator = CsvSeparator(text);
  CsvRow row;
  std::string value;
  ForEachLine(text, [&](std::string_view raw, int line) {
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    row.line = line;
    std::size_t count = 0;  // cells filled in this row; the row's vector keeps its strings between rows
    std::size_t i = 0;
    while (i <= raw.size()) {
      while (i < raw.size() && raw[i] == ' ') ++i;
      if (count == row.cells.size()) row.cells.emplace_back();
      CsvCell& cell = row.cells[count++];
      cell.column = static_cast<int>(i) + 1;
      i = ReadCell(raw, i, separator, line, cell.column, file, value);
      cell.text.assign(Trim(value));
      if (separator == ';') PointForDecimalComma(cell.text);
      if (i >= raw.size()) break;
      ++i;  // the separator
    }
    // A trailing separator leaves an empty last cell; it carries nothing.
    while (count > 1 && row.cells[count - 1].text.empty()) --count;
    row.cells.resize(count);
    const bool blank = count == 1 && row.cells[0].text.empty();
    return blank || visit(row);
  });
}

void ForEachFieldRow(std::string_view text, const std::function<bool(const CsvRow&)>& visit) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; };
  CsvRow row;
  ForEachLine(text, [&](std::string_view raw, int line) {
    row.line = line;
    std::size_t count = 0;
    for (std::size_t i = 0;;) {
      while (i < raw.size() && blank(raw[i])) ++i;
      if (i >= raw.size()) break;
      const std::size_t start = i;
      while (i < raw.size() && !blank(raw[i])) ++i;
      if (count == row.cells.size()) row.cells.emplace_back();
      CsvCell& cell = row.cells[count++];
      cell.column = static_cast<int>(start) + 1;
      cell.text.assign(raw.substr(start, i - start));
    }
    row.cells.resize(count);
    return count == 0 || visit(row);
  });
}

std::optional<double> CellNumber(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<long long> CellInteger(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  long long v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ptr != text.data() + text.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range)
    return text.starts_with('-') ? std::numeric_limits<long long>::min() : std::numeric_limits<long long>::max();
  return ec == std::errc() ? std::optional<long long>(v) : std::nullopt;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string WithoutSpaces(std::string_view text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(' ') - first + 1));
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
