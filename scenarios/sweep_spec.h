#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "scenarios/scenario_error.h"
#include "sim/outcome.h"
#include "sim/sampling/design.h"

namespace diplosim {

// One swept parameter: a dotted path into the base scenario and its distribution.
struct SweepParameter {
  std::string path;
  Distribution distribution;
  SourceLocation location;
};

// Where the values of a --design CSV stand, so that a point's errors and the
// notes on its values name the cell rather than the sweep file's parameter line.
struct DesignCells {
  std::string file;
  std::vector<int> line;                 // per point
  std::vector<std::vector<int>> column;  // per point, per parameter (the sweep's order)

  bool empty() const { return line.empty(); }
  SourceLocation At(int point, std::size_t parameter) const {
    return SourceLocation{file, line[point], column[point][parameter]};
  }
};

// A validated sweep file (docs/sweeps.md).
struct SweepSpec {
  std::string file;
  std::string text;
  std::string sha256;  // of the sweep text and the resolved base scenario: shards must agree
  std::string scenario_file;
  ResolvedSource base;                      // the base scenario, resolved
  std::shared_ptr<const World> base_world;  // bound, to resolve outcomes
  LoadOptions load_options;
  std::vector<SweepParameter> parameters;
  SamplerKind sampler = SamplerKind::kLatinHypercube;
  int points = 100;         // random/lhs: points; sobol: the base sample N; grid: nodes per continuous parameter
  int replicates = 10;
  std::uint64_t seed = 1;
  std::vector<OutcomeSpec> outcomes;
  bool trajectories = false;  // store each point's median forecast trajectory
  // Parameters whose ends of range make the scenario invalid (file:line:col: what), for validate and sweep to print.
  std::vector<std::string> range_notes;
  // The base scenario's own notes (what `validate SCENARIO` prints), which hold for every point too.
  std::vector<std::string> scenario_notes;
  // The cells of the design read with --design (empty for the sampler's design).
  DesignCells design_cells;

  std::vector<Distribution> Distributions() const;
};

// Loads and validates a sweep file; errors are ScenarioErrors with
// file:line:column, the expected form and did-you-mean on paths and names.
SweepSpec LoadSweep(const std::string& path, const LoadOptions& options);
// The same from text, as if read from the file `name` (for the fuzzer and tests).
SweepSpec LoadSweepText(const std::string& text, const std::string& name, const LoadOptions& options);

// The design the sampler produces.
Design MakeDesign(const SweepSpec& sweep);

// A design made elsewhere (scipy.qmc, SALib): a CSV with one column per
// parameter path (any order; a header row of the paths) and one row per point.
// `cells`, when given, receives where each value stands.
Design ReadDesignCsv(const std::string& path, const SweepSpec& sweep, DesignCells* cells = nullptr);
// Notes on a design read with --design, at the cells concerned: each column's
// lowest and highest value set alone in the base scenario (as the sweep file's
// ranges are checked), where that gives an invalid scenario. Notes, not errors:
// other columns may set such a point right (a salience row varied together).
std::vector<std::string> DesignNotes(const SweepSpec& sweep, const Design& design);
// The design as such a CSV (columns in the sweep's parameter order).
std::string DesignCsv(const SweepSpec& sweep, const Design& design);

// The scenario of one point: the base with every parameter set to the point's
// value. Throws ScenarioError when that combination is not a valid scenario;
// its errors name the design's cell when `point` is given and the design was
// read with --design, else the parameter's line in the sweep file.
Scenario BindPoint(const SweepSpec& sweep, const Eigen::RowVectorXd& values, int point = -1);

// The first problem of the base scenario with the parameter at `path` alone set
// to `value`, a value read at `at`; nullopt when that scenario is valid.
std::optional<Diagnostic> ProblemAlone(const ResolvedSource& base, const std::string& path, double value,
                                       const SourceLocation& at);

const char* SamplerName(SamplerKind kind);
// Advice on a design that runs but is weaker than it could be (a Sobol base
// size that is not a power of two); empty when there is none.
std::string SamplerNote(const SweepSpec& sweep);

// Whether a file with these top-level keys is a sweep: it says so
// (diplosim_sweep), or it has a sweep's keys (parameters, sampler, outcomes)
// and none of a scenario's. The version line is optional, so sweeps written
// without it must not be read as scenarios with a dozen "unknown key" errors.
bool LooksLikeSweep(const std::vector<std::string>& top_level_keys);

}  // namespace diplosim
