#include <gtest/gtest.h>

#include <cmath>

#include "sim/events/shock_event.h"
#include "sim/events/statement_event.h"
#include "sim/state_target.h"
#include "tests/support/test_world.h"

namespace diplosim {
namespace {

Event::Header H(const char* type) { return Event::Header{type, "e", Date::Parse("2020-01-05").value(), 0, 1}; }

TEST(StateTarget, ChangesKeepInvariants) {
  auto world = testing::MakeWorld(3, 3);
  Freeze(*world);
  State s = world->initial;
  ChangeTarget(s, {StateField::kHostility, 0, 2, }, 0.7, false);
  EXPECT_EQ(s.hostility(0, 2), 0.7);
  EXPECT_EQ(s.hostility(2, 0), 0.7);  // symmetric
  ChangeTarget(s, {StateField::kSalience, 1, 0}, 0.5, false);
  EXPECT_NEAR(s.salience.row(1).sum(), 1.0, 1e-15);
  EXPECT_EQ(s.salience(1, 0), 0.5);
  EXPECT_NEAR(s.salience(1, 1), 0.25, 1e-15);  // the others share the rest in proportion
  ChangeTarget(s, {StateField::kAffinity, 0, 1}, 5.0, true);
  EXPECT_EQ(s.affinity(0, 1), 1.0);  // clipped
  ChangeTarget(s, {StateField::kPosition, 0, 0}, -2.0, true);
  EXPECT_EQ(s.position(0, 0), 0.0);
  ChangeTarget(s, {StateField::kCapability, 2, 1}, -1.0, false);
  EXPECT_EQ(s.capability_components(2, 1), 0.0);
  // Support is one-way, unbounded above, and a shock leaves the level it relaxes to.
  ChangeTarget(s, {StateField::kSupport, 0, 1}, 2.5, false);
  EXPECT_EQ(s.support(0, 1), 2.5);
  EXPECT_EQ(s.support(1, 0), 0.0);
  EXPECT_EQ(s.support_base(0, 1), 0.0);
  ChangeTarget(s, {StateField::kSupport, 0, 1}, -4.0, true);
  EXPECT_EQ(s.support(0, 1), 0.0);  // clipped
  EXPECT_EQ(ReadTarget(s, {StateField::kSupport, 0, 1}), 0.0);
}

TEST(ShockEvent, SetsAndAddsAndLogs) {
  auto world = testing::MakeWorld(2, 1);
  Freeze(*world);
  State s = world->initial;
  testing::NullRecorder rec;
  StepContext ctx{*world, s, rec, StreamKey{}, 3, 4, Date::Parse("2020-01-05").value()};
  ShockEvent shock(H("shock"),
                   {{{StateField::kDependency, 0, 1}, 0.4, false}, {{StateField::kDependency, 0, 1}, 0.1, true}},
                   "a0,a1");
  shock.Apply(ctx);
  EXPECT_NEAR(s.dependency(0, 1), 0.5, 1e-15);
  ASSERT_EQ(rec.events.size(), 1u);
  EXPECT_EQ(rec.events[0].replicate, 3);
  EXPECT_EQ(rec.events[0].actors, "a0,a1");
  EXPECT_EQ(rec.events[0].value, 2.0);
}

// Commitment U ← U + κ(p − U); signal A_js += φ Σ S_jd(1 − 2|X_jd − p_d|)/Σ S_jd.
TEST(StatementEvent, CommitsAnchorAndSignalsToAudience) {
  auto world = testing::MakeWorld(3, 2);
  world->actors[0].position << 0.2, 0.5;
  world->actors[1].position << 0.9, 0.1;
  world->actors[1].salience << 0.8, 0.2;
  world->actors[2].position << 0.1, 0.1;
  Freeze(*world);
  State s = world->initial;
  testing::NullRecorder rec;
  StepContext ctx{*world, s, rec, StreamKey{}, 0, 0, world->calendar.start};
  StatementEvent::Spec spec;
  spec.speaker = 0;
  spec.audience = {1, 2};
  spec.stances = {{0, 1.0}};
  spec.commitment = 0.25;
  spec.signal = 0.1;
  StatementEvent st(H("statement"), spec, "a0");
  st.Apply(ctx);
  EXPECT_NEAR(s.anchor(0, 0), 0.2 + 0.25 * 0.8, 1e-15);
  EXPECT_NEAR(s.anchor(0, 1), 0.5, 1e-15);  // not stated: unchanged
  EXPECT_NEAR(s.affinity(1, 0), 0.1 * (1.0 - 2.0 * 0.1), 1e-15);
  EXPECT_NEAR(s.affinity(2, 0), 0.1 * (1.0 - 2.0 * 0.9), 1e-15);
  EXPECT_NEAR(rec.events.at(0).value, 0.5 * (0.8 + -0.8), 1e-15);
}

}  // namespace
}  // namespace diplosim
