// libFuzzer target over the scenario and sweep loaders (parsing, extend and
// profile resolution, validation, binding). An input starting with 'W' is a
// sweep file (the rest of it); one starting with 'E' a population's network
// file (after one byte that picks the reading options); anything else a
// scenario. Bad input must end in a ScenarioError or located diagnostics,
// never a crash, leak, hang or other exception. A scenario that loads is also
// run (one replicate, recorded as it asks) when small enough to keep inputs
// fast: what validation accepts must simulate without a crash or a broken
// state invariant (sim/invariants.h, checked after every step), ending at worst
// in a SimulationError (a located non-finite value).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "scenarios/edge_list.h"
#include "scenarios/scenario.h"
#include "scenarios/scenario_error.h"
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
  }
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
