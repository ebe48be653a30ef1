#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/recorder.h"

namespace diplosim {

struct World;

// A run that went numerically wrong (a NaN or infinity in the state). Names the
// actor, variable and date so the user can find the offending input.
class SimulationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ReplicateId {
  std::uint64_t seed = 0;
  std::uint64_t point = 0;
  int replicate = 0;
};

// Runs one replicate from the world's initial state to its end date. Each step
// runs the named phases in order: events → decisions → mechanisms → record.
void SimulateReplicate(const World& world, const ReplicateId& id, Recorder& recorder);

}  // namespace diplosim
