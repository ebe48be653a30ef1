#include "output/size_estimate.h"

#include <algorithm>
#include <cctype>

#include "output/run_writer.h"
#include "sim/world.h"

namespace diplosim {

std::uint64_t EstimateRunBytes(const World& world, const RecordSpec& spec, long long replicates) {
  const std::uint64_t times = spec.TimeIndices(world.calendar.NumSteps()).size();
  std::uint64_t per_time = 0;
  for (const auto& info : AllVariables())
    if (spec.Has(info.variable)) per_time += SliceValues(world, info.shape);
  // Saturate instead of wrapping: absurd inputs must stay absurd.
  const long double bytes = static_cast<long double>(per_time) * 8.0L * times * static_cast<long double>(replicates);
  return bytes > 1.8e19L ? UINT64_MAX : static_cast<std::uint64_t>(bytes);
}

long long PopulationAgents(const World& world) {
  long long agents = 0;
  for (const PopulationSpec& p : world.populations) agents += p.size;
  return agents;
}

std::uint64_t PopulationAnchorBytes(const World& world) {
  return static_cast<std::uint64_t>(PopulationAgents(world)) * static_cast<std::uint64_t>(world.NumDimensions()) *
         sizeof(double);
}

std::uint64_t SweepThreadBytes(const World& base_world) {
  return 2 * StateCopyBytes(base_world) + PopulationAnchorBytes(base_world);
}

std::string StateContents(const World& world) {
  std::string text = std::to_string(world.NumActors()) + " actors' dense actor × actor matrices";
  if (const long long agents = PopulationAgents(world); agents > 0)
    text += " and " + std::to_string(agents) + " agents' positions";
  return text;
}

std::uint64_t StateCopyBytes(const World& world) {
  const std::uint64_t n = static_cast<std::uint64_t>(world.NumActors());
  // Per population: its agents' positions and the step's workspace, both agents × dimensions.
  return State::kActorPairMatrices * n * n * sizeof(double) + 2 * PopulationAnchorBytes(world);
}

MemoryInFlight EstimateMemoryInFlight(const World& world, const RecordSpec& spec, const MonteCarloOptions& options) {
  MemoryInFlight m;
  m.per_replicate = EstimateRunBytes(world, spec, 1);
  m.threads = WorkerThreads(options);
  m.held = ReplicatesHeldAtOnce(m.per_replicate, m.threads);
  m.released = m.per_replicate > kReleaseRecordingAboveBytes;
  m.state_per_thread = StateCopyBytes(world);
  const long double states = static_cast<long double>(m.threads) * m.state_per_thread;
  if (!m.released) {
    // Held replicates keep their encoded chunks (at most their values' size);
    // each worker keeps the values it records into (see ConsumesValues).
    m.bytes = static_cast<long double>(m.held + m.threads) * m.per_replicate + states;
    return m;
  }
  // Each replicate held once, plus, on each worker encoding one, its largest
  // variable's values beside their chunks.
  std::uint64_t largest = 0;
  const std::uint64_t times = spec.TimeIndices(world.calendar.NumSteps()).size();
  for (const auto& info : AllVariables())
    if (spec.Has(info.variable)) largest = std::max(largest, SliceValues(world, info.shape) * 8 * times);
  m.bytes = static_cast<long double>(m.held) * m.per_replicate + static_cast<long double>(m.threads) * largest + states;
  return m;
}

std::optional<std::uint64_t> ParseBytes(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t pos = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
  if (pos == 0 || pos > 15) return std::nullopt;
  std::uint64_t value = std::stoull(text.substr(0, pos));
  const std::string unit = text.substr(pos);
  const std::pair<const char*, std::uint64_t> units[] = {{"", 1}, {"B", 1}, {"K", 1000}, {"KB", 1000}, {"M", 1000000},
                                                         {"MB", 1000000}, {"G", 1000000000}, {"GB", 1000000000},
                                                         {"T", 1000000000000}, {"TB", 1000000000000}};
  for (const auto& [name, factor] : units)
    if (unit == name) return value * factor;
  return std::nullopt;
}

}  // namespace diplosim
