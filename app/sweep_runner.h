#pragma once

#include <atomic>
#include <string>

#include "app/mpi_session.h"
#include "scenarios/sweep_spec.h"

namespace diplosim {

struct SweepRunOptions {
  std::string output;       // final file (a shard file with shard_count > 1)
  bool force = false;       // replace an existing result and discard partial work
  bool resume = false;      // continue from the journals of an interrupted run
  int threads = 1;
  int shard_index = 0;      // this process runs points p with p mod shard_count = shard_index
  int shard_count = 1;
  std::string design_label;  // the sampler's name, or "design:FILE"
  std::string command_line;
  bool progress = false;  // report progress on stderr (a bar on a terminal, else a line a minute)
  const std::atomic<bool>* cancel = nullptr;
};

struct SweepRunReport {
  int points = 0;     // points of this file (all, or the shard's)
  int reused = 0;     // finished in an earlier, interrupted run
  int ran = 0;        // run now (this process)
  int failed = 0;     // recorded as failed in the final file (rank 0)
  double seconds = 0;
  bool interrupted = false;
  bool already_complete = false;  // --resume found the finished result
};

// Runs the points of a sweep (or of one shard) on `threads` worker threads and,
// under MPI, on every rank. Each finished point is appended to this process's
// journal (<output>.journal, or <output>.rank-R.journal under MPI) at once;
// with `resume` the points already in any journal of this output are skipped.
// When every point is done, rank 0 writes the output file from the journals
// (atomically) and removes them. Errors in a point are recorded with the point
// and the sweep goes on. Throws OutputError for an existing output without
// --force, or leftover journals without --resume or --force.
SweepRunReport RunSweep(const SweepSpec& sweep, const Design& design, const SweepRunOptions& options,
                        MpiSession& session);

// The journals an interrupted sweep with this output may have left.
std::vector<std::string> SweepJournals(const std::string& output);

}  // namespace diplosim
