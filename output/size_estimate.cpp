#include "output/size_estimate.h"

#include <algorithm>
#include <cctype>
#include <cmath>

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
  // A number (digits, optionally a fraction), then a unit: K, M, G, T in any
  // case, with or without a B (powers of 1000), or Ki, Mi, Gi, Ti with or
  // without a B (powers of 1024); none or B alone means bytes.
  std::size_t pos = 0;
  while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == '.')) ++pos;
  const std::string number = text.substr(0, pos);
  if (number.empty() || number.size() > 20 || std::count(number.begin(), number.end(), '.') > 1 ||
      number.find_first_of("0123456789") == std::string::npos)
    return std::nullopt;
  std::string unit;
  for (const char c : text.substr(pos)) unit += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.size() > 1 && unit.back() == 'B') unit.pop_back();
  if (unit == "B") unit.clear();
  const bool binary = unit.size() == 2 && unit[1] == 'I';
  if (binary) unit.pop_back();
  const std::string prefixes = "KMGT";
  if (unit.size() > 1 || (unit.size() == 1 && prefixes.find(unit[0]) == std::string::npos)) return std::nullopt;
  const int power = unit.empty() ? 0 : static_cast<int>(prefixes.find(unit[0])) + 1;
  const long double bytes = std::stold(number) * std::pow(binary ? 1024.0L : 1000.0L, power);
  // Whole bytes only, and within what a 64-bit count holds (18 EB).
  if (!(bytes >= 0) || bytes > 1.8e19L) return std::nullopt;
  return static_cast<std::uint64_t>(std::llround(bytes));
}

}  // namespace diplosim
