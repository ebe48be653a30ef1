// Every file in tests/scenarios/bad/ must fail to load with the messages its
// "# expect:" header lines name (file:line:col: error: …).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenarios/scenario.h"
#include "scenarios/scenario_error.h"

namespace diplosim {
namespace {

namespace fs = std::filesystem;

const fs::path kBadDir = fs::path(DIPLOSIM_SOURCE_DIR) / "tests/scenarios/bad";

std::vector<std::string> BadFiles() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(kBadDir))
    if (e.path().extension() == ".yaml") files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

class BadScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(BadScenario, FailsWithItsExpectedMessages) {
  const fs::path path = kBadDir / GetParam();
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> expects;
  std::string located_in = path.string();
  for (std::string line; std::getline(in, line) && line.rfind("# expect", 0) == 0;) {
    if (line.rfind("# expect: ", 0) == 0) expects.push_back(line.substr(10));
    if (line.rfind("# expect-file: ", 0) == 0) located_in = (kBadDir / line.substr(15)).lexically_normal().string();
  }
  ASSERT_FALSE(expects.empty()) << "no '# expect:' line in " << path;

  LoadOptions options;
  options.profile_dirs = {(fs::path(DIPLOSIM_SOURCE_DIR) / "tests/scenarios/good/profiles").string()};
  try {
    LoadScenario(path.string(), options);
    FAIL() << path << " loaded without error";
  } catch (const ScenarioError& e) {
    const std::string message = e.what();
    for (const std::string& expect : expects) {
      // Located expectations ("L:C: error: …") must name the file too.
      const bool located = !expect.empty() && std::isdigit(static_cast<unsigned char>(expect[0]));
      const std::string needle = located ? fs::path(located_in).lexically_normal().string() + ":" + expect : expect;
      EXPECT_NE(message.find(needle), std::string::npos) << "expected: " << needle << "\ngot:\n" << message;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadScenario, ::testing::ValuesIn(BadFiles()),
                         [](const auto& info) {
                           std::string name = info.param.substr(0, info.param.size() - 5);
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

TEST(BadScenarioCatalogue, HasAtLeastTwentyFiles) { EXPECT_GE(BadFiles().size(), 20u); }

}  // namespace
}  // namespace diplosim
