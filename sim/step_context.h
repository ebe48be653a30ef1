#pragma once

#include <cstdint>
#include <string>

#include "sim/date.h"
#include "sim/recorder.h"
#include "sim/rng.h"

namespace diplosim {

struct World;
struct State;

// What a phase of one step sees: the frozen world, the replicate's state, where
// to report, and the replicate's identity for deriving random streams.
struct StepContext {
  const World& world;
  State& state;
  Recorder& recorder;
  StreamKey replicate_key;  // seed, point, replicate; purpose and step filled per stream
  int replicate = 0;
  int step = 0;  // advances the world from date to date + step_days
  Date date;

  // A fresh stream for (this replicate, purpose, qualifier, this step).
  Rng Stream(StreamPurpose purpose, std::uint64_t qualifier = 0) const {
    StreamKey key = replicate_key;
    key.purpose = purpose;
    key.qualifier = qualifier;
    key.step = static_cast<std::uint64_t>(step);
    return Rng(key);
  }

  void LogEvent(std::string type, std::string name, std::string actors, std::string outcome,
                double value) {
    recorder.OnEvent(EventRecord{replicate, date, std::move(type), std::move(name),
                                 std::move(actors), std::move(outcome), value});
  }
};

}  // namespace diplosim
