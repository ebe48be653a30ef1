#pragma once

#include <cstdint>
#include <string>

namespace diplosim {

// Where a result came from; stored as root attributes of every result file.
struct Provenance {
  std::string diplosim_version;
  std::string title;
  std::string scenario_file;
  std::string scenario_text;     // the scenario file as written
  std::string scenario_sha256;   // of scenario_text
  std::string resolved_text;     // after extend, profiles and overrides
  std::string resolved_sha256;   // of resolved_text
  std::string command_line;
  std::string created_utc;       // ISO 8601, e.g. 2026-11-25T18:04:45Z
  std::uint64_t seed = 0;
  int replicates = 0;
  int record_every = 1;
};

// The current UTC time as ISO 8601 (seconds).
std::string UtcNow();

}  // namespace diplosim
