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

// Bytes of one copy of a world's dense actor × actor state
// (State::kActorPairMatrices matrices of N² doubles: 80 MB at 1,000 actors).
std::uint64_t ActorStateBytes(const World& world);

// Memory a run's recordings take while they wait to be written:
// ReplicatesHeldAtOnce replicates on the run's worker threads, each held as
// its encoded chunks (at most the size of its values), and each worker's
// values as it records them, unless a replicate is large enough to be released
// as it is encoded (kReleaseRecordingAboveBytes). Each worker also simulates on
// its own copy of the state, whose dense actor × actor matrices dominate at
// large N.
struct MemoryInFlight {
  std::uint64_t per_replicate = 0;  // bytes of one replicate's recording
  int threads = 1;                  // worker threads the run starts
  int held = 1;                     // replicates held at once
  bool released = false;            // values released as they are encoded
  std::uint64_t state_per_thread = 0;  // each worker's copy of the actors' dense actor × actor state
  // (held + threads)·per_replicate, or held·per_replicate + threads·largest variable; plus threads·state_per_thread
  long double bytes = 0;
};
MemoryInFlight EstimateMemoryInFlight(const World& world, const RecordSpec& spec, const MonteCarloOptions& options);

// Memory the system can give a new process now (MemAvailable in /proc/meminfo),
// or nullopt where that is not known.
std::optional<std::uint64_t> AvailableMemoryBytes();

// Parses "16G", "500M", "2T", "1048576" (powers of 1000 for the suffixes).
std::optional<std::uint64_t> ParseBytes(const std::string& text);

}  // namespace diplosim
