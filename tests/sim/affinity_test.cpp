#include "sim/affinity.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/support/test_world.h"

namespace diplosim {
namespace {

// With positions fixed and no hostility, A_ij(t) = A* + (A_ij(0) − A*)(1 − ρ)^t,
// A* = 1 − 2 δ_ij, δ_ij = Σ_d S_id |X_id − X_jd|.
TEST(Affinity, RelaxesTowardHomophilyTargetInClosedForm) {
  auto world = testing::MakeWorld(2, 2);
  world->actors[0].position << 0.1, 0.7;
  world->actors[1].position << 0.5, 0.2;
  world->actors[0].salience << 0.25, 0.75;
  world->initial.affinity(0, 1) = -0.8;
  world->params.affinity.rate = 0.1;
  Freeze(*world);
  State state = world->initial;
  testing::NullRecorder rec;
  StepContext ctx{*world, state, rec, StreamKey{}, 0, 0, world->calendar.start};
  AffinityMechanism m;
  const double delta = 0.25 * 0.4 + 0.75 * 0.5;
  const double target = 1.0 - 2.0 * delta;
  for (int t = 1; t <= 25; ++t) {
    m.Step(ctx);
    EXPECT_NEAR(state.affinity(0, 1), target + (-0.8 - target) * std::pow(0.9, t), 1e-12) << "t = " << t;
  }
}

TEST(Affinity, HostilityLowersTheTargetAndValuesStayInRange) {
  auto world = testing::MakeWorld(2, 1);
  world->actors[0].position << 0.0;
  world->actors[1].position << 1.0;
  world->initial.hostility(0, 1) = world->initial.hostility(1, 0) = 2.0;
  world->params.affinity.rate = 1.0;  // jump straight to the (clipped) target
  Freeze(*world);
  State state = world->initial;
  testing::NullRecorder rec;
  StepContext ctx{*world, state, rec, StreamKey{}, 0, 0, world->calendar.start};
  AffinityMechanism().Step(ctx);
  EXPECT_EQ(state.affinity(0, 1), -1.0);  // 1 − 2·1 − 0.5·2 = −2, clipped
  EXPECT_EQ(state.affinity(0, 0), 1.0);
}

}  // namespace
}  // namespace diplosim
