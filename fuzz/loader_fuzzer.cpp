// libFuzzer target over the scenario and sweep loaders (parsing, extend and
// profile resolution, validation, binding). An input starting with 'W' is a
// sweep file (the rest of it), anything else a scenario. Bad input must end in
// a ScenarioError, never a crash, leak, hang or other exception.
#include <cstddef>
#include <cstdint>
#include <string>

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
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const diplosim::LoadOptions options = Options();
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    if (!text.empty() && text[0] == 'W') {
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
