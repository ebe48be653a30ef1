#include <gtest/gtest.h>

#include <limits>

#include "sim/bargaining/median_protocol.h"
#include "sim/events/agreement_event.h"
#include "sim/events/declaration_event.h"
#include "sim/events/deployment_event.h"
#include "sim/events/negotiation_event.h"
#include "sim/events/shock_event.h"
#include "sim/events/statement_event.h"
#include "sim/events/trigger_event.h"
#include "sim/events/veto_event.h"
#include "sim/forecast.h"
#include "sim/world.h"
#include "tests/support/test_world.h"

namespace diplosim {
namespace {

Event::Header H(const char* type, int seq = 1) { return Event::Header{type, type, Date::Parse("2020-01-05").value(), 0, seq}; }

struct Fixture {
  explicit Fixture(int n = 4, int d = 2) : world(testing::MakeWorld(n, d)) {}
  void Freeze() {
    diplosim::Freeze(*world);
    state = world->initial;
  }
  StepContext Ctx(int step = 4) { return StepContext{*world, state, rec, StreamKey{9, 0, 0}, 0, step, world->calendar.DateOf(step)}; }
  std::unique_ptr<World> world;
  State state;
  testing::NullRecorder rec;
};

TEST(DeclarationEvent, CommitsSignatoriesAndRaisesTheirAffinity) {
  Fixture f;
  f.Freeze();
  StepContext ctx = f.Ctx();
  DeclarationEvent({H("declaration")}, {0, 1}, {{1, 0.9}}, 0.5, 0.1, "a0,a1").Apply(ctx);
  EXPECT_NEAR(f.state.anchor(0, 1), 0.5 + 0.5 * 0.4, 1e-15);
  EXPECT_NEAR(f.state.anchor(1, 1), 0.7, 1e-15);
  EXPECT_NEAR(f.state.anchor(2, 1), 0.5, 1e-15);  // not a signatory
  EXPECT_NEAR(f.state.affinity(0, 1), 0.1, 1e-15);
  EXPECT_NEAR(f.state.affinity(1, 0), 0.1, 1e-15);
  EXPECT_EQ(f.state.affinity(0, 2), 0.0);
}

TEST(WarningEvent, TargetsDeferAndResent) {
  Fixture f;
  f.Freeze();
  StatementEvent::Spec spec;
  spec.speaker = 0;
  spec.targets = {1};
  spec.deference = 0.3;
  spec.resentment = 0.05;
  StepContext ctx = f.Ctx();
  StatementEvent(H("warning"), spec, "a0,a1").Apply(ctx);
  EXPECT_NEAR(f.state.deference(1, 0), 0.3, 1e-15);
  EXPECT_NEAR(f.state.affinity(1, 0), -0.05, 1e-15);
  // The deference enters the influence weights: r_10 = ĉ_0 α_G G_10.
  RebuildInfluence(*f.world, f.state);
  EXPECT_GT(f.state.influence(1, 0), 0.0);
}

TEST(AgreementEvent, DealsAddDependencyAffinityAndEconomicCapabilityPerDeal) {
  Fixture f;
  f.Freeze();
  AgreementEvent::Spec spec;
  spec.parties = {0, 1};
  spec.provider = 1;
  spec.count = 5;
  spec.dependency = 0.02;
  spec.affinity = 0.01;
  spec.economic = 0.005;
  StepContext ctx = f.Ctx();
  AgreementEvent(H("deal"), spec, "a0,a1").Apply(ctx);
  EXPECT_NEAR(f.state.dependency(0, 1), 0.1, 1e-15);
  EXPECT_EQ(f.state.dependency(1, 0), 0.0);  // the provider does not become dependent
  EXPECT_NEAR(f.state.affinity(0, 1), 0.05, 1e-15);
  EXPECT_NEAR(f.state.affinity(1, 0), 0.05, 1e-15);
  EXPECT_NEAR(f.state.capability_components(0, 1), 1.025, 1e-15);
  EXPECT_EQ(f.rec.events.at(0).value, 5.0);
}

TEST(AgreementEvent, AgreementCommitsAndCutsHostilityTargets) {
  Fixture f;
  f.world->initial.hostility(0, 1) = f.world->initial.hostility(1, 0) = 0.5;
  f.Freeze();
  AgreementEvent::Spec spec;
  spec.parties = {0, 1};
  spec.stance = {{0, 1.0}};
  spec.commitment = 0.5;
  spec.hostility_cut = 0.4;
  StepContext ctx = f.Ctx();
  AgreementEvent(H("agreement"), spec, "a0,a1").Apply(ctx);
  EXPECT_NEAR(f.state.anchor(0, 0), 0.75, 1e-15);
  EXPECT_NEAR(f.state.hostility_base(0, 1), 0.3, 1e-15);
  EXPECT_NEAR(f.state.hostility_base(1, 0), 0.3, 1e-15);
}

TEST(VetoEvent, ProtectedWarmAndKeepStandingSponsorsCool) {
  Fixture f;
  f.Freeze();
  StepContext ctx = f.Ctx();
  VetoEvent(H("veto"), 0, {1}, {2}, 0.05, 0.02, "a0,a1").Apply(ctx);
  EXPECT_NEAR(f.state.affinity(1, 0), 0.05, 1e-15);
  EXPECT_NEAR(f.state.affinity(2, 0), -0.05, 1e-15);
  EXPECT_NEAR(f.state.capability_components(1, 2), 1.02, 1e-15);
}

TEST(DeploymentEvent, DeploysAndWithdrawsSupport) {
  Fixture f;
  f.Freeze();
  StepContext ctx = f.Ctx();
  DeploymentEvent(H("deployment"), 0, {1, 2}, {3}, 0.3, 0.1, false, "").Apply(ctx);
  EXPECT_NEAR(f.state.support(0, 1), 0.3, 1e-15);
  EXPECT_NEAR(f.state.support_base(0, 2), 0.3, 1e-15);
  EXPECT_NEAR(f.state.hostility(0, 3), 0.1, 1e-15);
  EXPECT_NEAR(f.state.hostility_base(3, 0), 0.1, 1e-15);
  DeploymentEvent(H("withdrawal"), 0, {1}, {}, 0.1, 0.0, true, "").Apply(ctx);
  EXPECT_NEAR(f.state.support(0, 1), 0.2, 1e-15);
  EXPECT_NEAR(f.state.support_base(0, 1), 0.2, 1e-15);
  DeploymentEvent(H("withdrawal"), 0, {2}, {}, -1.0, 0.0, true, "").Apply(ctx);  // all of it
  EXPECT_EQ(f.state.support(0, 2), 0.0);
  EXPECT_EQ(f.state.support_base(0, 2), 0.0);
}

TEST(TriggerEvent, FiresOnceWhenItsConditionHolds) {
  Fixture f;
  f.world->actors[0].position << 0.1, 0.5;
  f.world->actors[1].position << 0.2, 0.5;
  TriggerCondition c;
  c.kind = TriggerCondition::Kind::kDivergence;
  c.a = 0;
  c.b = 1;
  c.dims = Eigen::VectorXi::Constant(1, 0);
  c.above = 0.5;
  std::vector<std::unique_ptr<const Event>> then;
  then.push_back(std::make_unique<ShockEvent>(H("shock"), std::vector<ShockEvent::Change>{{{StateField::kAffinity, 0, 1}, 0.1, true}}, "a0,a1"));
  f.world->triggers.push_back(std::make_unique<TriggerEvent>(H("trigger"), 0, c, f.world->calendar.end, false, std::move(then)));
  f.Freeze();
  StepContext ctx = f.Ctx();
  f.world->triggers[0]->Check(ctx);
  EXPECT_EQ(f.state.affinity(0, 1), 0.0);  // divergence 0.1: not yet
  f.state.position(1, 0) = 0.9;            // divergence 0.8
  f.world->triggers[0]->Check(ctx);
  f.world->triggers[0]->Check(ctx);        // once only
  EXPECT_NEAR(f.state.affinity(0, 1), 0.1, 1e-15);
  EXPECT_EQ(f.state.triggers_fired[0], 1);
  ASSERT_EQ(f.rec.events.size(), 2u);
  EXPECT_EQ(f.rec.events[0].outcome, "fired");
  EXPECT_NEAR(f.rec.events[0].value, 0.8, 1e-12);
  // Before its date a trigger does not look.
  State fresh = f.world->initial;
  fresh.position(1, 0) = 0.9;
  StepContext early{*f.world, fresh, f.rec, StreamKey{}, 0, 0, f.world->calendar.start};
  f.world->triggers[0]->Check(early);
  EXPECT_EQ(fresh.triggers_fired[0], 0);
}

NegotiationEvent::Spec Talks(double slope, double bias, std::vector<int> veto = {}) {
  NegotiationEvent::Spec spec;
  spec.participants = {0, 1, 2};
  spec.veto = std::move(veto);
  spec.agenda = {0};
  spec.status_quo = Eigen::VectorXd::Constant(1, 0.0);
  spec.protocol = std::make_shared<MedianProtocol>();
  spec.params.acceptance_slope = slope;
  spec.params.mediator_weight = 0.0;
  spec.params.acceptance_bias = bias;
  spec.params.commitment = 0.5;
  spec.params.affinity_gain = 0.1;
  spec.params.hostility_cut = 0.5;
  return spec;
}

TEST(NegotiationEvent, AgreementCommitsSignatoriesAndLowersHostilityTargets) {
  Fixture f;
  f.world->actors[0].position << 0.4, 0.5;
  f.world->actors[1].position << 0.5, 0.5;
  f.world->actors[2].position << 0.6, 0.5;
  f.world->initial.hostility(0, 2) = f.world->initial.hostility(2, 0) = 0.6;
  f.Freeze();
  StepContext ctx = f.Ctx();
  // Everyone gains over the status quo 0 and the bias makes acceptance certain.
  NegotiationEvent(H("negotiation"), Talks(10.0, 50.0, {0})).Apply(ctx);
  ASSERT_EQ(f.rec.events.size(), 1u);
  EXPECT_EQ(f.rec.events[0].outcome, "agreement");
  EXPECT_EQ(f.rec.events[0].actors, "a0,a1,a2");
  EXPECT_EQ(f.rec.events[0].value, 1.0);
  EXPECT_NEAR(f.state.anchor(0, 0), 0.4 + 0.5 * (0.5 - 0.4), 1e-15);  // toward the median 0.5
  EXPECT_NEAR(f.state.affinity(0, 2), 0.1, 1e-15);
  EXPECT_NEAR(f.state.hostility_base(0, 2), 0.3, 1e-15);
}

TEST(NegotiationEvent, AStatusQuoLeftOutOnAnAgendaDimensionIsTheForecastThere) {
  Fixture f;
  f.world->actors[0].position << 0.1, 0.2;
  f.world->actors[1].position << 0.5, 0.9;
  f.world->actors[2].position << 0.7, 0.4;
  f.Freeze();
  Eigen::VectorXd forecast(2);
  ComputeForecast(f.state, forecast);
  // The outcome of talks on both dimensions with a status quo q, under acceptance that hinges on it.
  const auto signers = [&](Eigen::VectorXd q) {
    NegotiationEvent::Spec spec = Talks(40.0, 0.0);
    spec.agenda = {0, 1};
    spec.status_quo = std::move(q);
    State s = f.world->initial;
    testing::NullRecorder rec;
    std::vector<double> shares;
    for (int r = 0; r < 200; ++r) {
      s = f.world->initial;
      rec.events.clear();
      StepContext ctx{
          *f.world, s, rec, StreamKey{3, 0, static_cast<std::uint64_t>(r)}, r, 4, f.world->calendar.DateOf(4)};
      NegotiationEvent(H("negotiation"), spec).Apply(ctx);
      shares.push_back(rec.events.at(0).value);
    }
    return shares;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> partial = signers((Eigen::VectorXd(2) << 0.0, nan).finished());
  EXPECT_EQ(partial, signers((Eigen::VectorXd(2) << 0.0, forecast(1)).finished()));
  EXPECT_NE(partial, signers((Eigen::VectorXd(2) << 0.0, 1.0).finished()));  // the filled value matters
  EXPECT_EQ(signers((Eigen::VectorXd(2) << nan, nan).finished()), signers(Eigen::VectorXd()));
}

TEST(NegotiationEvent, VetoRejectionMeansFailureWithItsConsequences) {
  Fixture f;
  f.world->initial.hostility(0, 1) = f.world->initial.hostility(1, 0) = 0.5;
  f.Freeze();
  StepContext ctx = f.Ctx();
  NegotiationEvent(H("negotiation"), Talks(0.0, -50.0, {1})).Apply(ctx);  // nobody accepts
  EXPECT_EQ(f.rec.events.at(0).outcome, "failure");
  EXPECT_NEAR(f.state.affinity(0, 1), -0.03, 1e-15);
  EXPECT_NEAR(f.state.hostility_base(0, 1), 0.55, 1e-15);
}

TEST(NegotiationEvent, AcceptanceIsLogisticInTheUtilityGain) {
  // With slope 0 and bias 0, p = 1/2 for everyone: over many replicates about a
  // quarter of the pairwise outcomes have both non-veto participants signing.
  Fixture f;
  f.Freeze();
  int agreements = 0;
  const int trials = 4000;
  for (int r = 0; r < trials; ++r) {
    State s = f.world->initial;
    testing::NullRecorder rec;
    StepContext ctx{*f.world, s, rec, StreamKey{1, 0, static_cast<std::uint64_t>(r)}, r, 4, f.world->calendar.DateOf(4)};
    NegotiationEvent(H("negotiation"), Talks(0.0, 0.0, {0})).Apply(ctx);
    agreements += rec.events[0].outcome == "agreement";
  }
  // Agreement: 0 (veto) signs and at least one of 1, 2 signs: 1/2 · 3/4 = 3/8.
  EXPECT_NEAR(agreements / double(trials), 0.375, 0.03);  // ±4 s.e.
}

}  // namespace
}  // namespace diplosim
