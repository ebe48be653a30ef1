#include "sim/point_runner.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "sim/quantile.h"
#include "sim/rng.h"
#include "sim/simulation.h"
#include "sim/world.h"

namespace diplosim {

std::uint64_t PointSeed(std::uint64_t master_seed, int point) {
  return Mix64(Mix64(master_seed) ^ static_cast<std::uint64_t>(point));
}

PointResult RunPoint(const World& world, std::uint64_t seed, int replicates, const std::vector<OutcomeSpec>& outcomes,
                     bool trajectory) {
  const auto start = std::chrono::steady_clock::now();
  const int num_outcomes = static_cast<int>(outcomes.size());
  OutcomeRecorder recorder(world, outcomes, trajectory);
  Eigen::MatrixXd values(replicates, num_outcomes);
  std::vector<Eigen::MatrixXd> forecasts;
  for (int r = 0; r < replicates; ++r) {
    recorder.Reset();
    SimulateReplicate(world, ReplicateId{seed, 0, r}, recorder);
    values.row(r) = recorder.values().transpose();
    if (trajectory) forecasts.push_back(recorder.forecast());
  }
  PointResult out;
  out.summary.resize(num_outcomes, kNumStatistics);
  std::vector<double> v(replicates);
  for (int o = 0; o < num_outcomes; ++o) {
    for (int r = 0; r < replicates; ++r) v[r] = values(r, o);
    if (!std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); }))
      throw SimulationError("outcome '" + outcomes[o].name + "' is not finite");
    const double mean = values.col(o).mean();
    const double sd = replicates > 1 ? std::sqrt((values.col(o).array() - mean).square().sum() / (replicates - 1)) : 0.0;
    std::sort(v.begin(), v.end());
    out.summary.row(o) << mean, sd, QuantileOfSorted(v, 0.05), QuantileOfSorted(v, 0.5), QuantileOfSorted(v, 0.95);
  }
  if (trajectory && replicates > 0) {
    out.trajectory.resize(forecasts[0].rows(), forecasts[0].cols());
    for (int t = 0; t < out.trajectory.rows(); ++t)
      for (int d = 0; d < out.trajectory.cols(); ++d) {
        for (int r = 0; r < replicates; ++r) v[r] = forecasts[r](t, d);
        std::sort(v.begin(), v.end());
        out.trajectory(t, d) = QuantileOfSorted(v, 0.5);
      }
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace diplosim
