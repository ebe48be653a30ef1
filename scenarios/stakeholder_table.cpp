#include "scenarios/stakeholder_table.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "scenarios/csv_rows.h"
#include "scenarios/id_from_name.h"
#include "scenarios/number_text.h"
#include "scenarios/scenario_error.h"

namespace diplosim {

namespace {

using Cell = CsvCell;
using Row = CsvRow;

bool ParseNumber(const std::string& text, double* out) {
  const std::optional<double> v = CellNumber(text);
  if (!v || !std::isfinite(*v)) return false;
  *out = *v;
  return true;
}

[[noreturn]] void Fail(const std::string& file, int line, int column, const std::string& message) {
  throw ScenarioError({Diagnostic{SourceLocation{file, line, column}, message}});
}

ConfigNode Scalar(const std::string& text, const std::string& file, int line, int column) {
  return ConfigNode::Scalar(text, SourceLocation{file, line, column});
}

ConfigNode Map(const SourceLocation& at) {
  ConfigNode n;
  n.kind = ConfigNode::Kind::kMap;
  n.location = at;
  return n;
}

void Put(ConfigNode& map, const std::string& key, ConfigNode value) {
  SourceLocation at = value.location;
  map.entries.push_back(ConfigNode::Entry{key, at, std::move(value)});
}

// Header names KTAB and analysts use: "Pstn1", "Position 2", "XYZ Position"; "Sal1", "XYZ Salience".
bool LooksLikePosition(const std::string& name) {
  const std::string n = Lower(name);
  return n.find("pstn") != std::string::npos || n.find("position") != std::string::npos;
}

bool LooksLikeSalience(const std::string& name) { return Lower(name).find("sal") != std::string::npos; }

// A power column named like a position or salience means the power column is missing.
bool IsPairName(const std::string& name) {
  const std::string n = Lower(name);
  for (const char* power : {"power", "influence", "capabilit", "clout"})
    if (n.find(power) != std::string::npos) return false;
  return LooksLikePosition(name) || LooksLikeSalience(name);
}

}  // namespace

ConfigNode ReadStakeholderTable(const std::string& path, const SourceLocation& referenced_from,
                                const std::vector<std::string>& dimensions, const ParseLimits& limits) {
  const std::string text = ReadInputFile(path, referenced_from, limits);
  const std::vector<Row> rows = SplitCsv(text, path);
  if (rows.empty()) Fail(path, 1, 1, "empty stakeholder table; expected a header 'Actor,Description,Power,Pstn1,Sal1,…'");

  // KTAB's title line: name, description, number of actors, number of dimensions.
  std::size_t header_index = 0;
  long declared_actors = -1, declared_dims = -1;
  if (Lower(rows[0].cells[0].text) != "actor") {
    const Row& title = rows[0];
    double a = 0, d = 0;
    if (title.cells[0].text.empty() && title.cells.size() > 1 && Lower(title.cells[1].text) == "actor")
      Fail(path, title.line, 1,
           "the first column has no name, as pandas' to_csv writes its index; expected 'Actor' first: write the "
           "table with to_csv(..., index=False), or delete that column");
    if (title.cells.size() < 4 || !ParseNumber(title.cells[2].text, &a) || !ParseNumber(title.cells[3].text, &d))
      Fail(path, title.line, 1, "the first line is neither a header starting with 'Actor' nor a KTAB title line; "
                                "expected 'Actor,Description,Power,Pstn1,Sal1,…' or 'name,description,actors,dimensions'");
    declared_actors = static_cast<long>(a);
    declared_dims = static_cast<long>(d);
    header_index = 1;
  }
  if (header_index >= rows.size()) Fail(path, rows[0].line + 1, 1, "missing header line; expected 'Actor,Description,Power,Pstn1,Sal1,…'");
  const Row& header = rows[header_index];
  if (Lower(header.cells[0].text) != "actor")
    Fail(path, header.line, header.cells[0].column, "header must start with 'Actor'; got '" + header.cells[0].text + "'");
  // Columns are found by position, as KTAB's own reader does: Actor, an optional
  // Description, the actor's power (KTAB's samples call it Power or Influence), then
  // position/salience pairs whose names carry the dimension ("Pstn1", "XYZ Position").
  // Names are checked only where they tell the layout apart or reveal a slip.
  std::size_t col = 1;
  const std::size_t width_after_actor = header.cells.size() - 1;
  // The title line's dimension count settles whether a Description column is there.
  bool has_description = header.cells.size() > 1 && Lower(header.cells[1].text).rfind("desc", 0) == 0;
  if (declared_dims >= 0 && width_after_actor == static_cast<std::size_t>(2 + 2 * declared_dims))
    has_description = true;
  if (declared_dims >= 0 && width_after_actor == static_cast<std::size_t>(1 + 2 * declared_dims))
    has_description = false;
  if (has_description) ++col;
  if (col >= header.cells.size() || IsPairName(header.cells[col].text))
    Fail(path, header.line, col < header.cells.size() ? header.cells[col].column : 1,
         "expected a power column (Power, Influence or Capability) after 'Actor'" +
             std::string(has_description ? " and 'Description'" : "") +
             (col < header.cells.size() ? "; got '" + header.cells[col].text + "'" : std::string()));
  const std::size_t power_col = col++;
  const std::size_t pairs = (header.cells.size() - col) / 2;
  if ((header.cells.size() - col) % 2 != 0 || pairs == 0)
    Fail(path, header.line, header.cells.back().column,
         "position and salience columns must come in pairs (Pstn1,Sal1,Pstn2,Sal2,…); got " +
             std::to_string(header.cells.size() - col) + " columns after '" + header.cells[power_col].text + "'");
  for (std::size_t k = 0; k < pairs; ++k) {
    const Cell& p = header.cells[col + 2 * k];
    const Cell& s = header.cells[col + 2 * k + 1];
    if (LooksLikeSalience(p.text) && !LooksLikePosition(p.text))
      Fail(path, header.line, p.column,
           "expected a position column (Pstn" + std::to_string(k + 1) + ") before its salience; got '" + p.text + "'");
    if (LooksLikePosition(s.text) && !LooksLikeSalience(s.text))
      Fail(path, header.line, s.column,
           "expected a salience column (Sal" + std::to_string(k + 1) + ") after its position; got '" + s.text + "'");
  }
  if (declared_dims >= 0 && static_cast<std::size_t>(declared_dims) != pairs)
    Fail(path, rows[0].line, rows[0].cells[3].column, "the title line declares " + std::to_string(declared_dims) +
                                                          " dimensions but the header has " + std::to_string(pairs) +
                                                          "; expected them to agree");
  if (pairs != dimensions.size())
    Fail(referenced_from.file.empty() ? path : referenced_from.file, referenced_from.line, referenced_from.column,
         "the table has " + std::to_string(pairs) + " dimension(s) but actors_from.dimensions lists " +
             std::to_string(dimensions.size()) + "; expected one dimension id per Pstn/Sal pair");

  ConfigNode actors = Map(SourceLocation{path, header.line, 1});
  const std::size_t width = col + 2 * pairs;
  for (std::size_t r = header_index + 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.cells.size() != width)
      Fail(path, row.line, 1, "row has " + std::to_string(row.cells.size()) + " cells; expected " + std::to_string(width) +
                                  " like the header");
    const Cell& name = row.cells[0];
    if (name.text.empty()) Fail(path, row.line, name.column, "empty actor name; expected a name in the first column");
    ConfigNode actor = Map(SourceLocation{path, row.line, 1});
    Put(actor, "name", Scalar(name.text, path, row.line, name.column));
    if (has_description) Put(actor, "description", Scalar(row.cells[1].text, path, row.line, row.cells[1].column));
    const Cell& power = row.cells[power_col];
    ConfigNode capability = Map(SourceLocation{path, row.line, power.column});
    for (const char* comp : {"military", "economic", "diplomatic"})
      Put(capability, comp, Scalar(power.text, path, row.line, power.column));
    Put(actor, "capability", std::move(capability));
    ConfigNode position = Map(SourceLocation{path, row.line, row.cells[col].column});
    ConfigNode salience = Map(SourceLocation{path, row.line, row.cells[col + 1].column});
    ConfigNode intensity = Map(SourceLocation{path, row.line, row.cells[col + 1].column});
    double total = 0.0;
    std::vector<double> sal(pairs, 0.0);
    for (std::size_t k = 0; k < pairs; ++k) {
      const Cell& p = row.cells[col + 2 * k];
      const Cell& s = row.cells[col + 2 * k + 1];
      Put(position, dimensions[k], Scalar(p.text, path, row.line, p.column));
      if (!ParseNumber(s.text, &sal[k]) || sal[k] < 0.0 || sal[k] > 100.0)
        Fail(path, row.line, s.column, "salience must be a number in [0, 100]; got '" + s.text + "'");
      total += sal[k];
      Put(intensity, dimensions[k], Scalar(ExactNumber(sal[k] / 100.0), path, row.line, s.column));
    }
    for (std::size_t k = 0; k < pairs && total > 0.0; ++k)
      Put(salience, dimensions[k], Scalar(ExactNumber(sal[k] / total), path, row.line, row.cells[col + 2 * k + 1].column));
    Put(actor, "position", std::move(position));
    if (total > 0.0) Put(actor, "salience", std::move(salience));
    Put(actor, "intensity", std::move(intensity));
    const std::string id = IdFromName(name.text);
    if (const ConfigNode::Entry* first = actors.FindEntry(id)) {
      const std::string& first_name = first->value.Find("name")->scalar;
      if (first_name == name.text)
        Fail(path, row.line, name.column,
             "duplicate actor '" + name.text + "' (id '" + id + "'); expected each actor once");
      // Two names that differ only outside the ASCII id alphabet (other scripts).
      Fail(path, row.line, name.column,
           "actor '" + name.text + "' gets the id '" + id + "', as '" + first_name + "' on line " +
               std::to_string(first->key_location.line) +
               " does; expected names that differ in Latin letters or digits (ids are ASCII): write the Actor "
               "cell in Latin letters and keep this name in the Description column");
    }
    actors.entries.push_back(ConfigNode::Entry{id, SourceLocation{path, row.line, name.column}, std::move(actor)});
  }
  if (actors.entries.empty()) Fail(path, header.line, 1, "the table has no actor rows; expected one row per actor");
  if (declared_actors >= 0 && static_cast<std::size_t>(declared_actors) != actors.entries.size())
    Fail(path, rows[0].line, rows[0].cells[2].column, "the title line declares " + std::to_string(declared_actors) +
                                                          " actors but the table has " +
                                                          std::to_string(actors.entries.size()) + " rows; expected them to agree");
  return actors;
}

}  // namespace diplosim
