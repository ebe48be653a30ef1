// A sweep's points share their base scenario's listening matrices unless they
// sweep the network itself (or its file changes).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "scenarios/sweep_spec.h"

namespace diplosim {
namespace {

namespace fs = std::filesystem;

LoadOptions Options() {
  LoadOptions o;
  o.profile_dirs = {DIPLOSIM_SOURCE_DIR "/actors/profiles"};
  return o;
}

// The same listening matrix, entry for entry (compared in compressed form: the
// populations here hold 10,000 and 20,000 agents).
bool SameWeights(const PopulationSpec& a, const PopulationSpec& b) {
  const auto& x = a.weights->sparse;
  const auto& y = b.weights->sparse;
  if (!a.IsSparse() || !b.IsSparse()) return a.weights->dense == b.weights->dense;
  return x.rows() == y.rows() && x.nonZeros() == y.nonZeros() &&
         std::equal(x.outerIndexPtr(), x.outerIndexPtr() + x.rows() + 1, y.outerIndexPtr()) &&
         std::equal(x.innerIndexPtr(), x.innerIndexPtr() + x.nonZeros(), y.innerIndexPtr()) &&
         std::equal(x.valuePtr(), x.valuePtr() + x.nonZeros(), y.valuePtr());
}

SweepSpec Sweep(const fs::path& scenario, const std::string& parameters) {
  const std::string text = "scenario: " + scenario.string() + "\nparameters:\n" + parameters +
                           "sampler: {method: lhs, points: 3}\nreplicates: 1\n"
                           "outcomes:\n  m: {forecast: " +
                           "assad_future}\n";
  return LoadSweepText(text, DIPLOSIM_SOURCE_DIR "/scenarios/sweeps/test.yaml", Options());
}

TEST(SweepPoints, ShareTheBaseListeningMatricesUnlessTheNetworkIsSwept) {
  const fs::path communities = fs::path(DIPLOSIM_SOURCE_DIR) / "scenarios/variants/with-communities.yaml";
  const SweepSpec sweep = Sweep(communities, "  populations.ghouta_communities.feedback: {uniform: [0.0, 0.1]}\n");
  const Design design = MakeDesign(sweep);
  const auto& base = sweep.base_world->populations;
  ASSERT_EQ(base.size(), 2u);
  for (int point = 0; point < 3; ++point) {
    const Scenario s = BindPoint(sweep, design.values.row(point));
    ASSERT_EQ(s.world->populations.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(s.world->populations[i].weights.get(), base[i].weights.get()) << "point " << point;
      EXPECT_EQ(s.world->populations[i].size, base[i].size);
    }
    EXPECT_EQ(s.world->populations[0].feedback, design.values(point, 0));
  }
  // The shared matrix is the one a scenario loaded on its own builds.
  const Scenario alone = LoadScenario(communities.string(), Options());
  EXPECT_TRUE(SameWeights(alone.world->populations[1], base[1]));
  EXPECT_TRUE(SameWeights(alone.world->populations[0], base[0]));

  // Sweeping the network's rewiring: each point builds its own small world.
  const SweepSpec rewired = Sweep(communities, "  populations.ghouta_communities.network.rewire: {uniform: [0.0, 0.5]}\n");
  const Scenario point = BindPoint(rewired, MakeDesign(rewired).values.row(0));
  const auto& mine = point.world->populations;
  EXPECT_NE(mine[0].weights.get(), rewired.base_world->populations[0].weights.get());
  EXPECT_FALSE(SameWeights(mine[0], rewired.base_world->populations[0]));
  EXPECT_EQ(mine[1].weights.get(), rewired.base_world->populations[1].weights.get());  // not swept
}

TEST(SweepPoints, ReadANetworkFileAgainWhenItChanges) {
  const fs::path dir = fs::temp_directory_path() / ("diplosim-sweep-points-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path links = dir / "links.txt";
  std::ofstream(links) << "0 1\n1 2\n";
  const fs::path scenario = dir / "towns.yaml";
  std::ofstream(scenario) << R"(calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {assad_future: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {assad_future: 0.5}}
populations:
  towns: {actor: x, network: {edges: links.txt, directed: false}}
)";
  const SweepSpec sweep = Sweep(scenario, "  populations.towns.feedback: {uniform: [0.0, 0.1]}\n");
  const Design design = MakeDesign(sweep);
  const auto* before = sweep.base_world->populations[0].weights.get();
  EXPECT_EQ(BindPoint(sweep, design.values.row(0)).world->populations[0].weights.get(), before);
  std::ofstream(links) << "0 1\n1 2\n2 3\n";  // one more agent and link: another length
  const Scenario changed = BindPoint(sweep, design.values.row(1));
  EXPECT_NE(changed.world->populations[0].weights.get(), before);
  EXPECT_EQ(changed.world->populations[0].size, 4);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace diplosim
