#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

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

  // Whether a row of this event type would be kept (for callers that must build its strings).
  bool LogsEvent(std::string_view type) const { return recorder.WantsEvent(type); }
  void LogEvent(std::string_view type, std::string_view name, std::string_view actors, std::string_view outcome,
                double value) {
    if (!recorder.WantsEvent(type)) return;
    recorder.OnEvent(EventRecord{replicate, date, std::string(type), std::string(name), std::string(actors),
                                 std::string(outcome), value});
  }
  // The same with the actors given by index, joined by ',' only if the row is kept.
  void LogEvent(std::string_view type, std::string_view name, std::span<const int> actors, std::string_view outcome,
                double value);
  // One row of the actions table: `actor` (an index) took `action` toward `target`.
  void LogAction(int actor, std::string_view action, std::string_view target);
};

}  // namespace diplosim
