#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "scenarios/config_node.h"

namespace diplosim {

// Bounds checked before and while a file is turned into a tree, so hostile
// input (huge files, alias bombs, deep nesting) fails with a message instead
// of exhausting memory or the stack.
struct ParseLimits {
  std::size_t max_bytes = 16u << 20;  // 16 MiB
  std::size_t max_nodes = 1'000'000;  // after aliases are expanded
  int max_depth = 64;
  // Not a parsing bound but the same kind of guard: agents over all populations,
  // since a population's network and positions are built while loading.
  long long max_population_agents = 10'000'000;
  // Directed links over all populations (10 million agents of degree 20): about
  // 28 bytes each while a network becomes its listening matrix, so about 6 GB.
  long long max_population_links = 200'000'000;
  // Actors: their state holds dense actor × actor matrices (State::
  // kActorPairMatrices of N² numbers, 8 GB at 10,000), built while loading.
  // Larger numbers of agents belong in populations, which are stored sparse.
  long long max_actors = 10'000;
  // What that state may take, in bytes; 0: no bound. The CLI sets the memory
  // the process may take (QueryAvailableMemory), so a table too large for it is
  // an error, not a process the kernel kills.
  std::uint64_t max_actor_state_bytes = 0;
  // What set that bound, completing "more than the <bytes> …".
  std::string max_actor_state_source = "this machine has available";
};

// Reads a whole file; a missing or unreadable file is a ScenarioError located
// at `referenced_from` (or at the file itself when that is empty), and so is
// one that is not UTF-8 text (CheckTextEncoding).
std::string ReadInputFile(const std::string& path, const SourceLocation& referenced_from,
                          const ParseLimits& limits = {});

// Parses YAML text into a tree. Throws ScenarioError for invalid UTF-8, YAML
// syntax errors, duplicate keys, non-scalar keys and exceeded limits.
ConfigNode ParseYaml(std::string_view text, const std::string& file_name,
                     const ParseLimits& limits = {});

// Renders a tree back to YAML (used to store the resolved scenario).
std::string EmitYaml(const ConfigNode& node);

}  // namespace diplosim
