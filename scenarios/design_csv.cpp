#include <cmath>
#include <utility>
#include <vector>

#include "scenarios/csv_rows.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/number_text.h"
#include "scenarios/scenario_error.h"
#include "scenarios/sweep_spec.h"
#include "scenarios/yaml_io.h"

namespace diplosim {

Design ReadDesignCsv(const std::string& path, const SweepSpec& sweep, DesignCells* cells) {
  const std::string text = ReadInputFile(path, SourceLocation{}, sweep.load_options.limits);
  const std::vector<CsvRow> rows = SplitCsv(text, path);
  auto fail = [&](int line, int column, const std::string& message) {
    throw ScenarioError({Diagnostic{SourceLocation{path, line, column}, message}});
  };
  if (rows.empty()) fail(1, 1, "empty design; expected a header of parameter paths and one row per point");
  std::vector<std::string> paths;
  for (const auto& p : sweep.parameters) paths.push_back(p.path);
  const CsvRow& header = rows[0];
  std::vector<int> column_of(paths.size(), -1);
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    const CsvCell& cell = header.cells[c];
    if (cell.text.empty()) continue;  // an unnamed column: the row index pandas' to_csv writes first
    auto it = std::find(paths.begin(), paths.end(), cell.text);
    if (it == paths.end())
      fail(header.line, cell.column, "column '" + cell.text + "' is not a parameter of the sweep; expected one of its paths" +
                                         DidYouMean(cell.text, paths));
    if (column_of[it - paths.begin()] >= 0)
      fail(header.line, cell.column, "duplicate column '" + cell.text + "'; expected each parameter once");
    column_of[it - paths.begin()] = static_cast<int>(c);
  }
  for (std::size_t k = 0; k < paths.size(); ++k)
    if (column_of[k] < 0) fail(header.line, 1, "no column for parameter '" + paths[k] + "'; expected one column per parameter path");
  Design d;
  d.values.resize(static_cast<int>(rows.size()) - 1, static_cast<int>(paths.size()));
  DesignCells where{path, {}, {}};
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.cells.size() != header.cells.size())
      fail(row.line, 1, "row has " + std::to_string(row.cells.size()) + " cells; expected " +
                            std::to_string(header.cells.size()) + " like the header");
    for (std::size_t k = 0; k < paths.size(); ++k) {
      const CsvCell& cell = row.cells[column_of[k]];
      const std::optional<double> v = CellNumber(cell.text);
      if (!v || !std::isfinite(*v))
        fail(row.line, cell.column, "'" + cell.text + "' is not a finite number; expected a value for " + paths[k]);
      d.values(static_cast<int>(r) - 1, static_cast<int>(k)) = *v;
    }
    where.line.push_back(row.line);
    where.column.emplace_back();
    for (std::size_t k = 0; k < paths.size(); ++k) where.column.back().push_back(row.cells[column_of[k]].column);
  }
  if (d.NumPoints() == 0) fail(header.line, 1, "the design has no points; expected one row per point");
  if (cells) *cells = std::move(where);
  return d;
}

std::vector<std::string> DesignNotes(const SweepSpec& sweep, const Design& design) {
  std::vector<std::string> notes;
  if (sweep.design_cells.empty() || design.NumPoints() == 0) return notes;
  for (std::size_t k = 0; k < sweep.parameters.size(); ++k) {
    const auto column = design.values.col(static_cast<int>(k));
    Eigen::Index lowest = 0, highest = 0;
    column.minCoeff(&lowest);
    column.maxCoeff(&highest);
    const bool one_value = column(lowest) == column(highest);
    std::vector<std::pair<Eigen::Index, const char*>> probes = {{lowest, one_value ? "only" : "lowest"}};
    if (!one_value) probes.emplace_back(highest, "highest");
    // A key that takes whole numbers (collapse_after) fails at fractions the ends may not have.
    for (Eigen::Index row = 0; row < column.size(); ++row)
      if (column(row) != std::floor(column(row))) {
        if (row != lowest && row != highest) probes.emplace_back(row, "first fractional");
        break;
      }
    for (const auto& [row, which] : probes) {
      const SourceLocation cell = sweep.design_cells.At(static_cast<int>(row), k);
      const auto problem = ProblemAlone(sweep.base, sweep.parameters[k].path, column(row), cell);
      if (!problem) continue;
      const bool here = problem->location.file == cell.file && problem->location.line == cell.line;
      notes.push_back(cell.ToString() + ": parameter '" + sweep.parameters[k].path + "' at " +
                      ShortNumber(column(row)) + " (the column's " + which +
                      " value) gives an invalid scenario, so the points with it will fail: " +
                      (here ? problem->message : problem->location.ToString() + ": " + problem->message));
    }
  }
  return notes;
}

}  // namespace diplosim
