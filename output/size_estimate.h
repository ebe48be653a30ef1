#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/record_spec.h"

namespace diplosim {

struct World;

// Uncompressed bytes a run would write: every recorded variable's values over
// replicates × recorded time points × its slice (compression usually saves a
// factor of 2–3, so this is an upper bound of the right order).
std::uint64_t EstimateRunBytes(const World& world, const RecordSpec& spec, long long replicates);

// Memory the system can give a new process now (MemAvailable in /proc/meminfo),
// or nullopt where that is not known.
std::optional<std::uint64_t> AvailableMemoryBytes();

// "1.2 GB", "340 KB", … (powers of 1000).
std::string HumanBytes(double bytes);
// Parses "16G", "500M", "2T", "1048576" (powers of 1000 for the suffixes).
std::optional<std::uint64_t> ParseBytes(const std::string& text);

}  // namespace diplosim
