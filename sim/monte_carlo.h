#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "sim/record_spec.h"
#include "sim/trajectory.h"

namespace diplosim {

struct World;

struct MonteCarloOptions {
  std::uint64_t seed = 1;
  std::uint64_t point = 0;  // sweep point (0 for a single run)
  int replicates = 1;
  int threads = 1;
  const std::atomic<bool>* cancel = nullptr;           // polled between replicates
  std::function<void(int done, int total)> on_progress;  // called on the calling thread

  bool IsValid(std::string* why) const;
};

// Thrown by RunMonteCarlo when `cancel` was raised.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// Receives finished replicates on the calling thread, in replicate order
// 0, 1, 2, …, whatever the number of threads. This is what makes output
// independent of the thread count and lets a single thread do all file I/O.
class ReplicateSink {
 public:
  virtual ~ReplicateSink() = default;
  virtual void Consume(const Trajectory& trajectory) = 0;
  // Called first, on the worker thread that simulated the replicate: per-replicate
  // work that touches no shared state (compressing its output, say), so that it
  // runs in parallel instead of on the calling thread. Must be thread-safe.
  virtual void Prepare(Trajectory& trajectory) const { (void)trajectory; }
  // Whether Consume reads the recorded values (Trajectory::Data). A sink whose
  // Prepare has taken what it needs from them says no, and each worker then
  // keeps its buffers instead of leaving them with the trajectory.
  virtual bool ConsumesValues() const { return true; }
};

// How many replicates' recordings `threads` worker threads hold at once when
// each takes `replicate_bytes`: batches of up to 4 per thread while they fit in
// 64 MB, at least 2·threads + 2 for small ones, and threads + 2 for replicates
// too large for the budget (300 actors recording every variable for a year:
// 1.3 GB each). One thread (or one replicate) holds 1.
int ReplicatesHeldAtOnce(std::size_t replicate_bytes, int threads);

// The worker threads a run starts: options.threads, but no more than there are
// replicates (and one for a single replicate).
int WorkerThreads(const MonteCarloOptions& options);

// Simulates `replicates` replicates on WorkerThreads(options) threads.
// Memory is bounded by ReplicatesHeldAtOnce. The first error raised by any
// replicate stops the run and is rethrown here.
void RunMonteCarlo(const World& world, const RecordSpec& spec, const MonteCarloOptions& options,
                   ReplicateSink& sink);

}  // namespace diplosim
