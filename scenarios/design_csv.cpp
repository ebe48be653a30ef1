#include <cmath>

#include "scenarios/csv_rows.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/scenario_error.h"
#include "scenarios/sweep_spec.h"
#include "scenarios/yaml_io.h"

namespace diplosim {

Design ReadDesignCsv(const std::string& path, const SweepSpec& sweep) {
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
  }
  if (d.NumPoints() == 0) fail(header.line, 1, "the design has no points; expected one row per point");
  return d;
}

}  // namespace diplosim
