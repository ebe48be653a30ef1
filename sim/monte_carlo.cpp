#include "sim/monte_carlo.h"

#include <algorithm>
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
// Wake-ups come in batches: a worker wakes the calling thread only once `batch`
// replicates are ready in order (or the rest of the run is; after 100 ms the
// calling thread takes whatever is ready), and the calling thread wakes waiting
// workers once per batch it has handed on. Each wake-up preempts a worker on
// this machine's few cores: with one per replicate, 4,000 flagship replicates on
// 2 threads made 11,000 context switches and 10 % more CPU time than on one.
struct BufferPlan {
  int batch;  // replicates handed to the sink per wake-up
  int slots;  // trajectories that exist at once
};

// Batches of 4 per thread while the buffered trajectories stay under 64 MB,
// with 2 slots per thread + 2 at least. Replicates too large for the budget get
// threads + 2 slots: one being written, one ready, one per worker; more would
// only multiply gigabytes.
BufferPlan PlanBuffers(std::size_t replicate_bytes, int threads) {
  constexpr std::size_t kBufferBytes = std::size_t{64} << 20;
  const std::size_t each = std::max<std::size_t>(replicate_bytes, 1);
  const int affordable = static_cast<int>(std::min<std::size_t>(kBufferBytes / each, 1 << 20));
  const int batch = std::clamp((affordable - threads) / 2, 1, 4 * threads);
  const int floor = affordable >= 2 * threads + 2 ? 2 * threads + 2 : threads + 2;
  return BufferPlan{batch, std::max(2 * batch + threads, floor)};
}

class ParallelRun {
 public:
  ParallelRun(const World& world, const RecordSpec& spec, const MonteCarloOptions& o)
      : world_(world), options_(o) {
    slots_.push_back(std::make_unique<Trajectory>(world, spec));
    const BufferPlan plan = PlanBuffers(slots_.front()->RecordedBytes(), o.threads);
    batch_ = plan.batch;
    num_slots_ = plan.slots;
    while (static_cast<int>(slots_.size()) < num_slots_) slots_.push_back(std::make_unique<Trajectory>(world, spec));
    ready_.assign(num_slots_, false);
  }

  void Run(ReplicateSink& sink) {
    sink_ = &sink;
    std::vector<std::jthread> workers;
    for (int t = 0; t < options_.threads; ++t) workers.emplace_back([this] { Work(); });
    try {
      for (int r = 0; r < options_.replicates;) {
        std::unique_lock lock(mutex_);
        // Timed waits: a signal handler raises `cancel` without notifying.
        while (!(BatchReady() || error_ || IsCancelled(options_))) {
          consumer_waiting_ = true;
          const bool quiet = consumer_cv_.wait_for(lock, std::chrono::milliseconds(100)) == std::cv_status::timeout;
          consumer_waiting_ = false;
          // Slow replicates: after a quiet 100 ms, hand on what is ready rather than
          // hold progress and output back until a whole batch is done.
          if (quiet && ReadyInOrder() > 0) break;
        }
        if (error_) break;
        if (IsCancelled(options_)) throw Cancelled();
        const int end = r + ReadyInOrder();
        lock.unlock();
        for (int q = r; q < end; ++q) {
          sink.Consume(*slots_[q % num_slots_]);
          if (options_.on_progress) options_.on_progress(q + 1, options_.replicates);
        }
        lock.lock();
        for (; r < end; ++r) ready_[r % num_slots_] = false;
        consumed_ = end;
        if (workers_waiting_ > 0) worker_cv_.notify_all();
      }
    } catch (...) {
      Stop(std::current_exception());
    }
    Stop(nullptr);
    workers.clear();  // joins
    if (error_) std::rethrow_exception(error_);
  }

 private:
  // How many replicates from `consumed_` on are ready, in order. Caller holds the mutex.
  int ReadyInOrder() const {
    int n = 0;
    while (consumed_ + n < next_ && ready_[(consumed_ + n) % num_slots_]) ++n;
    return n;
  }
  bool BatchReady() const { return ReadyInOrder() >= std::min(batch_, options_.replicates - consumed_); }

  void Work() {
    // For a sink that takes the values in Prepare, this worker's recording
    // buffers: each replicate it simulates writes into the same memory, still
    // in its cache, and the slots hold none. (With each slot's own, cold by
    // then, storing the state took 10 % of a default run's CPU time; 8 % now.)
    const bool lend = !sink_->ConsumesValues();
    Trajectory::Buffers own;
    for (;;) {
      int r;
      {
        std::unique_lock lock(mutex_);
        ++workers_waiting_;
        worker_cv_.wait(lock, [&] { return stop_ || next_ >= options_.replicates || next_ < consumed_ + num_slots_; });
        --workers_waiting_;
        if (stop_ || next_ >= options_.replicates) return;
        r = next_++;
      }
      if (IsCancelled(options_)) {
        std::lock_guard lock(mutex_);
        consumer_cv_.notify_all();
        return;
      }
      Trajectory& t = *slots_[r % num_slots_];
      try {
        if (lend) t.SwapBuffers(own);  // the slot's are empty: it only ever borrows
        t.Reset(r);
        SimulateReplicate(world_, ReplicateId{options_.seed, options_.point, r}, t);
        sink_->Prepare(t);
        if (lend) t.SwapBuffers(own);
      } catch (...) {
        Stop(std::current_exception());
        return;
      }
      std::lock_guard lock(mutex_);
      ready_[r % num_slots_] = true;
      if (consumer_waiting_ && BatchReady()) consumer_cv_.notify_one();
    }
  }

  void Stop(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    if (error && !error_) error_ = error;
    stop_ = true;
    consumer_cv_.notify_all();
    worker_cv_.notify_all();
  }

  const World& world_;
  const MonteCarloOptions& options_;
  int batch_ = 1;
  int num_slots_ = 0;
  const ReplicateSink* sink_ = nullptr;
  std::vector<std::unique_ptr<Trajectory>> slots_;
  std::mutex mutex_;
  std::condition_variable consumer_cv_;  // the calling thread waits here for a batch
  std::condition_variable worker_cv_;    // workers wait here for a free slot
  std::vector<bool> ready_;
  int next_ = 0;
  int consumed_ = 0;
  bool consumer_waiting_ = false;
  int workers_waiting_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

}  // namespace

int ReplicatesHeldAtOnce(std::size_t replicate_bytes, int threads) {
  return threads <= 1 ? 1 : PlanBuffers(replicate_bytes, threads).slots;
}

// A thread beyond one per replicate would only hold buffers (--threads 1000 on
// 200 replicates took 3× the time and 7× the memory).
int WorkerThreads(const MonteCarloOptions& options) {
  return options.replicates <= 1 ? 1 : std::clamp(options.threads, 1, options.replicates);
}

void RunMonteCarlo(const World& world, const RecordSpec& spec, const MonteCarloOptions& options,
                   ReplicateSink& sink) {
  MonteCarloOptions effective = options;
  effective.threads = WorkerThreads(options);
  if (effective.threads == 1) {
    RunSerial(world, spec, options, sink);
    return;
  }
  ParallelRun run(world, spec, effective);
  run.Run(sink);
}

}  // namespace diplosim
