#include "scenarios/missing_file_hint.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/support/temp_dir.h"

namespace diplosim {
namespace {

TEST(MissingFileHint, NamesTheClosestFileInItsFolder) {
  testing::TempDir dir;
  dir.Write("syria-2016-17.yaml", "x");
  dir.Write("profiles/russia.yaml", "x");
  EXPECT_EQ(MissingFileHint(dir.File("syria-2016-17.yml")),
            " (did you mean '" + dir.File("syria-2016-17.yaml") + "'?)");
  EXPECT_EQ(MissingFileHint(dir.File("profiles/rusia.yaml")),
            " (did you mean '" + dir.File("profiles/russia.yaml") + "'?)");
  // Nothing close: nothing guessed.
  EXPECT_EQ(MissingFileHint(dir.File("completely-different.csv")), "");
  // '-' is not standard input here; a one-letter name gets no guess.
  EXPECT_EQ(MissingFileHint("-"), " (a scenario or table is not read from standard input; give its file's path)");
  dir.Write("p", "x");
  EXPECT_EQ(MissingFileHint(dir.File("q")), "");
  // Through '..': where that leads.
  EXPECT_EQ(MissingFileHint(dir.File("profiles/../base.yaml")), " (looked for at '" + dir.File("base.yaml") + "')");
}

TEST(MissingFileHint, SaysWhereARelativePathWasLookedForAndAMissingFolder) {
  testing::TempDir dir;
  dir.Write("base.yaml", "x");
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(dir.path() / "");
  const std::string relative = MissingFileHint("../base.yaml");
  const std::string folder = MissingFileHint("no-such-folder/base.yaml");
  const std::string beside = MissingFileHint("bse.yaml");
  std::filesystem::current_path(before);
  const std::string parent = dir.path().parent_path().string();
  EXPECT_EQ(relative, " (looked for at '" + parent + "/base.yaml')");
  EXPECT_EQ(folder, " (looked for at '" + dir.File("no-such-folder/base.yaml") +
                        "'; its folder 'no-such-folder' does not exist)");
  EXPECT_EQ(beside, " (looked for at '" + dir.File("bse.yaml") + "'; did you mean 'base.yaml'?)");
}

}  // namespace
}  // namespace diplosim
