#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/outcome.h"

namespace diplosim {

struct World;

// Summary statistics of an outcome over a point's replicates, in this order.
inline constexpr int kNumStatistics = 5;
inline constexpr const char* kStatisticNames[kNumStatistics] = {"mean", "sd", "q05", "q50", "q95"};

// What one sweep point produced.
struct PointResult {
  int point = 0;
  bool failed = false;
  std::string error;          // why it failed
  double seconds = 0.0;       // wall time of the point
  Eigen::MatrixXd summary;    // outcomes × kNumStatistics
  Eigen::MatrixXd trajectory; // (time × D) median forecast over replicates; empty unless asked
};

// The seed a sweep point runs with: derived from the master seed and the point
// index, so `diplosim run --seed <point seed>` with the point's values
// reproduces the point's replicates exactly.
std::uint64_t PointSeed(std::uint64_t master_seed, int point);

// Runs `replicates` replicates of one point's world serially (a sweep
// parallelises over points) and summarises each outcome: mean, sample s.d.
// (0 for one replicate), and the 5/50/95 % quantiles (linear interpolation).
// A non-finite state or outcome throws SimulationError.
PointResult RunPoint(const World& world, std::uint64_t seed, int replicates, const std::vector<OutcomeSpec>& outcomes,
                     bool trajectory);

}  // namespace diplosim
