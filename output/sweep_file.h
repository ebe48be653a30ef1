#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/point_runner.h"

namespace diplosim {

// Everything a sweep (or shard) file records besides the points' results.
struct SweepFileInfo {
  std::string kind = "sweep";  // "sweep" or "sweep-shard"
  int shard_index = 0;
  int shard_count = 1;
  std::vector<int> points;               // global point indices in this file, ascending
  std::vector<std::string> parameters;   // parameter paths
  Eigen::MatrixXd design;                // every point of the design × parameters
  std::vector<std::string> outcomes;
  int trajectory_rows = 0;               // time points of median trajectories (0: none)
  std::vector<int> time_days;            // days since start, per trajectory row
  std::string time_units;                // "days since YYYY-MM-DD"
  std::vector<std::string> dimensions;
  std::string diplosim_version, sweep_file, sweep_text, sweep_sha256, scenario_file, scenario_resolved;
  std::string sampler, command_line, created;
  int saltelli_base = 0;
  int replicates = 0;
  std::uint64_t seed = 0;
};

// Writes a sweep or shard file (docs/output.md, "Sweeps"): coordinates point,
// parameter, outcome, statistic (and time, dimension with trajectories), the
// design, per-point summaries, status, errors, seeds and run times, and the
// provenance. Rows arrive in any order; the file appears under its final name
// only at Commit(), which fails unless every point of `info.points` was written.
class SweepFileWriter {
 public:
  SweepFileWriter(const std::string& final_path, bool force, const SweepFileInfo& info);
  ~SweepFileWriter();
  void Write(const PointResult& result);
  // Returns the number of failed points.
  int Commit();

 private:
  void WritePoint(const PointResult& result);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Sobol indices per outcome × parameter, stored by `diplosim analyze`.
struct SensitivityTable {
  std::vector<std::string> outcomes;  // the outcomes with indices (others had failed points)
  Eigen::MatrixXd first, first_low, first_high, total, total_low, total_high;  // outcomes × parameters
  Eigen::VectorXd noise_share;  // per outcome: the share of its variance that is replicate noise (NaN: unknown)
  int resamples = 0;
  double confidence = 0.95;
};

// Adds the table to a sweep file (as variables sobol_first, sobol_total and
// their _low/_high bounds over dims outcome_analyzed × parameter, and
// sobol_noise_share over outcome_analyzed), replacing
// any earlier table. The file is rewritten through a temporary copy and a
// rename, so a crash leaves the original intact.
void StoreSensitivity(const std::string& path, const SensitivityTable& table);

// Reads a sweep or shard file back: its info and every point's result.
SweepFileInfo ReadSweepFile(const std::string& path, const std::function<void(const PointResult&)>& visit);

}  // namespace diplosim
