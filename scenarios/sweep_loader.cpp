#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include "scenarios/config_merge.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/distribution_reader.h"
#include "scenarios/network_cache.h"
#include "scenarios/node_reader.h"
#include "scenarios/number_text.h"
#include "scenarios/outcome_reader.h"
#include "scenarios/sha256.h"
#include "scenarios/sweep_spec.h"
#include "scenarios/yaml_io.h"

namespace diplosim {

namespace fs = std::filesystem;

namespace {

constexpr long long kMaxPoints = 1'000'000;

// Each probe of a parameter's values binds the whole scenario, so a long list of
// levels is sampled: sorted, distinct, at most 16, its ends always included.
std::vector<double> SampleProbes(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  constexpr std::size_t kMaxProbes = 16;
  if (values.size() <= kMaxProbes) return values;
  std::vector<double> sample;
  for (std::size_t k = 0; k < kMaxProbes; ++k) sample.push_back(values[k * (values.size() - 1) / (kMaxProbes - 1)]);
  return sample;
}

// A path must lead somewhere in the base scenario, and setting it must give a
// valid scenario: checked with the base's own value where the path exists, else
// with the distribution's lowest value.
void CheckParameterPath(const SweepSpec& sweep, const SweepParameter& p, Diagnostics& diags,
                        std::vector<std::string>& notes) {
  ResolvedSource copy = sweep.base;
  ConfigNode* node = &copy.tree;
  bool exists = true;
  std::size_t start = 0;
  const std::string& path = p.path;
  while (exists) {
    const std::size_t dot = path.find('.', start);
    const std::string seg = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    ConfigNode* child = node->IsMap() ? node->Find(seg) : nullptr;
    if (!child) exists = false;
    else node = child;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  ConfigNode value;
  if (exists && node->IsScalar()) {
    value = ConfigNode::Scalar(node->scalar, p.location);
  } else {
    const Distribution& d = p.distribution;
    const double v = d.kind == Distribution::Kind::kLevels ? d.levels.front() : d.Quantile(0.0);
    value = ConfigNode::Scalar(ExactNumber(v), p.location);
  }
  Diagnostics local;
  ApplyOverride(copy.tree, path, value, p.location, local);
  if (local.HasErrors()) {
    try {
      local.ThrowIfAny();
    } catch (const ScenarioError& e) {
      for (const auto& d : e.diagnostics()) diags.Error(d.location, d.message);
    }
    return;
  }
  const ResolvedSource before = copy;
  try {
    BindScenario(std::move(copy), /*provenance=*/false);
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) {
      const bool here = d.location.file == p.location.file && d.location.line == p.location.line;
      diags.Error(p.location, "parameter '" + path + "' does not fit the scenario: " +
                                  (here ? d.message : d.location.ToString() + ": " + d.message));
    }
    return;
  }
  // A key that takes whole numbers (collapse_after, a round count) under a
  // continuous distribution, or a fractional level, fails at every such point:
  // say so now rather than after the sweep has run.
  const Distribution& d = p.distribution;
  std::vector<double> probes;
  if (d.kind == Distribution::Kind::kLevels) {
    for (double v : d.levels)
      if (v != std::floor(v)) probes.push_back(v);
    probes = SampleProbes(std::move(probes));
  } else {
    probes = {d.Quantile(0.5) == std::floor(d.Quantile(0.5)) ? d.Quantile(0.37) : d.Quantile(0.5)};
  }
  // The first problem of the scenario with this parameter alone set to v, if any;
  // each value is bound once (a fractional level is probed by both checks below).
  std::map<double, std::optional<Diagnostic>> bound;
  auto problem_at = [&](double v) -> std::optional<Diagnostic> {
    if (const auto known = bound.find(v); known != bound.end()) return known->second;
    return bound[v] = ProblemAlone(before, path, v, p.location);
  };
  for (double v : probes) {
    if (v == std::floor(v)) continue;
    if (const auto problem = problem_at(v);
        problem && problem->message.find("must be an integer") != std::string::npos) {
      diags.Error(p.location, "parameter '" + path + "' takes whole numbers, and " +
                                  (d.kind == Distribution::Kind::kLevels ? "the level " + ExactNumber(v) + " is not one"
                                                                         : std::string("its distribution draws fractions")) +
                                  "; expected {levels: [...]} of whole numbers");
      return;
    }
  }
  // The base value fits; the ends of the range may not (a salience row that no
  // longer sums to 1, a position past its dimension's range). Such points fail
  // one by one after the sweep has run, so say so before it runs. A note, not
  // an error: other parameters may set the point right (a --design varying a
  // whole salience row), and failing points are isolated anyway.
  std::vector<double> ends;
  if (d.kind == Distribution::Kind::kLevels) {
    ends = SampleProbes(d.levels);
  } else {
    ends = {std::isfinite(d.low) ? d.low : d.Quantile(1e-3), std::isfinite(d.high) ? d.high : d.Quantile(1.0 - 1e-3)};
  }
  std::vector<std::string> failing;
  std::string first_error;
  for (double v : ends) {
    const auto problem = problem_at(v);
    if (!problem) continue;
    failing.push_back(ShortNumber(v));
    if (first_error.empty()) first_error = problem->location.ToString() + ": " + problem->message;
  }
  if (failing.empty()) return;
  std::string values;
  for (std::size_t k = 0; k < failing.size(); ++k)
    values += (k == 0 ? "" : k + 1 == failing.size() ? " and " : ", ") + failing[k];
  const bool all = failing.size() == ends.size();
  std::string note =
      p.location.ToString() + ": parameter '" + path + "' at " + values + " (" +
      (d.kind == Distribution::Kind::kLevels
           ? (all ? "every level checked"
                  : std::to_string(failing.size()) + " of the " + std::to_string(ends.size()) + " levels checked")
           : (all ? "both ends of its range" : "an end of its range")) +
      ") gives an invalid scenario, so " + (all ? "most or all" : "some") + " points will fail: " + first_error;
  if (first_error.find("salience of actor") != std::string::npos)
    note +=
        " (a salience row sums to 1: vary the row's saliences together, e.g. with --design points.csv whose "
        "rows keep the sum)";
  notes.push_back(note);
}

// The samplers by their longer names.
const std::map<std::string, OtherName>& SamplerOtherNames() {
  static const std::map<std::string, OtherName> names = {
      {"latin", {"lhs", "Latin hypercube"}},           {"latin_hypercube", {"lhs", "Latin hypercube"}},
      {"latinhypercube", {"lhs", "Latin hypercube"}},  {"hypercube", {"lhs", "Latin hypercube"}},
      {"saltelli", {"sobol", "Saltelli's scheme"}},    {"factorial", {"grid", "full factorial"}},
      {"full_factorial", {"grid", "full factorial"}},  {"monte_carlo", {"random", "independent draws"}},
      {"montecarlo", {"random", "independent draws"}}, {"uniform", {"random", "independent draws"}}};
  return names;
}

}  // namespace

bool LooksLikeSweep(const std::vector<std::string>& keys) {
  auto has = [&](const char* key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); };
  if (has("diplosim_sweep")) return true;
  const bool sweep_keys = has("parameters") || has("sampler") || has("outcomes");
  const bool scenario_keys = has("calendar") || has("actors") || has("actors_from") || has("extend");
  return sweep_keys && !scenario_keys;
}

std::string SamplerNote(const SweepSpec& sweep) {
  const long long n = sweep.points;
  if (sweep.sampler != SamplerKind::kSobol || n < 1 || (n & (n - 1)) == 0) return "";
  long long below = 1;
  while (2 * below < n) below *= 2;
  // Saltelli's estimators rest on the Sobol' sequence's balance, which holds for 2^m points.
  return "sobol points N = " + std::to_string(n) +
         " is not a power of two; the Sobol' sequence is balanced at 2^m "
         "points, so N = " +
         std::to_string(below) + " or " + std::to_string(2 * below) + " gives steadier indices";
}

const char* SamplerName(SamplerKind kind) {
  switch (kind) {
    case SamplerKind::kGrid: return "grid";
    case SamplerKind::kRandom: return "random";
    case SamplerKind::kLatinHypercube: return "lhs";
    case SamplerKind::kSobol: return "sobol";
  }
  return "?";
}

std::vector<Distribution> SweepSpec::Distributions() const {
  std::vector<Distribution> out;
  for (const auto& p : parameters) out.push_back(p.distribution);
  return out;
}

SweepSpec LoadSweep(const std::string& path, const LoadOptions& options) {
  return LoadSweepText(ReadInputFile(path, SourceLocation{}, options.limits), path, options);
}

SweepSpec LoadSweepText(const std::string& text, const std::string& path, const LoadOptions& options) {
  SweepSpec sweep;
  sweep.file = path;
  sweep.load_options = options;
  sweep.text = text;
  const ConfigNode root = ParseYaml(sweep.text, path, options.limits);
  Diagnostics diags;
  if (root.IsNull()) {
    diags.Error(SourceLocation{path, 1, 1}, "empty sweep file; expected a mapping with scenario, parameters, sampler and outcomes");
    diags.ThrowIfAny();
  }
  // A scenario given where a sweep belongs: one message, not one per key.
  if (root.IsMap() && !root.Find("diplosim_sweep") && !root.Find("scenario") &&
      (root.Find("calendar") || root.Find("actors"))) {
    diags.Error(SourceLocation{path, 1, 1}, "this is a scenario, not a sweep file; expected a sweep (diplosim_sweep, "
                                            "scenario, parameters, sampler, outcomes) that names it: run the scenario "
                                            "itself with 'diplosim run " + path + " -o OUT.h5'");
    diags.ThrowIfAny();
  }
  MapReader r(root, "the sweep", {"diplosim_sweep", "scenario", "parameters", "sampler", "replicates", "seed", "outcomes", "trajectories", "description"},
              diags);
  diags.ThrowIfAny();
  if (const ConfigNode* v = r.Get("diplosim_sweep")) ReadInteger(*v, "diplosim_sweep (format version)", 1, 1, diags);
  const ConfigNode* scenario = r.Require("scenario", "the base scenario's path, relative to the sweep file");
  if (scenario && !scenario->IsScalar()) diags.Error(scenario->location, "scenario must be a path; got " + scenario->Describe());
  diags.ThrowIfAny();
  sweep.scenario_file = (fs::path(path).parent_path() / scenario->scalar).string();
  try {
    sweep.base = ResolveSource(sweep.scenario_file, options);
  } catch (const ScenarioError& e) {
    // A missing base file, or one that is a sweep file (this one, even), is best
    // reported at the sweep's `scenario` line: the error is in the sweep file.
    const bool about_base = e.diagnostics().size() == 1 && e.diagnostics()[0].location.file == sweep.scenario_file;
    if (about_base && e.diagnostics()[0].message.rfind("cannot open", 0) == 0)
      throw ScenarioError({Diagnostic{scenario->location, e.diagnostics()[0].message}});
    if (about_base && e.diagnostics()[0].message.rfind("this is a sweep file", 0) == 0) {
      std::error_code ec;
      const bool itself = fs::equivalent(sweep.scenario_file, path, ec);
      throw ScenarioError({Diagnostic{
          scenario->location, "scenario '" + scenario->scalar + "' is " +
                                  (itself ? std::string("this sweep file itself") : std::string("a sweep file")) +
                                  ", not a scenario; expected the path of the scenario the sweep varies"}});
    }
    throw;
  }
  // The base world holds its populations' listening matrices for the sweep's
  // whole run, so every point that does not sweep a network shares them.
  sweep.base.networks = std::make_shared<NetworkCache>();
  Scenario base = BindScenario(sweep.base, /*provenance=*/false);
  sweep.base_world = std::move(base.world);
  sweep.scenario_notes = std::move(base.notes);
  sweep.base.on_long_step = nullptr;  // points bind under the sweep's progress bar, quietly
  const World& world = *sweep.base_world;

  if (const ConfigNode* params = r.Require("parameters", "a mapping of scenario paths to distributions")) {
    if (!params->IsMap() || params->entries.empty()) {
      diags.Error(params->location, "parameters must be a non-empty mapping; got " + params->Describe() +
                                        "; expected e.g. 'actors.ACTOR.capability.military: {uniform: [0.5, 1.0]}'");
    } else {
      for (const auto& e : params->entries) {
        // A point runs the sweep's own replicates and seed and records only its
        // outcomes: these sections of the scenario play no part, so sweeping them does nothing.
        const std::string section = e.key.substr(0, e.key.find('.'));
        if (section == "run" || section == "record" || section == "metadata") {
          diags.Error(e.key_location,
                      "parameter '" + e.key + "' would change nothing: a sweep does not use the scenario's " + section +
                          " section (each point runs the sweep's replicates: and seed:, and records " +
                          "its outcomes:); expected a path into the model, e.g. actors, relations, mechanisms or "
                          "events");
          continue;
        }
        if (auto d = ReadDistribution(e.value, "parameter '" + e.key + "'", diags))
          sweep.parameters.push_back(SweepParameter{e.key, *d, e.key_location});
      }
    }
  }
  if (const ConfigNode* s = r.Require("sampler", "{method: grid|random|lhs|sobol, points: N}")) {
    MapReader sr(*s, "sampler", {"method", "points", "levels"}, diags);
    const std::vector<std::string> methods = {"grid", "random", "lhs", "sobol"};
    if (const ConfigNode* m = sr.Require("method", "grid, random, lhs or sobol")) {
      auto it = m->IsScalar() ? std::find(methods.begin(), methods.end(), m->scalar) : methods.end();
      if (it == methods.end())
        diags.Error(m->location,
                    "unknown sampler " + m->Describe() + "; expected grid, random, lhs or sobol" +
                        (m->IsScalar() ? DidYouMean(m->scalar, methods, SamplerOtherNames()) : std::string()));
      else
        sweep.sampler = static_cast<SamplerKind>(it - methods.begin());
    }
    const char* count_key = sweep.sampler == SamplerKind::kGrid ? "levels" : "points";
    if (const ConfigNode* n = sr.Get(count_key))
      sweep.points = static_cast<int>(ReadInteger(*n, std::string("sampler.") + count_key, 1, kMaxPoints, diags).value_or(1));
    else if (sweep.sampler == SamplerKind::kGrid)
      sweep.points = 5;
    else
      sr.Require("points", "the number of points (for sobol: the base sample N; N(k + 2) points run)");
    if (sweep.sampler == SamplerKind::kGrid && sr.Get("points"))
      diags.Error(sr.Get("points")->location, "a grid takes 'levels' (nodes per continuous parameter), not 'points'");
    if (sweep.sampler == SamplerKind::kSobol && sweep.parameters.size() > 15)
      diags.Error(s->location, "the sobol sampler supports at most 15 parameters (a 30-dimensional Sobol sequence); got " +
                                   std::to_string(sweep.parameters.size()));
  }
  if (const ConfigNode* n = r.Get("replicates"))
    sweep.replicates = static_cast<int>(ReadInteger(*n, "replicates", 1, 1'000'000, diags).value_or(1));
  if (const ConfigNode* n = r.Get("seed"))
    sweep.seed = ReadSeed(*n, "seed", diags).value_or(1);
  sweep.trajectories = r.Bool("trajectories", false);
  r.String("description");
  if (const ConfigNode* outs = r.Require("outcomes", "a mapping of names to indicators")) {
    if (!outs->IsMap() || outs->entries.empty()) {
      diags.Error(outs->location, "outcomes must be a non-empty mapping; got " + outs->Describe() +
                                      "; expected e.g. 'astana: {agreement: astana-talks}'");
    } else {
      for (const auto& e : outs->entries) {
        if (!IsValidId(e.key)) {
          diags.Error(e.key_location, InvalidIdMessage("outcome name", e.key));
          continue;
        }
        if (auto o = ReadOutcome(e.key, e.value, world, sweep.base.tree.Find("events"), diags))
          sweep.outcomes.push_back(*o);
      }
    }
  }
  diags.ThrowIfAny();
  // Count the design's points before making it, so an absurd number allocates nothing.
  long double count = sweep.points;
  if (sweep.sampler == SamplerKind::kSobol) count = static_cast<long double>(sweep.points) * (sweep.parameters.size() + 2);
  if (sweep.sampler == SamplerKind::kGrid) {
    count = 1;
    for (const auto& p : sweep.parameters)
      count *= p.distribution.kind == Distribution::Kind::kLevels ? p.distribution.levels.size() : sweep.points;
  }
  if (count > kMaxPoints)
    diags.Error(r.Get("sampler") ? r.Get("sampler")->location : root.location,
                "the design would have " + ExactNumber(static_cast<double>(count)) + " points; expected at most " +
                    std::to_string(kMaxPoints) + " (fewer points, levels or parameters)");
  diags.ThrowIfAny();
  for (const auto& p : sweep.parameters) CheckParameterPath(sweep, p, diags, sweep.range_notes);
  // Trajectories share one time axis, and a dated outcome is a time index of the
  // base calendar: a point on another calendar would fill them with NaN or read
  // the wrong time point, without a word.
  const auto dated =
      std::find_if(sweep.outcomes.begin(), sweep.outcomes.end(), [](const OutcomeSpec& o) { return o.step >= 0; });
  for (const auto& p : sweep.parameters)
    if (p.path.rfind("calendar.", 0) == 0 && (sweep.trajectories || dated != sweep.outcomes.end()))
      diags.Error(p.location,
                  "parameter '" + p.path + "' changes the time axis, but " +
                      (sweep.trajectories ? std::string("trajectories share the base calendar's time points")
                                          : "outcome '" + dated->name +
                                                "' is read at a date of the base "
                                                "calendar") +
                      "; expected calendar parameters only with outcomes at: end and trajectories: false");
  // The sweep sets its parameters at every point, over any --set of the same path.
  for (const PathOverride& o : options.overrides)
    for (const auto& p : sweep.parameters)
      if (o.path == p.path)
        diags.Error(o.location, "--set " + o.path + " would have no effect: the sweep varies '" + p.path +
                                    "' at every point (" + p.location.ToString() +
                                    "); expected --set on paths the sweep does not vary");
  diags.ThrowIfAny();
  sweep.sha256 = Sha256Hex(sweep.text + "\n--- base scenario ---\n" + EmitYaml(sweep.base.tree));
  return sweep;
}

Design MakeDesign(const SweepSpec& sweep) {
  const std::vector<Distribution> dists = sweep.Distributions();
  switch (sweep.sampler) {
    case SamplerKind::kGrid: return GridDesign(dists, sweep.points);
    case SamplerKind::kRandom: return RandomDesign(dists, sweep.points, sweep.seed);
    case SamplerKind::kLatinHypercube: return LatinHypercubeDesign(dists, sweep.points, sweep.seed);
    case SamplerKind::kSobol: return SaltelliDesign(dists, sweep.points);
  }
  return Design{};
}

std::optional<Diagnostic> ProblemAlone(const ResolvedSource& base, const std::string& path, double value,
                                       const SourceLocation& at) {
  ResolvedSource probe = base;
  Diagnostics diags;
  ApplyOverride(probe.tree, path, ConfigNode::Scalar(ExactNumber(value), at), at, diags);
  try {
    diags.ThrowIfAny();
    BindScenario(std::move(probe), /*provenance=*/false);
  } catch (const ScenarioError& e) {
    if (!e.diagnostics().empty()) return e.diagnostics().front();
  }
  return std::nullopt;
}

Scenario BindPoint(const SweepSpec& sweep, const Eigen::RowVectorXd& values, int point) {
  ResolvedSource source = sweep.base;
  Diagnostics diags;
  const bool from_cells = point >= 0 && !sweep.design_cells.empty();
  for (std::size_t k = 0; k < sweep.parameters.size(); ++k) {
    const SweepParameter& p = sweep.parameters[k];
    // The value's own place: the design's cell, so an out-of-range value is named where it was written.
    const SourceLocation at = from_cells ? sweep.design_cells.At(point, k) : p.location;
    ApplyOverride(source.tree, p.path, ConfigNode::Scalar(ExactNumber(values(static_cast<int>(k))), at), at, diags);
  }
  diags.ThrowIfAny();
  return BindScenario(std::move(source), /*provenance=*/false);
}

std::string DesignCsv(const SweepSpec& sweep, const Design& design) {
  std::ostringstream out;
  for (std::size_t k = 0; k < sweep.parameters.size(); ++k) out << (k ? "," : "") << sweep.parameters[k].path;
  out << "\n";
  for (int i = 0; i < design.NumPoints(); ++i) {
    for (int k = 0; k < design.values.cols(); ++k) out << (k ? "," : "") << ExactNumber(design.values(i, k));
    out << "\n";
  }
  return out.str();
}

}  // namespace diplosim
