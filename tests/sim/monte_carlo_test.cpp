#include "sim/monte_carlo.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "sim/events/statement_event.h"
#include "sim/simulation.h"
#include "tests/support/test_world.h"

namespace diplosim {
namespace {

// Keeps every replicate's recorded arrays.
class KeepAll final : public ReplicateSink {
 public:
  void Consume(const Trajectory& t) override {
    order.push_back(t.replicate());
    for (const auto& info : AllVariables())
      if (t.spec().Has(info.variable)) data[t.replicate()][info.variable] = t.Data(info.variable);
    events[t.replicate()] = t.events().size();
  }
  std::vector<int> order;
  std::map<int, std::map<Variable, std::vector<double>>> data;
  std::map<int, std::size_t> events;
};

std::unique_ptr<World> NoisyWorld() {
  auto w = testing::MakeWorld(5, 2, 40);
  Rng rng(StreamKey{3});
  for (int i = 0; i < 5; ++i) {
    w->actors[i].position << rng.Uniform(), rng.Uniform();
    for (int j = 0; j < 5; ++j) w->initial.affinity(i, j) = rng.Uniform() - 0.3;
  }
  w->params.influence.noise = 0.02;
  StatementEvent::Spec spec;
  spec.speaker = 0;
  spec.audience = {1, 2};
  spec.stances = {{0, 1.0}};
  w->events.push_back(
      std::make_unique<StatementEvent>(Event::Header{"statement", "s", w->calendar.start + 3, 0, 1}, spec, "a0"));
  Freeze(*w);
  return w;
}

KeepAll RunReplicates(const World& w, std::uint64_t seed, int threads, int reps = 23) {
  MonteCarloOptions o;
  o.seed = seed;
  o.replicates = reps;
  o.threads = threads;
  KeepAll sink;
  RunMonteCarlo(w, RecordSpec::All(), o, sink);
  return sink;
}

TEST(MonteCarlo, IdenticalAcrossThreadCountsAndRunsDifferentAcrossSeeds) {
  auto w = NoisyWorld();
  const KeepAll one = RunReplicates(*w, 11, 1);
  const KeepAll two = RunReplicates(*w, 11, 2);
  const KeepAll four = RunReplicates(*w, 11, 4);
  const KeepAll again = RunReplicates(*w, 11, 2);
  const KeepAll other = RunReplicates(*w, 12, 2);
  std::vector<int> expected_order(23);
  for (int r = 0; r < 23; ++r) expected_order[r] = r;
  EXPECT_EQ(two.order, expected_order);
  EXPECT_EQ(one.data, two.data);  // bitwise: vectors of doubles compare exactly
  EXPECT_EQ(one.data, four.data);
  EXPECT_EQ(two.data, again.data);
  EXPECT_NE(one.data, other.data);
  EXPECT_NE(one.data.at(0).at(Variable::kPosition), one.data.at(1).at(Variable::kPosition));  // replicates differ
  EXPECT_EQ(one.events.at(5), 1u);
}

// A sink that takes the values in Prepare and declines them in Consume: each
// worker then records into its own buffers, lent to one slot after another.
// Every replicate must still see only its own values, and Consume none.
class TakeInPrepare final : public ReplicateSink {
 public:
  void Prepare(Trajectory& t) const override {
    std::map<Variable, std::vector<double>> values;
    for (const auto& info : AllVariables())
      if (t.spec().Has(info.variable)) values[info.variable] = t.Data(info.variable);
    std::lock_guard lock(mutex_);
    data[t.replicate()] = std::move(values);
  }
  bool ConsumesValues() const override { return false; }
  void Consume(const Trajectory& t) override {
    for (const auto& info : AllVariables()) empty_in_consume = empty_in_consume && t.Data(info.variable).empty();
  }
  mutable std::mutex mutex_;
  mutable std::map<int, std::map<Variable, std::vector<double>>> data;
  bool empty_in_consume = true;
};

TEST(MonteCarlo, WorkersKeepTheirBuffersForSinksThatTakeValuesInPrepare) {
  auto w = NoisyWorld();
  const KeepAll reference = RunReplicates(*w, 11, 1, 40);
  MonteCarloOptions o;
  o.seed = 11;
  o.replicates = 40;
  o.threads = 3;
  TakeInPrepare sink;
  RunMonteCarlo(*w, RecordSpec::All(), o, sink);
  EXPECT_EQ(sink.data, reference.data);
  EXPECT_TRUE(sink.empty_in_consume);
}

// Replicates reach the sink in order, once each, with progress reported on the
// calling thread, for counts that do not fill the last batch; the trajectories
// in flight stay within the documented bound: 9 per thread for small records,
// 2 per thread + 2 when each record is several megabytes.
class CountSlots final : public ReplicateSink {
 public:
  void Consume(const Trajectory& t) override {
    order.push_back(t.replicate());
    slots.insert(&t);
    bytes = t.RecordedBytes();
  }
  std::vector<int> order;
  std::set<const Trajectory*> slots;
  std::size_t bytes = 0;
};

TEST(MonteCarlo, HandsOnEveryReplicateInOrderWithinTheMemoryBound) {
  struct Case {
    int actors, steps, threads, replicates;
    std::size_t max_slots;
  };
  // The last case records about 75 MB a replicate, over the 64 MB budget: threads + 2 slots.
  for (const Case c : {Case{5, 40, 2, 37, 18}, Case{4, 10, 3, 100, 27}, Case{100, 20, 2, 15, 6},
                       Case{300, 20, 2, 6, 4}}) {
    auto w = testing::MakeWorld(c.actors, 1, c.steps);
    Freeze(*w);
    MonteCarloOptions o;
    o.replicates = c.replicates;
    o.threads = c.threads;
    const auto caller = std::this_thread::get_id();
    std::vector<int> progress;
    o.on_progress = [&](int done, int total) {
      EXPECT_EQ(std::this_thread::get_id(), caller);
      EXPECT_EQ(total, c.replicates);
      progress.push_back(done);
    };
    CountSlots sink;
    RunMonteCarlo(*w, RecordSpec::All(), o, sink);
    std::vector<int> expected(c.replicates);
    for (int r = 0; r < c.replicates; ++r) expected[r] = r;
    EXPECT_EQ(sink.order, expected) << c.actors << " actors";
    for (int r = 0; r < c.replicates; ++r) expected[r] = r + 1;
    EXPECT_EQ(progress, expected) << c.actors << " actors";
    EXPECT_LE(sink.slots.size(), c.max_slots) << c.actors << " actors, " << sink.bytes << " bytes each";
  }
}

TEST(MonteCarlo, ReplicatesHeldAtOnceShrinksForLargeRecordings) {
  constexpr std::size_t kMB = std::size_t{1} << 20;
  EXPECT_EQ(ReplicatesHeldAtOnce(100 * kMB, 1), 1);
  EXPECT_EQ(ReplicatesHeldAtOnce(1, 1), 1);
  // Small replicates: batches of 4 per thread on each side of the workers.
  EXPECT_EQ(ReplicatesHeldAtOnce(1000, 2), 2 * 8 + 2);
  EXPECT_EQ(ReplicatesHeldAtOnce(1000, 3), 2 * 12 + 3);
  // Mid-sized: what fits in 64 MB, never fewer than 2 per thread + 2.
  EXPECT_EQ(ReplicatesHeldAtOnce(10 * kMB, 2), 6);
  // Larger than 64 MB / (2·threads + 2): one per worker, one ready, one being written.
  EXPECT_EQ(ReplicatesHeldAtOnce(11 * kMB, 2), 4);
  EXPECT_EQ(ReplicatesHeldAtOnce(1300 * kMB, 2), 4);
  EXPECT_EQ(ReplicatesHeldAtOnce(1300 * kMB, 8), 10);
  // No more worker threads than replicates.
  MonteCarloOptions o;
  for (const auto& [threads, replicates, workers] :
       {std::tuple{2, 100, 2}, std::tuple{1000, 200, 200}, std::tuple{8, 1, 1}, std::tuple{1, 50, 1}}) {
    o.threads = threads;
    o.replicates = replicates;
    EXPECT_EQ(WorkerThreads(o), workers) << threads << " threads, " << replicates << " replicates";
  }
}

TEST(MonteCarlo, ErrorsInReplicatesPropagate) {
  auto w = testing::MakeWorld(2, 1, 5);
  w->params.influence.explicit_weights = Eigen::MatrixXd::Constant(2, 2, std::nan(""));
  Freeze(*w);
  MonteCarloOptions o;
  o.replicates = 8;
  o.threads = 2;
  KeepAll sink;
  EXPECT_THROW(RunMonteCarlo(*w, RecordSpec::All(), o, sink), SimulationError);
}

TEST(MonteCarlo, CancelStopsTheRun) {
  auto w = NoisyWorld();
  std::atomic<bool> cancel{true};
  MonteCarloOptions o;
  o.replicates = 100;
  o.threads = 2;
  o.cancel = &cancel;
  KeepAll sink;
  EXPECT_THROW(RunMonteCarlo(*w, RecordSpec::All(), o, sink), Cancelled);
}

TEST(MonteCarloOptions, IsValidNamesTheViolatedConstraint) {
  MonteCarloOptions o;
  o.threads = 0;
  std::string why;
  EXPECT_FALSE(o.IsValid(&why));
  EXPECT_EQ(why, "threads = 0; must be >= 1");
}

// Positions are recorded on the dimension's natural range; time indices honour `every`.
TEST(Trajectory, RecordsNaturalUnitsAndStride) {
  auto w = testing::MakeWorld(2, 1, 10);
  w->dimensions[0].low = 4;
  w->dimensions[0].high = 10;
  w->actors[0].position << 0.5;
  Freeze(*w);
  RecordSpec spec = RecordSpec::All();
  spec.every = 4;
  Trajectory t(*w, spec);
  EXPECT_EQ(t.time_indices(), (std::vector<int>{0, 4, 8, 10}));
  t.Reset(0);
  t.OnState(0, w->initial);
  EXPECT_DOUBLE_EQ(t.Data(Variable::kPosition)[0], 7.0);
}

}  // namespace
}  // namespace diplosim
