#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/monte_carlo.h"
#include "sim/record_spec.h"

namespace diplosim {

struct World;

// Uncompressed bytes a run would write: every recorded variable's values over
// replicates × recorded time points × its slice (compression usually saves a
// factor of 2–3, so this is an upper bound of the right order).
std::uint64_t EstimateRunBytes(const World& world, const RecordSpec& spec, long long replicates);

// Bytes of one copy of a world's state as far as it grows with the scenario:
// the dense actor × actor matrices (State::kActorPairMatrices of N² doubles:
// 80 MB at 1,000 actors) and each population's agents × dimensions positions
// and step workspace (80 MB at 1,000,000 agents on 5 dimensions).
std::uint64_t StateCopyBytes(const World& world);

// Bytes of a world's own copy of its populations' initial positions (their
// anchors): half a population's share of StateCopyBytes.
std::uint64_t PopulationAnchorBytes(const World& world);

// Bytes each sweep worker thread holds: a point's own world (its initial state
// and its populations' anchors) and the copy of the state it simulates on.
std::uint64_t SweepThreadBytes(const World& base_world);

// The agents of all of a world's populations.
long long PopulationAgents(const World& world);

// What StateCopyBytes counts, for messages: "1000 actors' dense actor × actor
// matrices", with " and 1000000 agents' positions" when the world has populations.
std::string StateContents(const World& world);

// Memory a run's recordings take while they wait to be written:
// ReplicatesHeldAtOnce replicates on the run's worker threads, each held as
// its encoded chunks (at most the size of its values), and each worker's
// values as it records them, unless a replicate is large enough to be released
// as it is encoded (kReleaseRecordingAboveBytes). Each worker also simulates on
// its own copy of the state (StateCopyBytes), which dominates with thousands
// of actors or millions of agents.
struct MemoryInFlight {
  std::uint64_t per_replicate = 0;  // bytes of one replicate's recording
  int threads = 1;                  // worker threads the run starts
  int held = 1;                     // replicates held at once
  bool released = false;            // values released as they are encoded
  std::uint64_t state_per_thread = 0;  // each worker's copy of the state (StateCopyBytes)
  // (held + threads)·per_replicate, or held·per_replicate + threads·largest variable; plus threads·state_per_thread
  long double bytes = 0;
};
MemoryInFlight EstimateMemoryInFlight(const World& world, const RecordSpec& spec, const MonteCarloOptions& options);

// Parses "16G", "500M", "1.5GB", "2t", "1048576" (powers of 1000 for the
// suffixes) and "4Gi", "512MiB" (powers of 1024); nullopt for anything else.
std::optional<std::uint64_t> ParseBytes(const std::string& text);

}  // namespace diplosim
