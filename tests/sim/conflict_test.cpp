#include "sim/conflict.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/events/ceasefire_event.h"
#include "sim/world.h"
#include "tests/support/test_world.h"

namespace diplosim {
namespace {

// Three actors: 0 and 1 fight and are covered by a ceasefire; 2 is designated
// and fights both; listing it as a party must not cover it.
std::unique_ptr<World> War(double rate) {
  auto w = testing::MakeWorld(3, 1, 60);
  w->actors[2].flags["designated"] = true;
  w->initial.hostility << 0, 0.8, 0.6, 0.8, 0, 0.4, 0.6, 0.4, 0;
  w->params.conflict.violation_rate = rate;
  w->params.conflict.attrition = 0.0;
  w->params.conflict.relaxation = 0.2;
  w->params.conflict.ceasefire_residual = 0.25;
  CeasefireSpec cf;
  cf.name = "truce";
  cf.date = w->calendar.start;
  cf.parties = {0, 1, 2};
  w->ceasefires.push_back(cf);
  Freeze(*w);
  return w;
}

struct Runner {
  explicit Runner(const World& w) : world(w), state(w.initial) {}
  void Start(int c = 0) {
    StepContext ctx = Context();
    CeasefireEvent(Event::Header{"ceasefire", world.ceasefires[c].name, world.calendar.start, 0, 1}, c, "").Apply(ctx);
  }
  void Step() {
    StepContext ctx = Context();
    ConflictMechanism().Step(ctx);
    ++step;
  }
  StepContext Context() { return StepContext{world, state, recorder, StreamKey{5, 0, 0}, 0, step, world.calendar.DateOf(step)}; }
  const World& world;
  State state;
  testing::NullRecorder recorder;
  int step = 0;
};

// Without violations, H_ij(t) = T_ij + (H_ij(0) − T_ij)(1 − κ)^t with T = ρ_c H0 when
// covered and T = H0 otherwise.
TEST(Conflict, HostilityRelaxesToTargetsInClosedForm) {
  auto w = War(0.0);
  Runner r(*w);
  r.state.hostility(0, 1) = r.state.hostility(1, 0) = 1.0;  // a flare-up above H0 = 0.8
  r.Start();
  EXPECT_EQ(r.state.coverage(0, 1), 1.0);
  EXPECT_EQ(r.state.coverage(0, 2), 0.0);  // designated: never covered
  for (int t = 1; t <= 30; ++t) {
    r.Step();
    const double covered = 0.25 * 0.8 + (1.0 - 0.25 * 0.8) * std::pow(0.8, t);
    EXPECT_NEAR(r.state.hostility(0, 1), covered, 1e-12) << t;
    EXPECT_NEAR(r.state.hostility(1, 0), covered, 1e-12);
    EXPECT_NEAR(r.state.hostility(0, 2), 0.6, 1e-12);  // uncovered: stays at H0
  }
}

TEST(Conflict, ViolationsCostTrustAndCollapseTheCeasefire) {
  auto w = War(5.0);  // very frequent violations
  const_cast<World&>(*w).ceasefires[0].collapse_after = 10;
  Runner r(*w);
  r.Start();
  const double trust_before = r.state.affinity(0, 1);
  int steps = 0;
  while (r.state.ceasefires[0].status == State::CeasefireStatus::kInForce && steps < 50) {
    r.Step();
    ++steps;
  }
  EXPECT_EQ(r.state.ceasefires[0].status, State::CeasefireStatus::kCollapsed);
  EXPECT_GE(r.state.ceasefires[0].violations, 10);
  EXPECT_LT(r.state.affinity(0, 1), trust_before);
  bool logged = false;
  for (const auto& e : r.recorder.events) logged |= e.type == "ceasefire" && e.outcome == "collapse";
  EXPECT_TRUE(logged);
  // Once collapsed the dyad relaxes back toward its war-time level.
  for (int k = 0; k < 60; ++k) r.Step();
  EXPECT_NEAR(r.state.hostility(0, 1), r.state.hostility_base(0, 1), 1e-3);
}

// One step of Lanchester attrition with allied support, by hand:
// E_j = m_j (1 + σ_j), loss_i = a Σ_j H_ij E_j / (1 + σ_i), then recovery.
TEST(Conflict, AttritionWithAlliedSupport) {
  auto w = testing::MakeWorld(3, 1, 10);
  w->actors[0].capability = Eigen::Vector3d(0.6, 0, 0);
  w->actors[1].capability = Eigen::Vector3d(0.4, 0, 0);
  w->actors[2].capability = Eigen::Vector3d(0.5, 0, 0);
  w->initial.hostility(0, 1) = w->initial.hostility(1, 0) = 0.5;
  w->initial.support.setZero(3, 3);
  w->initial.support(2, 0) = 0.8;  // actor 2 gives actor 0 air cover
  w->params.conflict.attrition = 0.1;
  w->params.conflict.recovery = 0.0;
  w->params.conflict.support_relaxation = 0.0;
  Freeze(*w);
  Runner r(*w);
  r.Step();
  const double E0 = 0.6 * 1.8, E1 = 0.4 * 1.0;
  EXPECT_NEAR(r.state.capability_components(0, 0), 0.6 - 0.1 * 0.5 * E1 / 1.8, 1e-12);
  EXPECT_NEAR(r.state.capability_components(1, 0), 0.4 - 0.1 * 0.5 * E0 / 1.0, 1e-12);
  EXPECT_NEAR(r.state.capability_components(2, 0), 0.5, 1e-12);  // not fighting
}

TEST(Conflict, SupportActivityAndDeferenceRelax) {
  auto w = testing::MakeWorld(2, 1, 10);
  w->params.conflict.support_relaxation = 0.5;
  w->params.conflict.activity_decay = 0.25;
  w->params.conflict.deference_decay = 0.1;
  Freeze(*w);
  Runner r(*w);
  r.state.support(0, 1) = 1.0;  // baseline 0
  r.state.activity(1) = 2.0;
  r.state.deference(1, 0) = 1.0;
  r.Step();
  EXPECT_NEAR(r.state.support(0, 1), 0.5, 1e-15);
  EXPECT_NEAR(r.state.activity(1), 1.5, 1e-15);
  EXPECT_NEAR(r.state.deference(1, 0), 0.9, 1e-15);
}

TEST(ConflictParams, IsValidNamesTheViolatedConstraint) {
  ConflictParams p;
  std::string why;
  EXPECT_TRUE(p.IsValid(&why));
  p.collapse_after = 0;
  EXPECT_FALSE(p.IsValid(&why));
  EXPECT_EQ(why, "collapse_after = 0; must be >= 1");
}

}  // namespace
}  // namespace diplosim

namespace diplosim {
namespace {

TEST(CeasefireEvent, ComesIntoForceOnceAndTurnsPartiesOnTheExcluded) {
  auto w = testing::MakeWorld(3, 1, 20);
  w->initial.hostility(0, 2) = w->initial.hostility(2, 0) = 0.5;
  CeasefireSpec cf;
  cf.name = "truce";
  cf.parties = {0, 1};
  cf.excluded = {2};
  cf.excluded_hostility = 0.1;
  w->ceasefires.push_back(cf);
  Freeze(*w);
  State s = w->initial;
  testing::NullRecorder rec;
  StepContext ctx{*w, s, rec, StreamKey{}, 0, 0, w->calendar.start};
  CeasefireEvent e(Event::Header{"ceasefire", "truce", w->calendar.start, 0, 1}, 0, "a0,a1");
  e.Apply(ctx);
  EXPECT_EQ(s.ceasefires[0].status, State::CeasefireStatus::kInForce);
  EXPECT_NEAR(s.hostility_base(0, 2), 0.6, 1e-15);
  EXPECT_NEAR(s.hostility_base(1, 2), 0.1, 1e-15);
  EXPECT_EQ(s.coverage(0, 1), 1.0);
  e.Apply(ctx);  // a second application changes nothing
  EXPECT_NEAR(s.hostility_base(0, 2), 0.6, 1e-15);
}

// Declared again after it collapsed (a repeating trigger's ceasefire), a ceasefire
// comes back into force in its declared scope with no violations counted; it
// used to stay collapsed while its row said "in force". The exclusions' hostility
// is added once.
TEST(CeasefireEvent, DeclaredAgainAfterACollapseItIsRenewed) {
  auto w = War(5.0);
  const_cast<World&>(*w).ceasefires[0].collapse_after = 3;
  const_cast<World&>(*w).ceasefires[0].excluded = {};
  Runner r(*w);
  r.Start();
  for (int k = 0; k < 50 && r.state.ceasefires[0].status == State::CeasefireStatus::kInForce; ++k) r.Step();
  ASSERT_EQ(r.state.ceasefires[0].status, State::CeasefireStatus::kCollapsed);
  r.state.ceasefires[0].covered[1] = 0;  // narrowed during the run (narrow_scope)
  r.Start();
  EXPECT_EQ(r.state.ceasefires[0].status, State::CeasefireStatus::kInForce);
  EXPECT_EQ(r.state.ceasefires[0].violations, 0);
  EXPECT_EQ(r.state.ceasefires[0].covered, w->initial.ceasefires[0].covered);
  EXPECT_EQ(r.state.coverage(0, 1), 1.0);
  r.Start();
  std::vector<std::string> outcomes;
  for (const auto& e : r.recorder.events)
    if (e.type == "ceasefire") outcomes.push_back(e.outcome);
  EXPECT_EQ(outcomes, (std::vector<std::string>{"in force", "collapse", "renewed", "already in force"}));
}

}  // namespace
}  // namespace diplosim
