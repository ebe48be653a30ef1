#include "scenarios/edge_list.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scenarios/csv_rows.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/network_format.h"
#include "scenarios/text_encoding.h"
#include "scenarios/yaml_io.h"

namespace diplosim {

namespace {

constexpr std::size_t kMaxEdgeFileBytes = 1u << 30;  // 1 GiB: tens of millions of links
constexpr std::size_t kMaxErrorsPerFile = 5;

const std::vector<std::string> kColumnNames = {"from", "to", "source", "target", "weight"};
// Columns other tools write beside their links (Gephi, Cytoscape, NetworkX's
// multigraph key): ignored. Any other column is an error, lest a misnamed
// weight column be dropped without a word.
const std::vector<std::string> kForeignColumns = {"id", "label", "type", "key", "timeset", "interval", "interaction"};

bool IsComment(const CsvRow& row) {
  const std::string& t = row.cells[0].text;
  return !t.empty() && (t[0] == '#' || t[0] == '%');
}

// A row as text for a message: control bytes (a binary file) shown as '?', long rows cut.
std::string Joined(const CsvRow& row) {
  std::string out;
  for (const auto& c : row.cells) out += (out.empty() ? "" : ",") + c.text;
  for (char& ch : out)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '?';
  return ShortenedForMessage(out, 60);
}

// Agents named by text, numbered in order of first appearance. A name that is
// a plain decimal number (SNAP's node ids, often with gaps) is looked up in an
// array indexed by that number: hashing is most of the time of reading ten
// million links otherwise, since each look-up misses the cache.
class AgentNames {
 public:
  std::size_t size() const { return count_; }
  // The agent called `name`, naming a new one if there are fewer than `cap`; −1 if not.
  int Intern(const std::string& name, long long cap) {
    if (const long long number = PlainNumber(name); number >= 0) {
      if (static_cast<std::size_t>(number) >= by_number_.size())
        by_number_.resize(std::max<std::size_t>(static_cast<std::size_t>(number) + 1, 2 * by_number_.size()), -1);
      int& id = by_number_[static_cast<std::size_t>(number)];
      if (id < 0 && static_cast<long long>(count_) < cap) id = static_cast<int>(count_++);
      return id;
    }
    if (const auto it = by_text_.find(name); it != by_text_.end()) return it->second;
    if (static_cast<long long>(count_) >= cap) return -1;
    by_text_.emplace(name, static_cast<int>(count_));
    return static_cast<int>(count_++);
  }

 private:
  static constexpr long long kMaxNumber = 1 << 25;  // the array holds at most 128 MiB

  // The name's value if it is digits without a leading zero and below kMaxNumber
  // (so no two such names share a number), else −1.
  static long long PlainNumber(const std::string& name) {
    if (name.empty() || name.size() > 8 || (name[0] == '0' && name.size() > 1)) return -1;
    long long v = 0;
    for (char c : name) {
      if (c < '0' || c > '9') return -1;
      v = 10 * v + (c - '0');
    }
    return v < kMaxNumber ? v : -1;
  }

  std::size_t count_ = 0;
  std::vector<int> by_number_;
  std::unordered_map<std::string, int> by_text_;
};

enum class Layout { kCsv, kFields, kMatrixMarket };

// A thrown error (a file that cannot be read, an unterminated quote) among the others.
void Absorb(const ScenarioError& e, Diagnostics& diags) {
  for (const auto& d : e.diagnostics()) diags.Error(d.location, d.message);
}

// Told from the first line that is not blank (Matrix Market's banner) and the
// first that is not a comment (a comma makes it CSV).
Layout DetectLayout(std::string_view text) {
  Layout layout = Layout::kCsv;
  bool first = true;
  ForEachLine(text, [&](std::string_view line, int) {
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front()))) line.remove_prefix(1);
    if (line.empty()) return true;
    if (first && Lower(line.substr(0, 14)) == "%%matrixmarket") {
      layout = Layout::kMatrixMarket;
      return false;
    }
    first = false;
    if (line[0] == '#' || line[0] == '%') return true;
    layout = line.find_first_of(",;") != std::string_view::npos ? Layout::kCsv : Layout::kFields;
    return false;
  });
  return layout;
}

// Reads rows into a Network, one link a row, collecting located errors.
class LinkReader {
 public:
  LinkReader(std::string file, const EdgeListOptions& options, Diagnostics& diags, Layout layout)
      : file_(std::move(file)), options_(options), diags_(diags), errors_before_(diags.count()),
        matrix_market_(layout == Layout::kMatrixMarket), directed_(options.directed) {}

  // The banner `%%MatrixMarket matrix coordinate FIELD SYMMETRY`.
  bool Banner(std::string_view text) {
    CsvRow banner;  // the first line that is not blank, as DetectLayout found it
    ForEachFieldRow(text, [&](const CsvRow& row) {
      banner = row;
      return false;
    });
    const int line = banner.line;
    std::vector<std::string> words;
    for (const auto& c : banner.cells) words.push_back(Lower(c.text));
    words.resize(5);
    if (words[1] != "matrix" || words[2] != "coordinate") {
      Fail(line, 1, "only a Matrix Market 'matrix coordinate' file describes a network; got '" + Joined(banner) + "'");
      return false;
    }
    if (words[3] != "real" && words[3] != "integer" && words[3] != "double" && words[3] != "pattern") {
      Fail(line, 1, "Matrix Market field '" + words[3] + "' cannot be a link weight; expected real, integer or pattern");
      return false;
    }
    if (words[4] != "general" && words[4] != "symmetric") {
      Fail(line, 1, "Matrix Market symmetry '" + words[4] + "' does not describe a network; expected general or symmetric");
      return false;
    }
    if (options_.labels) {
      Fail(line, 1, "a Matrix Market file numbers its agents 1..M; ids: labels does not apply (remove it)");
      return false;
    }
    pattern_ = words[3] == "pattern";
    if (words[4] == "symmetric") directed_ = false;
    return true;
  }

  bool Row(const CsvRow& row) {
    if (IsComment(row)) return true;
    seen_content_ = true;
    if (matrix_market_ && rows_ < 0) return MatrixSize(row);
    if (!matrix_market_ && !titled_) {
      titled_ = true;
      if (IsTitle(row)) return Title(row);
      if (!options_.labels && !CellNumber(row.cells[0].text)) {
        Fail(row.line, row.cells[0].column,
             "the title line must name the columns from,to[,weight] or source,target[,weight]; got '" + Joined(row) +
                 "'" + ColumnDidYouMean(row));
        return false;
      }
    }
    return Link(row);
  }

  std::optional<Network> Finish() {
    if (!seen_content_) {
      Fail(1, 1, "the edge list is empty; expected one link per line (from,to[,weight]) after an optional title line");
      return std::nullopt;
    }
    if (matrix_market_ && rows_ >= 0 && entries_ != promised_ && diags_.count() == errors_before_)
      Fail(size_line_, 1, "the size line promises " + std::to_string(promised_) + " entries; the file has " +
                              std::to_string(entries_));
    if (diags_.count() > errors_before_) return std::nullopt;
    const long long named = matrix_market_ ? rows_ : options_.labels ? static_cast<long long>(names_.size()) : highest_ + 1;
    net_.size = options_.size > 0 ? options_.size : static_cast<int>(named);
    if (net_.size == 0) {
      Fail(1, 1, "the file names no agents; expected links, or the population's size");
      return std::nullopt;
    }
    return std::move(net_);
  }

  void Reserve(std::size_t lines) { net_.edges.reserve(directed_ ? lines : 2 * lines); }

 private:
  static bool IsColumnName(const std::string& text) {
    const std::string name = Lower(text);
    return std::find(kColumnNames.begin(), kColumnNames.end(), name) != kColumnNames.end();
  }

  static std::string ColumnDidYouMean(const CsvRow& row) {
    for (const auto& c : row.cells)
      if (!IsColumnName(c.text))
        if (std::string hint = DidYouMean(Lower(c.text), kColumnNames); !hint.empty()) return hint;
    return "";
  }

  // A title line is the first row, if any of its fields is a column name.
  static bool IsTitle(const CsvRow& row) {
    return std::any_of(row.cells.begin(), row.cells.end(), [](const CsvCell& c) { return IsColumnName(c.text); });
  }

  bool Title(const CsvRow& row) {
    from_ = to_ = weight_ = -1;
    for (std::size_t k = 0; k < row.cells.size(); ++k) {
      const std::string name = Lower(row.cells[k].text);
      int* slot = name == "from" || name == "source" ? &from_
                  : name == "to" || name == "target" ? &to_
                  : name == "weight"                 ? &weight_
                                                     : nullptr;
      if (!slot) {
        // An unnamed column (the index pandas' to_csv writes first) cannot be a misspelt weight.
        if (name.empty()) continue;
        if (std::find(kForeignColumns.begin(), kForeignColumns.end(), name) == kForeignColumns.end())
          Fail(row.line, row.cells[k].column,
               "column '" + row.cells[k].text + "' is not read; expected from|source, to|target, weight, or another "
               "tool's id, label, type, key, timeset, interval or interaction column (ignored)" +
                   DidYouMean(name, kColumnNames));
        continue;
      }
      if (*slot >= 0) Fail(row.line, row.cells[k].column, "column '" + row.cells[k].text + "' repeats an earlier column");
      *slot = static_cast<int>(k);
    }
    if ((from_ < 0 || to_ < 0) && diags_.count() == errors_before_)
      Fail(row.line, 1, "the title line must name the columns from,to[,weight] or source,target[,weight]; got '" +
                            Joined(row) + "'" + ColumnDidYouMean(row));
    fields_ = row.cells.size();
    title_ = Joined(row);
    return diags_.count() == errors_before_;
  }

  // Matrix Market's first line after the comments: rows, columns, entries.
  bool MatrixSize(const CsvRow& row) {
    long long v[3] = {-1, -1, -1};
    for (std::size_t k = 0; k < 3 && k < row.cells.size(); ++k) v[k] = CellInteger(row.cells[k].text).value_or(-1);
    size_line_ = row.line;
    if (row.cells.size() != 3 || v[0] < 0 || v[1] < 0 || v[2] < 0) {
      Fail(row.line, 1, "the Matrix Market size line must be 'rows columns entries'; got '" + Joined(row) + "'");
      return false;
    }
    if (v[0] != v[1]) {
      Fail(row.line, 1, "a network's matrix is square; got " + std::to_string(v[0]) + " rows and " +
                            std::to_string(v[1]) + " columns");
      return false;
    }
    const long long limit = options_.size > 0 ? options_.size : options_.max_agents;
    if (v[0] > limit) {
      Fail(row.line, 1, "the matrix has " + std::to_string(v[0]) + " rows; " +
                            (options_.size > 0 ? "the population has size " + std::to_string(options_.size)
                                               : "populations may hold " + std::to_string(limit) + " agents"));
      return false;
    }
    rows_ = v[0];
    promised_ = v[2];
    fields_ = pattern_ ? 2 : 3;
    from_ = 0;
    to_ = 1;
    weight_ = pattern_ ? -1 : 2;
    return true;
  }

  bool Link(const CsvRow& row) {
    for (const auto& c : row.cells)
      if (c.text.starts_with("{")) {
        Fail(row.line, c.column, "attribute dictionaries are not read; expected a weight or nothing (NetworkX: "
                                 "write_weighted_edgelist, or write_edgelist with data=False)");
        return false;
      }
    if (fields_ == 0 && (row.cells.size() == 2 || row.cells.size() == 3)) {  // no title: the first link decides
      fields_ = row.cells.size();
      from_ = 0;
      to_ = 1;
      weight_ = fields_ == 3 ? 2 : -1;
    }
    // A title may name columns after the ones read; trailing empty CSV cells are dropped.
    const std::size_t needed = static_cast<std::size_t>(std::max({from_, to_, weight_})) + 1;
    if (fields_ == 0 || row.cells.size() > fields_ || row.cells.size() < needed) {
      const std::string names = !title_.empty() ? title_ : fields_ == 3 ? "from,to,weight" : fields_ == 2 ? "from,to" : "from,to[,weight]";
      Fail(row.line, 1, "this line has " + std::to_string(row.cells.size()) + " fields; expected " +
                            (fields_ == 0 ? std::string("2 or 3") : std::to_string(fields_)) + " (" + names + ")");
      return KeepGoing();
    }
    const CsvCell& from_cell = row.cells[static_cast<std::size_t>(from_)];
    const CsvCell& to_cell = row.cells[static_cast<std::size_t>(to_)];
    const auto from = Agent(from_cell, row.line);
    const auto to = Agent(to_cell, row.line);
    double weight = 1.0;
    if (weight_ >= 0) {
      const CsvCell& cell = row.cells[static_cast<std::size_t>(weight_)];
      weight = CellNumber(cell.text).value_or(-1.0);
      if (!(weight >= 0.0) || !std::isfinite(weight)) {
        Fail(row.line, cell.column, "weight '" + cell.text + "' is not a number >= 0; expected e.g. 1 or 0.5");
        return KeepGoing();
      }
    }
    if (!from || !to) return KeepGoing();
    if (*from == *to) {
      Fail(row.line, from_cell.column,
           "agent " + from_cell.text + " links to itself; self-links are implied (an agent keeps its anchor)");
      return KeepGoing();
    }
    net_.edges.push_back({*from, *to, weight});
    if (!directed_) net_.edges.push_back({*to, *from, weight});
    ++entries_;
    return true;
  }

  std::optional<int> Agent(const CsvCell& cell, int line) {
    const long long limit = matrix_market_ ? rows_ : options_.size > 0 ? options_.size : options_.max_agents;
    if (options_.labels) {
      if (cell.text.empty()) {
        Fail(line, cell.column, "an agent without a name; expected a name or number in every link");
        return std::nullopt;
      }
      const int id = names_.Intern(cell.text, limit);
      if (id < 0) {
        Fail(line, cell.column, "agent '" + cell.text + "' would be agent number " + std::to_string(names_.size() + 1) +
                                    " of the file; " +
                                    (options_.size > 0 ? "the population has size " + std::to_string(options_.size)
                                                       : "populations may hold " + std::to_string(limit) + " agents"));
        return std::nullopt;
      }
      return id;
    }
    const long long first = matrix_market_ ? 1 : 0;
    const auto range = [&] { return std::to_string(first) + ".." + std::to_string(limit - 1 + first); };
    const std::optional<long long> parsed = CellInteger(cell.text);
    if (!parsed) {
      Fail(line, cell.column, "'" + cell.text + "' is not an agent number; expected an integer in " + range() +
                                  (matrix_market_ ? "" : " (or ids: labels to name agents by any text)"));
      return std::nullopt;
    }
    const long long v = *parsed;
    if (v < first || v - first >= limit) {
      const std::string why = matrix_market_        ? " (a matrix of " + std::to_string(rows_) + " rows)"
                              : options_.size > 0 ? " (size " + std::to_string(options_.size) + ")"
                                                  : " (the most agents populations may hold)";
      Fail(line, cell.column, "agent " + cell.text + " is outside the population; expected " + range() + why);
      return std::nullopt;
    }
    highest_ = std::max(highest_, v - first);
    return static_cast<int>(v - first);
  }

  void Fail(int line, int column, std::string message) { diags_.Error({file_, line, column}, std::move(message)); }
  bool KeepGoing() const { return diags_.count() < errors_before_ + kMaxErrorsPerFile; }

  std::string file_;
  const EdgeListOptions& options_;
  Diagnostics& diags_;
  const std::size_t errors_before_;
  const bool matrix_market_;
  bool directed_;
  bool pattern_ = false;
  bool seen_content_ = false;
  bool titled_ = false;  // the first row was looked at for a title
  std::string title_;
  std::size_t fields_ = 0;  // fields a link line has; 0 until a title or the first link says
  int from_ = -1, to_ = -1, weight_ = -1;
  long long rows_ = -1, promised_ = 0, entries_ = 0;  // Matrix Market
  int size_line_ = 1;
  long long highest_ = -1;
  AgentNames names_;
  Network net_;
};

}  // namespace

std::optional<Network> ParseEdgeList(std::string_view text, const std::string& file, const EdgeListOptions& options,
                                     Diagnostics& diags) {
  try {
    const Layout layout = DetectLayout(text);
    if (layout != Layout::kMatrixMarket) {
      std::optional<std::string> foreign;
      int at = 0;
      ForEachLine(text, [&](std::string_view line, int number) {
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) return true;
        foreign = ForeignNetworkFormat(line, file);
        at = number;
        return false;
      });
      if (foreign) {
        diags.Error({file, at, 1}, *foreign);
        return std::nullopt;
      }
    }
    LinkReader reader(file, options, diags, layout);
    if (layout == Layout::kMatrixMarket && !reader.Banner(text)) return std::nullopt;
    reader.Reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
    // Row by row: a file of tens of millions of links never exists as cells all at once.
    const auto visit = [&](const CsvRow& row) { return reader.Row(row); };
    if (layout == Layout::kCsv) {
      ForEachCsvRow(text, file, visit);
    } else {
      ForEachFieldRow(text, visit);
    }
    return reader.Finish();
  } catch (const ScenarioError& e) {  // an unterminated quote
    Absorb(e, diags);
    return std::nullopt;
  }
}

std::optional<Network> ReadEdgeList(const std::string& path, const SourceLocation& named_at,
                                    const EdgeListOptions& options, Diagnostics& diags) {
  std::string text;
  try {
    ParseLimits limits;
    limits.max_bytes = kMaxEdgeFileBytes;
    text = ReadInputFile(path, named_at, limits);
  } catch (const ScenarioError& e) {
    Absorb(e, diags);
    return std::nullopt;
  }
  return ParseEdgeList(text, path, options, diags);
}

}  // namespace diplosim
