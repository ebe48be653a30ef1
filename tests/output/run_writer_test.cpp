#include "output/run_writer.h"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "output/atomic_output.h"
#include "output/chunk_encoder.h"
#include "output/output_error.h"
#include "output/run_reader.h"
#include "sim/events/ceasefire_event.h"
#include "sim/monte_carlo.h"
#include "sim/simulation.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_world.h"

namespace diplosim {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

// Writes each replicate and keeps a copy of what was simulated.
class WriteAndKeep final : public ReplicateSink {
 public:
  explicit WriteAndKeep(RunWriter& w, bool encode = false) : writer(w), encode(encode) {}
  void Prepare(Trajectory& t) const override {
    if (encode) writer.Encode(t);
  }
  void Consume(const Trajectory& t) override {
    writer.Write(t);
    for (const auto& info : AllVariables())
      if (t.spec().Has(info.variable)) {
        auto& v = kept[info.variable];
        v.insert(v.end(), t.Data(info.variable).begin(), t.Data(info.variable).end());
      }
    events += t.events().size();
  }
  RunWriter& writer;
  bool encode;
  std::map<Variable, std::vector<double>> kept;
  std::size_t events = 0;
};

std::unique_ptr<World> TestWorld() {
  auto w = testing::MakeWorld(3, 2, 20);
  w->dimensions[1].low = 4;
  w->dimensions[1].high = 10;
  w->params.influence.noise = 0.03;
  for (int i = 0; i < 3; ++i) w->actors[i].position << 0.2 * (i + 1), 0.3 * i;
  w->initial.affinity.setConstant(0.4);
  w->initial.hostility(0, 1) = w->initial.hostility(1, 0) = 0.5;
  CeasefireSpec cf;
  cf.name = "truce";
  cf.date = w->calendar.start + 5;
  cf.parties = {0, 1};
  w->ceasefires.push_back(cf);
  w->events.push_back(std::make_unique<CeasefireEvent>(Event::Header{"ceasefire", "truce", cf.date, 0, 1}, 0, "a0,a1"));
  Freeze(*w);
  return w;
}

Provenance TestProvenance() {
  Provenance p;
  p.diplosim_version = "test";
  p.scenario_text = "scenario: text\nwith ünïcode\n";
  p.scenario_sha256 = "abc";
  p.command_line = "diplosim run x -o y";
  p.seed = 12345678901234ull;
  p.replicates = 4;
  return p;
}

TEST(RunWriter, FileReadBackEqualsWhatWasSimulated) {
  TempDir dir;
  auto world = TestWorld();
  RecordSpec spec = RecordSpec::All();
  spec.every = 3;
  const std::string path = dir.File("run.h5");
  RunWriter writer(path, false, *world, spec, 4, TestProvenance());
  WriteAndKeep sink(writer);
  MonteCarloOptions o;
  o.replicates = 4;
  o.threads = 2;
  RunMonteCarlo(*world, spec, o, sink);
  EXPECT_FALSE(fs::exists(path));  // not under its final name before Commit
  writer.Commit();
  ASSERT_TRUE(fs::exists(path));
  EXPECT_TRUE(FindStaleTemporaries(path).empty());

  const RunReader reader(path);
  for (const auto& [variable, values] : sink.kept) {
    if (values.empty()) {  // an empty axis (no populations here): left out of the file
      EXPECT_FALSE(reader.HasDataset(std::string(Info(variable).name))) << Info(variable).name;
      continue;
    }
    const auto array = reader.Doubles(std::string(Info(variable).name));
    EXPECT_EQ(array.values, values) << Info(variable).name;  // bit-for-bit
    EXPECT_EQ(array.shape[0], 4u);
    EXPECT_EQ(array.shape[1], 8u);  // 0, 3, …, 18, 20
  }
  EXPECT_EQ(reader.Ints("time"), (std::vector<long long>{0, 3, 6, 9, 12, 15, 18, 20}));
  EXPECT_EQ(reader.Strings("actor"), (std::vector<std::string>{"a0", "a1", "a2"}));
  EXPECT_EQ(reader.Strings("dimension"), (std::vector<std::string>{"d0", "d1"}));
  EXPECT_EQ(reader.DimensionNames("position"), (std::vector<std::string>{"replicate", "time", "actor", "dimension"}));
  EXPECT_EQ(reader.DimensionNames("influence"), (std::vector<std::string>{"replicate", "time", "actor", "actor_j"}));
  EXPECT_EQ(reader.DimensionNames("forecast"), (std::vector<std::string>{"replicate", "time", "dimension"}));
  EXPECT_EQ(reader.DimensionNames("ceasefire_state"), (std::vector<std::string>{"replicate", "time", "ceasefire"}));
  EXPECT_EQ(reader.Strings("ceasefire"), (std::vector<std::string>{"truce"}));
  const auto status = reader.Doubles("ceasefire_state");
  EXPECT_EQ(status.values[0], 0.0);                      // replicate 0, day 0: not yet in force
  EXPECT_EQ(status.values[status.shape[1] - 1], 1.0);    // replicate 0, last day: in force
  EXPECT_EQ(reader.StringAttribute("scenario"), "scenario: text\nwith ünïcode\n");
  EXPECT_EQ(reader.IntAttribute("seed"), 12345678901234ll);
  EXPECT_EQ(reader.StringAttribute("command_line"), "diplosim run x -o y");
  EXPECT_EQ(reader.Ints("events/replicate").size(), sink.events);
}

// Chunks compressed on the worker threads (Encode, then H5Dwrite_chunk) read
// back bit-for-bit through HDF5's own filters, including a last time chunk that
// overhangs the time axis: 40 actors make an N×N slice of 1,600 values, so a
// chunk holds 81 of the 201 time points.
TEST(RunWriter, ChunksCompressedOnWorkerThreadsReadBackExactly) {
  TempDir dir;
  auto world = testing::MakeWorld(40, 2, 200);
  world->params.influence.noise = 0.05;
  Freeze(*world);
  const RecordSpec spec = RecordSpec::All();
  ASSERT_EQ(TimeChunk(40 * 40, 201), 81u);
  const std::string path = dir.File("encoded.h5");
  RunWriter writer(path, false, *world, spec, 3, TestProvenance());
  WriteAndKeep sink(writer, /*encode=*/true);
  MonteCarloOptions o;
  o.replicates = 3;
  o.threads = 2;
  RunMonteCarlo(*world, spec, o, sink);
  writer.Commit();
  const RunReader reader(path);
  for (const auto& [variable, values] : sink.kept) {
    if (values.empty()) continue;  // no ceasefires or populations: not written
    EXPECT_EQ(reader.Doubles(std::string(Info(variable).name)).values, values) << Info(variable).name;
  }
  // Both kinds of chunk were read back above: noisy positions stored raw, constant saliences deflated.
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  for (const auto& [name, mask] : {std::pair{"position", kSkipDeflate}, {"salience", 0u}}) {
    const hid_t ds = H5Dopen2(file, name, H5P_DEFAULT);
    const hid_t space = H5Dget_space(ds);
    hsize_t chunks = 0;
    ASSERT_GE(H5Dget_num_chunks(ds, space, &chunks), 0);
    EXPECT_EQ(chunks, 3u) << name;  // 3 replicates; an N×D series fits one time chunk
    for (hsize_t c = 0; c < chunks; ++c) {
      unsigned filter_mask = 99;
      ASSERT_GE(H5Dget_chunk_info(ds, space, c, nullptr, &filter_mask, nullptr, nullptr), 0);
      EXPECT_EQ(filter_mask, mask) << name << " chunk " << c;
    }
    H5Sclose(space);
    H5Dclose(ds);
  }
  H5Fclose(file);
}

// Above a size (kReleaseRecordingAboveBytes, 64 MB, by default; every size
// here) a replicate's values are freed as they are encoded, and sized again
// when the trajectory takes the next replicate: the file still holds exactly
// what was simulated, on one thread (one trajectory reused) and on two.
TEST(RunWriter, LargeRecordingsAreReleasedAsTheyAreEncodedAndReadBackExactly) {
  TempDir dir;
  auto world = testing::MakeWorld(12, 2, 40);
  world->params.influence.noise = 0.05;
  Freeze(*world);
  const RecordSpec spec = RecordSpec::All();
  const std::size_t per_replicate = 41 * (3 * 12 * 2 + 12 + 5 * 12 * 12 + 2) * sizeof(double);
  ASSERT_EQ(Trajectory(*world, spec).RecordedBytes(), per_replicate);
  // Keeps each replicate's values before they are encoded (and freed).
  class KeepThenEncode final : public ReplicateSink {
   public:
    explicit KeepThenEncode(RunWriter& w) : writer_(w) {}
    void Prepare(Trajectory& t) const override {
      std::map<Variable, std::vector<double>> values;
      for (const auto& info : AllVariables())
        if (t.spec().Has(info.variable)) values[info.variable] = t.Data(info.variable);
      writer_.Encode(t);
      std::lock_guard lock(mutex_);
      for (auto& [v, data] : values) {
        released_ = released_ && t.Data(v).empty();
        kept_[t.replicate()][v] = std::move(data);
      }
    }
    void Consume(const Trajectory& t) override { writer_.Write(t); }
    std::vector<double> Kept(Variable v) const {
      std::vector<double> all;
      for (const auto& [r, values] : kept_) all.insert(all.end(), values.at(v).begin(), values.at(v).end());
      return all;
    }
    bool released() const { return released_; }

   private:
    RunWriter& writer_;
    mutable std::mutex mutex_;
    mutable std::map<int, std::map<Variable, std::vector<double>>> kept_;
    mutable bool released_ = true;
  };
  for (const int threads : {1, 2}) {
    const std::string path = dir.File("large-" + std::to_string(threads) + ".h5");
    RunWriter writer(path, false, *world, spec, 8, TestProvenance());
    writer.ReleaseRecordingsAbove(per_replicate - 1);
    KeepThenEncode sink(writer);
    MonteCarloOptions o;
    o.replicates = 8;  // more than the trajectories a 2-thread run keeps, so they are reused
    o.threads = threads;
    RunMonteCarlo(*world, spec, o, sink);
    writer.Commit();
    EXPECT_TRUE(sink.released()) << threads;
    const RunReader reader(path);
    for (const auto& [v, slice] : {std::pair{Variable::kPosition, 24},
                                   {Variable::kAffinity, 144},
                                   {Variable::kInfluence, 144},
                                   {Variable::kForecast, 2}}) {
      const std::vector<double> kept = sink.Kept(v);
      const std::size_t each = 41u * slice;  // one replicate's values
      ASSERT_EQ(kept.size(), 8 * each) << Info(v).name;
      EXPECT_NE(std::vector<double>(kept.end() - each, kept.end()),
                std::vector<double>(kept.begin(), kept.begin() + each))
          << Info(v).name << ": the replicates were each recorded afresh";
      EXPECT_EQ(reader.Doubles(std::string(Info(v).name)).values, kept) << Info(v).name << ", " << threads;
    }
  }
  // At or below the size, values stay for the next replicate.
  RunWriter writer(dir.File("small.h5"), false, *world, spec, 1, TestProvenance());
  writer.ReleaseRecordingsAbove(per_replicate);
  Trajectory t(*world, spec);
  t.Reset(0);
  SimulateReplicate(*world, ReplicateId{1, 0, 0}, t);
  writer.Encode(t);
  EXPECT_EQ(t.Data(Variable::kAffinity).size(), 41u * 12 * 12);
}

// A replicate whose values were neither encoded nor kept is refused, not read past its buffers.
TEST(RunWriter, RefusesAReplicateWithoutItsValues) {
  TempDir dir;
  auto world = TestWorld();
  RecordSpec spec;
  spec.enabled[static_cast<int>(Variable::kAffinity)] = true;
  RunWriter writer(dir.File("missing.h5"), false, *world, spec, 1, TestProvenance());
  Trajectory t(*world, spec);
  t.Reset(0);
  SimulateReplicate(*world, ReplicateId{1, 0, 0}, t);
  t.ReleaseData(Variable::kAffinity);
  try {
    writer.Write(t);
    FAIL() << "wrote a replicate with no values";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("affinity: replicate 0 holds no values"), std::string::npos) << e.what();
  }
}

TEST(RunWriter, RecordsOnlyTheChosenVariables) {
  TempDir dir;
  auto world = TestWorld();
  RecordSpec spec;
  spec.enabled[static_cast<int>(Variable::kForecast)] = true;
  const std::string path = dir.File("small.h5");
  RunWriter writer(path, false, *world, spec, 1, TestProvenance());
  WriteAndKeep sink(writer);
  RunMonteCarlo(*world, spec, MonteCarloOptions{}, sink);
  writer.Commit();
  const RunReader reader(path);
  EXPECT_EQ(reader.Variables(), (std::vector<std::string>{"forecast"}));
}

TEST(RunWriter, RefusesToOverwriteWithoutForceAndRemovesTemporaryOnAbandon) {
  TempDir dir;
  auto world = TestWorld();
  const std::string path = dir.File("exists.h5");
  std::ofstream(path) << "precious";
  EXPECT_THROW(RunWriter(path, false, *world, RecordSpec::All(), 1, TestProvenance()), OutputError);
  {
    RunWriter abandoned(path, true, *world, RecordSpec::All(), 1, TestProvenance());
    EXPECT_EQ(FindStaleTemporaries(path).size(), 1u);
  }
  EXPECT_TRUE(FindStaleTemporaries(path).empty());
  std::ifstream in(path);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "precious");  // the abandoned run did not touch it
}

TEST(RunWriter, RejectsMissingFolderAndCommitBeforeAllReplicates) {
  TempDir dir;
  auto world = TestWorld();
  EXPECT_THROW(RunWriter(dir.File("no/such/dir/x.h5"), false, *world, RecordSpec::All(), 1, TestProvenance()),
               OutputError);
  RunWriter writer(dir.File("partial.h5"), false, *world, RecordSpec::All(), 2, TestProvenance());
  EXPECT_THROW(writer.Commit(), OutputError);
}

TEST(RunReader, RejectsMissingNonHdf5AndForeignFiles) {
  TempDir dir;
  EXPECT_THROW(RunReader(dir.File("missing.h5")), OutputError);
  std::ofstream(dir.File("text.h5")) << "not hdf5";
  EXPECT_THROW(RunReader(dir.File("text.h5")), OutputError);
  const hid_t f = H5Fcreate(dir.File("foreign.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  H5Fclose(f);
  try {
    RunReader reader(dir.File("foreign.h5"));
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("is not a diplosim result"), std::string::npos);
  }
}

TEST(RunWriter, TimeChunkTargetsAboutOneMegabyte) {
  EXPECT_EQ(TimeChunk(10, 90), 90u);
  EXPECT_EQ(TimeChunk(131072, 90), 1u);
  EXPECT_EQ(TimeChunk(1024, 1000), 128u);
}

}  // namespace
}  // namespace diplosim
