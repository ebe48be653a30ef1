// libFuzzer target over the scenario and sweep loaders (parsing, extend and
// profile resolution, validation, binding). An input starting with 'W' is a
// sweep file (the rest of it); one starting with 'E' a population's network
// file (after one byte that picks the reading options); anything else a
// scenario. Bad input must end in a ScenarioError or located diagnostics,
// never a crash, leak, hang or other exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scenarios/edge_list.h"
#include "scenarios/scenario.h"
#include "scenarios/scenario_error.h"
#include "scenarios/sweep_spec.h"

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
      diplosim::LoadScenarioText(text, DIPLOSIM_SOURCE_DIR "/scenarios/variants/fuzz.yaml", options);
    }
  } catch (const diplosim::ScenarioError&) {
    // Bad input, reported properly: what we want.
  }
  return 0;
}
