#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/scenario_source.h"
#include "sim/record_spec.h"
#include "sim/world.h"

namespace diplosim {

struct ScenarioMetadata {
  std::string name;
  std::string title;
  std::string description;
  std::vector<std::string> sources;
};

// Defaults for a run, which the command line may override.
struct RunDefaults {
  int replicates = 100;
  std::uint64_t seed = 1;
};

// A loaded, validated scenario: the frozen world plus what output needs for
// provenance (texts and hashes).
struct Scenario {
  std::shared_ptr<const World> world;
  ScenarioMetadata metadata;
  RunDefaults run;
  RecordSpec record;
  std::string main_file;
  std::string main_text;                // the scenario file as written
  std::string resolved_yaml;            // after extend, profiles and overrides
  std::string main_sha256;              // of main_text
  std::string resolved_sha256;          // of resolved_yaml
  std::vector<std::string> files;       // every file read
  std::vector<std::string> notes;       // file:line:col: advice on a valid scenario (validate and run print it)
};

using LoadOptions = SourceOptions;

// Loads, resolves and validates a scenario file. Throws ScenarioError listing
// every problem found (file:line:col, what, got, expected, did-you-mean).
// `provenance` = false skips the resolved YAML text and hashes (see BindScenario).
Scenario LoadScenario(const std::string& path, const LoadOptions& options, bool provenance = true);
Scenario LoadScenarioText(const std::string& text, const std::string& name, const LoadOptions& options);

// Validates a resolved tree and builds the world (the binding step alone).
// `provenance` = false skips the resolved YAML text and hashes (sweep points do
// not need them; emitting YAML dominates the cost of binding).
Scenario BindScenario(ResolvedSource source, bool provenance = true);

}  // namespace diplosim
