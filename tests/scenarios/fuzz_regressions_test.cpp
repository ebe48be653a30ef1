// Inputs that once crashed or hung a loader (found by the fuzzer or by review)
// must now load or fail with a ScenarioError — nothing else.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/scenario.h"
#include "scenarios/scenario_error.h"
#include "scenarios/sweep_spec.h"

namespace diplosim {
namespace {

namespace fs = std::filesystem;

TEST(FuzzRegressions, EveryRecordedInputFailsCleanly) {
  const fs::path dir = fs::path(DIPLOSIM_SOURCE_DIR) / "tests/fuzz/regressions";
  LoadOptions options;
  options.profile_dirs = {(fs::path(DIPLOSIM_SOURCE_DIR) / "actors/profiles").string()};
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    ++count;
    try {
      if (!text.empty() && text[0] == 'W')
        LoadSweepText(text.substr(1), (fs::path(DIPLOSIM_SOURCE_DIR) / "scenarios/sweeps/fuzz.yaml").string(), options);
      else
        LoadScenarioText(text, (fs::path(DIPLOSIM_SOURCE_DIR) / "scenarios/variants/fuzz.yaml").string(), options);
    } catch (const ScenarioError& e) {
      EXPECT_NE(std::string(e.what()).find(": error: "), std::string::npos) << entry.path();
    }
  }
  EXPECT_GE(count, 2);
}

TEST(FuzzRegressions, DevicesAreRefusedWithTheirReason) {
  LoadOptions options;
  try {
    LoadScenarioText("extend: /dev/zero\n", "/tmp/x.yaml", options);
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("/tmp/x.yaml:1:9: error: '/dev/zero' is not a regular file"), std::string::npos);
  }
}

}  // namespace
}  // namespace diplosim
