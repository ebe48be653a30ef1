#include "sim/monte_carlo.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "sim/simulation.h"
#include "sim/world.h"

namespace diplosim {

bool MonteCarloOptions::IsValid(std::string* why) const {
  if (replicates < 1) {
    if (why) *why = "replicates = " + std::to_string(replicates) + "; must be >= 1";
    return false;
  }
  if (threads < 1) {
    if (why) *why = "threads = " + std::to_string(threads) + "; must be >= 1";
    return false;
  }
  return true;
}

namespace {

bool IsCancelled(const MonteCarloOptions& o) { return o.cancel && o.cancel->load(); }

void RunSerial(const World& world, const RecordSpec& spec, const MonteCarloOptions& o,
               ReplicateSink& sink) {
  Trajectory trajectory(world, spec);
  for (int r = 0; r < o.replicates; ++r) {
    if (IsCancelled(o)) throw Cancelled();
    trajectory.Reset(r);
    SimulateReplicate(world, ReplicateId{o.seed, o.point, r}, trajectory);
    sink.Prepare(trajectory);
    sink.Consume(trajectory);
    if (o.on_progress) o.on_progress(r + 1, o.replicates);
  }
}

// Workers claim replicate r only when slot r mod K is free, so at most K
// replicates are in flight; the calling thread hands them to the sink in order.
class ParallelRun {
 public:
  ParallelRun(const World& world, const RecordSpec& spec, const MonteCarloOptions& o)
      : world_(world), options_(o), num_slots_(2 * o.threads + 2), ready_(num_slots_, false) {
    for (int k = 0; k < num_slots_; ++k) slots_.push_back(std::make_unique<Trajectory>(world, spec));
  }

  void Run(ReplicateSink& sink) {
    sink_ = &sink;
    std::vector<std::jthread> workers;
    for (int t = 0; t < options_.threads; ++t) workers.emplace_back([this] { Work(); });
    try {
      for (int r = 0; r < options_.replicates; ++r) {
        const int slot = r % num_slots_;
        std::unique_lock lock(mutex_);
        // Timed waits: a signal handler raises `cancel` without notifying.
        while (!(ready_[slot] || error_ || IsCancelled(options_)))
          changed_.wait_for(lock, std::chrono::milliseconds(100));
        if (error_) break;
        if (IsCancelled(options_)) throw Cancelled();
        lock.unlock();
        sink.Consume(*slots_[slot]);
        if (options_.on_progress) options_.on_progress(r + 1, options_.replicates);
        lock.lock();
        ready_[slot] = false;
        consumed_ = r + 1;
        changed_.notify_all();
      }
    } catch (...) {
      Stop(std::current_exception());
    }
    Stop(nullptr);
    workers.clear();  // joins
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void Work() {
    for (;;) {
      int r;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] {
          return stop_ || next_ >= options_.replicates || next_ < consumed_ + num_slots_;
        });
        if (stop_ || next_ >= options_.replicates) return;
        r = next_++;
      }
      if (IsCancelled(options_)) {
        std::lock_guard lock(mutex_);
        changed_.notify_all();
        return;
      }
      Trajectory& t = *slots_[r % num_slots_];
      try {
        t.Reset(r);
        SimulateReplicate(world_, ReplicateId{options_.seed, options_.point, r}, t);
        sink_->Prepare(t);
      } catch (...) {
        Stop(std::current_exception());
        return;
      }
      std::lock_guard lock(mutex_);
      ready_[r % num_slots_] = true;
      changed_.notify_all();
    }
  }

  void Stop(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    if (error && !error_) error_ = error;
    stop_ = true;
    changed_.notify_all();
  }

  const World& world_;
  const MonteCarloOptions& options_;
  const int num_slots_;
  const ReplicateSink* sink_ = nullptr;
  std::vector<std::unique_ptr<Trajectory>> slots_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<bool> ready_;
  int next_ = 0;
  int consumed_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

}  // namespace

void RunMonteCarlo(const World& world, const RecordSpec& spec, const MonteCarloOptions& options,
                   ReplicateSink& sink) {
  if (options.threads <= 1 || options.replicates == 1) {
    RunSerial(world, spec, options, sink);
    return;
  }
  ParallelRun run(world, spec, options);
  run.Run(sink);
}

}  // namespace diplosim
