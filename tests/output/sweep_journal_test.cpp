#include "output/sweep_journal.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "output/output_error.h"
#include "tests/support/temp_dir.h"

namespace diplosim {
namespace {

using testing::TempDir;

PointResult Finished(int point) {
  PointResult r;
  r.point = point;
  r.seconds = 0.5;
  r.summary = Eigen::MatrixXd::Constant(2, kNumStatistics, point);
  return r;
}

std::vector<int> PointsIn(const std::string& path, const JournalHeader& header) {
  std::vector<int> points;
  ReadJournal(path, header, [&](const PointResult& r) { points.push_back(r.point); });
  return points;
}

TEST(SweepJournal, AWriterHoldsItsJournalUntilItIsGone) {
  TempDir dir;
  const std::string path = dir.File("s.h5.journal");
  const JournalHeader header{"abc", 10, 2, 0, 0};
  const std::string me = "process " + std::to_string(::getpid());
  {
    JournalWriter first(path, header, false);
    first.Append(Finished(3));
    first.Append(Finished(7));
    EXPECT_EQ(JournalHolder(path), me);
    // A second writer (flock is per open file, so one process can play both) is
    // refused, the resuming one before it truncates anything.
    for (const bool resume : {true, false}) {
      try {
        JournalWriter second(path, header, resume);
        ADD_FAILURE() << "a second writer was let in (resume = " << resume << ")";
      } catch (const OutputError& e) {
        EXPECT_EQ(std::string(e.what()), JournalBusy(path, me));
        EXPECT_EQ(std::string(e.what()).rfind("another sweep is writing this output: " + me + " holds the lock", 0),
                  0u);
      }
    }
    EXPECT_EQ(PointsIn(path, header), (std::vector<int>{3, 7}));
  }
  EXPECT_EQ(JournalHolder(path), "");
  JournalWriter resumed(path, header, true);
  resumed.Append(Finished(9));
  EXPECT_EQ(PointsIn(path, header), (std::vector<int>{3, 7, 9}));
}

TEST(SweepJournal, ALockLetGoWithinTheGraceIsWaitedFor) {
  // A sweep killed a moment ago may still be exiting: its lock goes a little
  // later. Here another open file of the journal holds the lock for 0.5 s.
  TempDir dir;
  const std::string path = dir.File("s.h5.journal");
  const JournalHeader header{"abc", 10, 2, 0, 0};
  { JournalWriter(path, header, false).Append(Finished(4)); }
  const int other = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(other, 0);
  ASSERT_EQ(::flock(other, LOCK_EX | LOCK_NB), 0);
  std::thread release([other] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    ::close(other);
  });
  const auto start = std::chrono::steady_clock::now();
  JournalWriter resumed(path, header, true);  // waits, then takes it
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  release.join();
  EXPECT_GE(waited, 0.4);
  EXPECT_LT(waited, 3.0);
  EXPECT_EQ(PointsIn(path, header), (std::vector<int>{4}));
}

TEST(SweepJournal, NoJournalHasNoHolder) {
  TempDir dir;
  EXPECT_EQ(JournalHolder(dir.File("missing.journal")), "");
}

}  // namespace
}  // namespace diplosim
