// libFuzzer target over the scenario and sweep loaders (parsing, extend and
// profile resolution, validation, binding). An input starting with 'W' is a
// sweep file (the rest of it); one starting with 'E' a population's network
// file (after one byte that picks the reading options); one starting with 'P'
// sets numbers of fuzz/parameter_base.yaml (three bytes a setting: which
// number, what kind of value, a fraction) and runs it; one starting with 'K' a
// stakeholder table (after one byte that picks 1–3 dimensions) that a small
// scenario's actors_from reads, and runs; one starting with 'D' a --design CSV
// of fuzz/design_sweep.yaml, checked as `sweep --design` does and its first
// points bound; anything else a scenario. Bad input must end in a ScenarioError or located diagnostics,
// never a crash, leak, hang or other exception. A scenario that loads is also
// run (one replicate, recorded as it asks) when small enough to keep inputs
// fast: what validation accepts must simulate without a crash or a broken
// state invariant (sim/invariants.h, checked after every step), ending at worst
// in a SimulationError (a located non-finite value).
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "actors/actor_model_registry.h"
#include "output/summary.h"
#include "scenarios/edge_list.h"
#include "scenarios/scenario.h"
#include "scenarios/scenario_error.h"
#include "scenarios/scenario_source.h"
#include "scenarios/sweep_spec.h"
#include "sim/bargaining/eum_protocol.h"
#include "sim/events/negotiation_event.h"
#include "sim/events/trigger_event.h"
#include "sim/invariants.h"
#include "sim/simulation.h"
#include "sim/trajectory.h"
#include "sim/world.h"

namespace {

diplosim::LoadOptions Options() {
  diplosim::LoadOptions o;
  o.profile_dirs = {DIPLOSIM_SOURCE_DIR "/actors/profiles"};
  o.limits.max_bytes = 1u << 20;
  o.limits.max_nodes = 200'000;
  o.limits.max_population_agents = 20'000;  // keeps each input fast and small
  o.limits.max_population_links = 400'000;
  o.limits.max_actors = 1'000;  // 80 MB of actor × actor state: within libFuzzer's 2 GB RSS limit under ASan
  return o;
}

// Records into a trajectory, as a run does, and stops the fuzzer at the first
// state that breaks an invariant (release builds skip the step loop's assert).
class InvariantRecorder final : public diplosim::Recorder {
 public:
  explicit InvariantRecorder(diplosim::Trajectory& trajectory) : trajectory_(trajectory) {}
  void OnState(int k, const diplosim::State& state) override {
    trajectory_.OnState(k, state);
    if (k == 0) return;  // influence is derived in the first step
    if (const std::string broken = diplosim::CheckInvariants(state); !broken.empty()) {
      std::fprintf(stderr, "state invariant broken after step %d: %s\n", k, broken.c_str());
      __builtin_trap();
    }
  }
  void OnEvent(const diplosim::EventRecord& record) override { trajectory_.OnEvent(record); }
  void OnAction(const diplosim::ActionRecord& record) override { trajectory_.OnAction(record); }
  bool WantsEvent(std::string_view type) const override { return trajectory_.WantsEvent(type); }
  bool WantsActions() const override { return trajectory_.WantsActions(); }

 private:
  diplosim::Trajectory& trajectory_;
};

// Work of one negotiation: eum rounds weigh every attendee's vote on every
// pair, per agenda dimension; the one-step protocols are far cheaper.
double NegotiationWork(const diplosim::Event& event) {
  const auto* talks = dynamic_cast<const diplosim::NegotiationEvent*>(&event);
  if (!talks) return 0.0;
  const double p = static_cast<double>(talks->spec().participants.size());
  const double k = static_cast<double>(talks->spec().agenda.size());
  const auto* eum = dynamic_cast<const diplosim::EumProtocol*>(talks->spec().protocol.get());
  return eum ? (eum->options().rounds + 1.0) * p * p * p * k : p * p * k;
}

// Runs one replicate of a loaded scenario if its work is small: steps ×
// ((actor pairs + agent links) × dimensions + actors + triggers), plus its negotiations (a
// trigger's as if it fired every step). The flagship is 55,000 units and takes
// about half a second under the fuzzer's instrumentation (more in the Debug
// build make test fuzzes with): the bound keeps every input well inside the
// per-input timeout, which would otherwise fail the run.
void SimulateIfSmall(const diplosim::Scenario& scenario) {
  const diplosim::World& world = *scenario.world;
  double links = 0.0;
  for (const auto& population : world.populations)
    if (population.weights)
      links += population.weights->IsSparse() ? static_cast<double>(population.weights->sparse.nonZeros())
                                              : static_cast<double>(population.weights->dense.size());
  const double n = world.NumActors(), d = world.NumDimensions();
  const double steps = world.calendar.NumSteps();
  double work = steps * ((n * n + links) * d + n + static_cast<double>(world.triggers.size()));
  for (const auto& event : world.events) work += NegotiationWork(*event);
  for (const auto& trigger : world.triggers)
    for (const auto& event : trigger->then()) work += steps * NegotiationWork(*event);
  if (work > 1e5) return;
  diplosim::Trajectory trajectory(world, scenario.record);
  trajectory.Reset(0);
  try {
    InvariantRecorder recorder(trajectory);
    diplosim::SimulateReplicate(world, diplosim::ReplicateId{1, 0, 0}, recorder);
  } catch (const diplosim::SimulationError&) {
    // A non-finite value, named with its actor and date: reported, not a crash.
    return;
  }
  // The run summary reads what the replicate left (negotiations, boycotts,
  // ceasefires, triggers, eum rounds), as the CLI prints it after every run.
  diplosim::RunSummary summary(world, 1);
  summary.Add(trajectory);
  std::ostringstream printed;
  summary.Print(printed, 0.0);
}

// A number of the parameter mode's base scenario and the range its values are
// drawn from (beyond a documented range is fine too: validation must say so).
struct Setting {
  std::string path;
  double low, high;
  bool whole;  // an integer key
};

// Every number the base's mechanisms, actors, models, population and events
// take: the mechanisms' and events' keys (docs/scenario-language.md), and each
// actor model's parameters with their own ranges from the registry.
std::vector<Setting> BaseSettings() {
  std::vector<Setting> out;
  auto add = [&](const std::string& path, double low, double high, bool whole = false) {
    out.push_back({path, low, high, whole});
  };
  for (const char* key : {"self_weight", "noise"}) add(std::string("mechanisms.influence.") + key, 0, 1);
  for (const char* key : {"dependency_weight", "affinity_weight", "deference_weight", "salience_modulation"})
    add(std::string("mechanisms.influence.") + key, 0, 10);
  add("mechanisms.affinity.rate", 0, 1);
  add("mechanisms.affinity.hostility_weight", 0, 10);
  for (const char* key : {"relaxation", "ceasefire_residual", "violation_rate", "trust_loss", "violation_hostility",
                          "attrition", "recovery", "support_relaxation", "activity_decay", "deference_decay"})
    add(std::string("mechanisms.conflict.") + key, 0, 1);
  for (const char* key : {"spoiler_weight", "activity_weight"}) add(std::string("mechanisms.conflict.") + key, 0, 10);
  add("mechanisms.conflict.collapse_after", 1, 100, true);
  add("mechanisms.decisions.interval", 1, 60, true);
  for (const char* key : {"military", "economic", "diplomatic"})
    add(std::string("mechanisms.capability_weights.") + key, 0, 1);
  const std::pair<const char*, const char*> actors[] = {{"patron", "patron_power"},     {"sponsor", "regional_sponsor"},
                                                        {"regime", "incumbent_regime"}, {"rebels", "armed_opposition"},
                                                        {"militia", "proxy_militia"},   {"broker", "guarantor"},
                                                        {"jihadists", "spoiler"}};
  for (const auto& [id, model] : actors) {
    const std::string actor = std::string("actors.") + id + ".";
    add(actor + "susceptibility", 0, 1);
    add(actor + "self_weight", 0, 1);
    add(actor + "confidence_bound", 0, 2);
    add(actor + "capability.military", 0, 10);
    for (const diplosim::ParameterSpec& p : diplosim::BuiltinActorModels().Find(model)->parameters)
      add(actor + "parameters." + p.name, p.min, p.max);
  }
  for (const char* key : {"susceptibility", "actor_pull", "feedback", "spread"})
    add(std::string("populations.town.") + key, 0, 1);
  for (const char* key :
       {"commitment", "affinity_gain", "hostility_cut", "failure_affinity_loss", "failure_hostility_raise"})
    add(std::string("events.talks.") + key, 0, 1);
  add("events.talks.acceptance_slope", 0, 100);
  add("events.talks.mediator_weight", 0, 10);
  add("events.talks.acceptance_bias", -10, 10);
  add("events.talks.eum.q", 0, 1);
  add("events.talks.eum.rounds", 0, 20, true);
  add("events.truce.residual", 0, 1);
  add("events.truce.excluded_hostility", 0, 1);
  add("events.truce.collapse_after", 1, 60, true);
  return out;
}

// Three bytes a setting: which number, the kind of value (either end of its
// range, a point inside it, one crowded at the low end, 0, 1, or one a tenth of
// the range outside it) and a 16-bit fraction.
std::vector<diplosim::PathOverride> ParameterOverrides(const std::string& bytes) {
  static const std::vector<Setting> settings = BaseSettings();
  std::vector<diplosim::PathOverride> out;
  for (std::size_t k = 0; k + 3 <= bytes.size() && out.size() < 12; k += 3) {
    const Setting& s = settings[static_cast<unsigned char>(bytes[k]) % settings.size()];
    const double f =
        (static_cast<unsigned char>(bytes[k + 2]) * 256 + static_cast<unsigned char>(bytes[k + 1])) / 65535.0;
    const double span = s.high - s.low;
    double v = 0.0;
    switch (static_cast<unsigned char>(bytes[k + 1]) % 7) {
      case 0:
        v = s.low;
        break;
      case 1:
        v = s.high;
        break;
      case 2:
        v = s.low + f * span;
        break;
      case 3:
        v = s.low + std::pow(f, 8) * span;
        break;
      case 4:
        v = 0.0;
        break;
      case 5:
        v = 1.0;
        break;
      default:
        v = f < 0.5 ? s.low - 0.1 * span : s.high + 0.1 * span;
        break;
    }
    if (s.whole) v = std::round(v);
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, v).ptr;
    out.push_back(diplosim::ParseOverrideArgument(s.path + "=" + std::string(text, end)));
  }
  return out;
}

// The file the CSV modes write an input to, for the readers that take a path:
// one per process, so parallel fuzzing jobs do not share it.
std::string InputFile(const char* suffix) {
  // Removed when the fuzzer exits, as it does at the end of a campaign.
  struct Files {
    std::string base =
        (std::filesystem::temp_directory_path() / ("diplosim-fuzz-" + std::to_string(getpid()))).string();
    ~Files() {
      std::error_code ignored;
      for (const char* made : {"-table.csv", "-design.csv"}) std::filesystem::remove(base + made, ignored);
    }
  };
  static const Files files;
  return files.base + suffix;
}

void WriteInputFile(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// A scenario of `dimensions` dimensions (0–100, as KTAB's tables are) whose
// actors all come from the table at `table`, and who all bargain with eum.
std::string StakeholderScenario(const std::string& table, int dimensions) {
  std::string text = "calendar: {start: 2000-01-01, end: 2000-01-04}\ndimensions:\n";
  std::string ids;
  for (int d = 0; d < dimensions; ++d) {
    text += "  d" + std::to_string(d) + ": {low: l, high: h, range: [0, 100]}\n";
    ids += (d ? ", d" : "d") + std::to_string(d);
  }
  return text + "actors_from: {file: '" + table + "', dimensions: [" + ids +
         "]}\nevents:\n  - {type: negotiation, date: 2000-01-02, participants: all, agenda: d0, protocol: eum}\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const diplosim::LoadOptions options = Options();
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    if (text.size() >= 2 && text[0] == 'E') {
      diplosim::EdgeListOptions edges;
      edges.directed = (text[1] & 1) == 0;
      edges.labels = (text[1] & 2) != 0;
      edges.size = (text[1] & 4) != 0 ? 50 : 0;
      edges.max_agents = options.limits.max_population_agents;
      diplosim::Diagnostics diags;
      const auto net = diplosim::ParseEdgeList(text.substr(2), "fuzz.csv", edges, diags);
      // A network read without errors is a valid one.
      std::string why;
      if (net && (diags.HasErrors() || !net->IsValid(&why))) __builtin_trap();
    } else if (!text.empty() && text[0] == 'P') {
      diplosim::LoadOptions with = options;
      with.overrides = ParameterOverrides(text.substr(1));
      SimulateIfSmall(diplosim::LoadScenario(DIPLOSIM_SOURCE_DIR "/fuzz/parameter_base.yaml", with));
    } else if (text.size() >= 2 && text[0] == 'K') {
      const std::string table = InputFile("-table.csv");
      WriteInputFile(table, std::string_view(text).substr(2));
      const int dimensions = static_cast<unsigned char>(text[1]) % 3 + 1;
      SimulateIfSmall(diplosim::LoadScenarioText(StakeholderScenario(table, dimensions),
                                                 DIPLOSIM_SOURCE_DIR "/scenarios/variants/fuzz.yaml", options));
    } else if (!text.empty() && text[0] == 'D') {
      static const diplosim::SweepSpec base =
          diplosim::LoadSweep(DIPLOSIM_SOURCE_DIR "/fuzz/design_sweep.yaml", options);
      const std::string file = InputFile("-design.csv");
      WriteInputFile(file, std::string_view(text).substr(1));
      diplosim::SweepSpec sweep = base;
      const diplosim::Design design = diplosim::ReadDesignCsv(file, sweep, &sweep.design_cells);
      diplosim::DesignNotes(sweep, design);
      // A point that does not fit fails alone in a sweep: a ScenarioError at its cell.
      for (int point = 0; point < std::min(design.NumPoints(), 3); ++point) {
        try {
          diplosim::BindPoint(sweep, design.values.row(point), point);
        } catch (const diplosim::ScenarioError&) {
        }
      }
    } else if (!text.empty() && text[0] == 'W') {
      // Named inside scenarios/sweeps/ so relative paths find the real scenarios.
      diplosim::LoadSweepText(text.substr(1), DIPLOSIM_SOURCE_DIR "/scenarios/sweeps/fuzz.yaml", options);
    } else {
      SimulateIfSmall(diplosim::LoadScenarioText(text, DIPLOSIM_SOURCE_DIR "/scenarios/variants/fuzz.yaml", options));
    }
  } catch (const diplosim::ScenarioError&) {
    // Bad input, reported properly: what we want.
  }
  return 0;
}
