#include "output/atomic_output.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "output/output_error.h"
#include "tests/support/temp_dir.h"

namespace diplosim {
namespace {

using testing::TempDir;

std::string Contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(AtomicOutput, CommitPutsTheTemporaryInPlaceAndLeavesNothingElse) {
  const TempDir dir;
  const std::string path = dir.File("r.h5");
  {
    AtomicOutput out(path, /*force=*/false);
    std::ofstream(out.temp_path()) << "result";
    out.Commit();
  }
  EXPECT_EQ(Contents(path), "result");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

// Two runs to one output both pass the check at construction; the one that
// finishes second must not replace the first one's result without --force.
TEST(AtomicOutput, AFileThatAppearedMeanwhileIsNeverReplacedWithoutForce) {
  const TempDir dir;
  const std::string path = dir.File("r.h5");
  AtomicOutput out(path, /*force=*/false);
  std::ofstream(out.temp_path()) << "second";
  dir.Write("r.h5", "first");
  try {
    out.Commit();
    FAIL() << "replaced the file that appeared";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("appeared while this command wrote its result"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(Contents(path), "first");
}

TEST(AtomicOutput, WithForceAFileThatAppearedMeanwhileIsReplaced) {
  const TempDir dir;
  const std::string path = dir.File("r.h5");
  {
    AtomicOutput out(path, /*force=*/true);
    std::ofstream(out.temp_path()) << "second";
    dir.Write("r.h5", "first");
    out.Commit();
  }
  EXPECT_EQ(Contents(path), "second");
}

TEST(AtomicOutput, WithoutCommitTheTemporaryIsRemoved) {
  const TempDir dir;
  {
    AtomicOutput out(dir.File("r.h5"), /*force=*/false);
    std::ofstream(out.temp_path()) << "half";
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 0);
}

}  // namespace
}  // namespace diplosim
