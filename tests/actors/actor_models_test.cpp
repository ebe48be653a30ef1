// Each actor model's menu (utilities against their documented formulas) and
// each action's effect, in small constructed worlds.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "actors/actor_model_registry.h"
#include "actors/menu_model.h"
#include "sim/conflict.h"
#include "sim/effects.h"
#include "sim/events/ceasefire_event.h"
#include "sim/world.h"
#include "tests/support/test_world.h"

namespace diplosim {
namespace {

std::shared_ptr<const DecisionModel> Make(const std::string& name, ParameterValues params = {}) {
  const ActorModelType* type = BuiltinActorModels().Find(name);
  EXPECT_NE(type, nullptr) << name;
  return type->make(params);
}

const MenuModel& Menu(const std::shared_ptr<const DecisionModel>& m) { return dynamic_cast<const MenuModel&>(*m); }

struct Sandbox {
  explicit Sandbox(int n, int d = 2) : world(testing::MakeWorld(n, d)) {}
  void Freeze() {
    diplosim::Freeze(*world);
    state = world->initial;
    UpdateCapability(*world, state);
    RebuildInfluence(*world, state);
  }
  void StartCeasefire(std::vector<int> parties, std::vector<int> guarantors = {}) {
    CeasefireSpec cf;
    cf.name = "cf";
    cf.parties = std::move(parties);
    cf.guarantors = std::move(guarantors);
    world->ceasefires.push_back(cf);
  }
  void ActivateCeasefires() {
    for (auto& cf : state.ceasefires) cf.status = State::CeasefireStatus::kInForce;
    UpdateCoverage(*world, state);
  }
  StepContext Ctx() { return StepContext{*world, state, rec, StreamKey{3, 0, 0}, 0, 7, world->calendar.DateOf(7)}; }
  // The option for (action, target), or fails the test.
  MenuModel::Option Find(const MenuModel& m, int self, const std::string& action, int target) {
    StepContext ctx = Ctx();
    for (const auto& o : m.Menu(self, ctx))
      if (m.ActionName(o.action) == action && o.target == target) return o;
    ADD_FAILURE() << "no option " << action << " → " << target;
    return {};
  }
  bool Has(const MenuModel& m, int self, const std::string& action, int target) {
    StepContext ctx = Ctx();
    for (const auto& o : m.Menu(self, ctx))
      if (m.ActionName(o.action) == action && o.target == target) return true;
    return false;
  }
  void Apply(const MenuModel& m, int self, const MenuModel::Option& o) {
    StepContext ctx = Ctx();
    m.ApplyOption(self, o, ctx);
  }
  std::unique_ptr<World> world;
  State state;
  testing::NullRecorder rec;
};

TEST(Registry, HasTheSevenModelsWithDocumentedParameters) {
  const std::vector<std::string> expected = {"armed_opposition", "guarantor",         "incumbent_regime", "patron_power",
                                             "proxy_militia",    "regional_sponsor", "spoiler"};
  EXPECT_EQ(BuiltinActorModels().Names(), expected);
  for (const auto& name : expected) {
    const ActorModelType* t = BuiltinActorModels().Find(name);
    EXPECT_FALSE(t->actions.empty());
    for (const auto& p : t->parameters) {
      EXPECT_FALSE(p.doc.empty()) << name << "." << p.name;
      EXPECT_GE(p.default_value, p.min) << name << "." << p.name;
      EXPECT_LE(p.default_value, p.max) << name << "." << p.name;
    }
  }
}

// Models look parameters up by a hash computed at compile time; it must equal the
// run-time hash of the declared name, and no two names of one model may share it
// (the model's constructor would refuse them).
static_assert(ParameterKey("deploy_gain").hash() == ParameterKey::Hash("deploy_gain"));
TEST(Registry, ParameterNamesHashApartAndOverridesReachTheModel) {
  for (const auto& name : BuiltinActorModels().Names()) {
    const ActorModelType* t = BuiltinActorModels().Find(name);
    std::map<std::uint64_t, std::string> seen;
    for (const auto& p : t->parameters) {
      auto [it, fresh] = seen.emplace(ParameterKey::Hash(p.name), p.name);
      EXPECT_TRUE(fresh) << name << ": " << p.name << " and " << it->second << " share a hash";
    }
  }
  // An override must reach the model: with the defaults some action beats
  // waiting in this world; with every cost at its maximum none does.
  Sandbox sb(4);
  sb.world->actors[0].capability = Eigen::Vector3d(1.0, 1.0, 1.0);
  sb.world->actors[2].capability = Eigen::Vector3d(0.5, 0.5, 0.5);
  sb.world->actors[2].position << 0.9, 0.1;
  sb.world->initial.dependency(1, 0) = 0.8;
  sb.world->initial.affinity(0, 1) = 0.6;
  sb.world->initial.affinity(0, 2) = 0.4;
  sb.world->initial.hostility(1, 3) = sb.world->initial.hostility(3, 1) = 0.6;
  sb.Freeze();
  auto best = [&](const ParameterValues& given) {
    double u = -1e300;
    auto model = Make("patron_power", given);
    for (const auto& o : Menu(model).Menu(0, sb.Ctx()))
      if (o.action != 0) u = std::max(u, o.utility);
    return u;
  };
  ParameterValues costly;
  for (const auto& p : BuiltinActorModels().Find("patron_power")->parameters)
    if (p.name.ends_with("_cost")) costly[p.name] = p.max;
  EXPECT_GT(best({}), 0.0);
  EXPECT_LT(best(costly), 0.0);
}

// Actors: 0 patron, 1 client (depends on 0), 2 partner of the patron with a
// diverging stance, 3 a faction fighting the client.
TEST(PatronPower, MenuUtilitiesFollowTheirFormulas) {
  Sandbox sb(4);
  auto& w = *sb.world;
  w.actors[0].capability = Eigen::Vector3d(1.0, 1.0, 1.0);
  w.actors[2].capability = Eigen::Vector3d(0.5, 0.5, 0.5);
  w.actors[0].position << 0.2, 0.8;
  w.actors[2].position << 0.9, 0.1;
  w.actors[3].position << 0.3, 0.8;
  w.initial.dependency(1, 0) = 0.8;
  w.initial.affinity(0, 1) = 0.6;
  w.initial.affinity(0, 2) = 0.4;
  w.initial.affinity(0, 3) = -0.5;
  w.initial.hostility(1, 3) = w.initial.hostility(3, 1) = 0.6;
  sb.Freeze();
  auto model = Make("patron_power");
  const MenuModel& m = Menu(model);
  const State& s = sb.state;
  // warn(2) = warn_gain · δ_02 · c_0/(c_0 + c_2) − warn_cost
  const double share = s.capability(0) / (s.capability(0) + s.capability(2));
  EXPECT_NEAR(sb.Find(m, 0, "warn", 2).utility, 1.0 * PerceivedDistance(s, 0, 2) * share - 0.1, 1e-12);
  // broker(3) = broker_gain · (mean hostility of 3 with clients) · (1 − δ_03) − broker_cost
  EXPECT_NEAR(sb.Find(m, 0, "broker", 3).utility, 0.6 * (1.0 - PerceivedDistance(s, 0, 3)) - 0.1, 1e-12);
  // air_support(1) = air_gain · A_01 · meanH(1) · (1 − Sup_01/cap) − air_cost
  EXPECT_NEAR(sb.Find(m, 0, "air_support", 1).utility, 0.6 * (0.6 / 3.0) - 0.1, 1e-12);
  EXPECT_FALSE(sb.Has(m, 0, "warn", 3));  // not a partner
}

TEST(PatronPower, ActionEffects) {
  Sandbox sb(4);
  auto& w = *sb.world;
  w.initial.dependency(1, 0) = 0.8;
  w.initial.hostility(1, 3) = w.initial.hostility(3, 1) = 0.6;
  sb.StartCeasefire({1, 2});
  sb.Freeze();
  sb.ActivateCeasefires();
  auto model = Make("patron_power");
  const MenuModel& m = Menu(model);
  sb.Apply(m, 0, {1, 2, 0});  // warn(2)
  EXPECT_NEAR(sb.state.deference(2, 0), 0.2, 1e-15);
  EXPECT_NEAR(sb.state.affinity(2, 0), -0.02, 1e-15);
  EXPECT_NEAR(sb.state.affinity(0, 2), -0.01, 1e-15);
  sb.Apply(m, 0, {2, 3, 0});  // broker(3): widens the ceasefire to 3
  EXPECT_EQ(sb.state.ceasefires[0].covered[3], 1);
  EXPECT_EQ(sb.state.coverage(1, 3), 1.0);
  EXPECT_NEAR(sb.state.affinity(3, 0), 0.05, 1e-15);
  EXPECT_NEAR(sb.state.hostility_base(3, 1), 0.54, 1e-15);
  sb.Apply(m, 0, {3, 1, 0});  // veto(1)
  EXPECT_NEAR(sb.state.affinity(1, 0), 0.03, 1e-15);
  EXPECT_NEAR(sb.state.capability_components(1, 2), 1.01, 1e-15);
  sb.Apply(m, 0, {4, 1, 0});  // air_support(1)
  EXPECT_NEAR(sb.state.support(0, 1), 0.1, 1e-15);
  EXPECT_EQ(sb.state.support_base(0, 1), 0.0);  // temporary: relaxes back
  sb.state.activity(1) = 1.0;
  sb.Apply(m, 0, {5, 1, 0});  // restrain(1)
  EXPECT_NEAR(sb.state.activity(1), 0.5, 1e-15);
  EXPECT_NEAR(sb.state.hostility_base(1, 3), 0.54 * 0.9, 1e-15);  // 3 is covered now
}

// Actors: 0 sponsor, 1 client, 2 proxy (both depend on 0), 3 covered faction fighting 1.
TEST(RegionalSponsor, MenuAndEffects) {
  Sandbox sb(4);
  auto& w = *sb.world;
  w.initial.dependency(1, 0) = 0.7;
  w.initial.dependency(2, 0) = 0.9;
  w.initial.affinity(0, 1) = 0.8;
  w.initial.affinity(0, 3) = -0.6;
  w.initial.hostility(1, 3) = w.initial.hostility(3, 1) = 0.6;
  sb.StartCeasefire({1, 3});
  sb.Freeze();
  sb.ActivateCeasefires();
  auto model = Make("regional_sponsor");
  const MenuModel& m = Menu(model);
  const State& s = sb.state;
  // deploy(1) = deploy_gain · A_01 · meanH(1) · (1 − Σ_p Sup_p1 / cap) − cost
  EXPECT_NEAR(sb.Find(m, 0, "deploy_militia", 1).utility, 0.8 * (0.6 / 3.0) - 0.1, 1e-12);
  // narrow_scope(3) = gain · mean H0(clients, 3) · (½ + activity_3) · (1 − A_03)/2 − cost
  const double fight = (0.6 + 0.0) / 2.0;  // clients 1 and 2
  EXPECT_NEAR(sb.Find(m, 0, "narrow_scope", 3).utility, fight * 0.5 * 0.5 * 1.6 - 0.3, 1e-12);
  EXPECT_GT(s.influence(1, 0), 0.0);
  sb.Apply(m, 0, {1, 1, 0});  // deploy(1): the proxy 2 supports 1 and entrenches
  EXPECT_NEAR(sb.state.support(2, 1), 0.1, 1e-15);
  EXPECT_NEAR(sb.state.dependency(1, 2), 0.02, 1e-15);
  sb.Apply(m, 0, {2, 1, 0});  // sign_deal(1)
  EXPECT_NEAR(sb.state.dependency(1, 0), 0.73, 1e-15);
  EXPECT_NEAR(sb.state.affinity(1, 0), 0.03, 1e-15);
  EXPECT_NEAR(sb.state.capability_components(1, 1), 1.005, 1e-15);
  EXPECT_NEAR(sb.state.capability_components(0, 1), 0.995, 1e-15);
  sb.Apply(m, 0, {3, 3, 0});  // narrow_scope(3)
  EXPECT_EQ(sb.state.ceasefires[0].covered[3], 0);
  EXPECT_EQ(sb.state.coverage(1, 3), 0.0);
  EXPECT_NEAR(sb.state.affinity(3, 0), -0.05, 1e-15);
}

// Actors: 0 regime, 1 and 2 patrons, 3 a covered enemy, 4 an uncovered enemy.
TEST(IncumbentRegime, MenuAndEffects) {
  Sandbox sb(5);
  auto& w = *sb.world;
  w.initial.dependency(0, 1) = 0.8;
  w.initial.dependency(0, 2) = 0.5;
  w.initial.affinity(1, 0) = 0.6;
  w.initial.affinity(2, 0) = 0.2;
  w.initial.hostility(0, 3) = w.initial.hostility(3, 0) = 0.6;
  w.initial.hostility(0, 4) = w.initial.hostility(4, 0) = 0.5;
  sb.StartCeasefire({0, 3});
  sb.Freeze();
  sb.ActivateCeasefires();
  auto model = Make("incumbent_regime");
  const MenuModel& m = Menu(model);
  const double pressure = 0.8 * 0.6 + 0.5 * 0.2;
  // offensive(3) = gain · adv · H − cost − penalty · C_03 · pressure, adv = 0 (equal strength)
  EXPECT_NEAR(sb.Find(m, 0, "offensive", 3).utility, -0.05 - pressure, 1e-12);
  EXPECT_NEAR(sb.Find(m, 0, "offensive", 4).utility, -0.05, 1e-12);
  EXPECT_NEAR(sb.Find(m, 0, "comply", -1).utility, 0.5 * pressure * 0.5, 1e-12);
  sb.Apply(m, 0, {1, 4, 0});  // offensive(4)
  EXPECT_EQ(sb.state.activity(0), 1.0);
  EXPECT_NEAR(sb.state.hostility(0, 4), 0.55, 1e-15);
  EXPECT_NEAR(sb.state.capability_components(4, 0), 1.0 - 0.01 * 1.0, 1e-15);
  sb.Apply(m, 0, {2, -1, 0});  // comply
  EXPECT_EQ(sb.state.activity(0), 0.5);
  EXPECT_NEAR(sb.state.hostility_base(0, 3), 0.6 * 0.95, 1e-15);
  sb.Apply(m, 0, {3, 1, 0});  // hedge(1)
  EXPECT_NEAR(sb.state.deference(0, 1), 0.1, 1e-15);
  sb.Apply(m, 0, {4, 2, 0});  // sign_deal(2)
  EXPECT_NEAR(sb.state.dependency(0, 2), 0.53, 1e-15);
}

// Actors: 0 faction, 1 covered enemy, 2 guarantor, 3 designated group.
TEST(ArmedOpposition, MenuAttendanceAndEffects) {
  Sandbox sb(4);
  auto& w = *sb.world;
  w.actors[3].flags["designated"] = true;
  w.actors[3].position << 0.9, 0.9;
  w.initial.hostility(0, 1) = w.initial.hostility(1, 0) = 0.6;
  w.initial.affinity(0, 2) = 0.5;
  w.initial.affinity(0, 3) = 0.2;
  sb.StartCeasefire({0, 1}, {2});
  sb.Freeze();
  sb.ActivateCeasefires();
  auto model = Make("armed_opposition");
  const MenuModel& m = Menu(model);
  // violate(1) = gain · H_01 · (1 − trust) − cost, trust = mean A toward guarantors = 0.5
  EXPECT_NEAR(sb.Find(m, 0, "violate", 1).utility, 0.6 * 0.5 - 0.2, 1e-12);
  EXPECT_NEAR(sb.Find(m, 0, "comply", -1).utility, 0.3 * 1.0 * 1.5, 1e-12);
  // Covered, not fought outside a ceasefire: no grievance, drift only costs.
  EXPECT_NEAR(sb.Find(m, 0, "drift", 3).utility, -0.25, 1e-12);
  // Attendance: p = logistic(bias + slope (Ā_med − δ̄_med)).
  std::vector<char> mediators = {0, 0, 1, 0};
  StepContext ctx = sb.Ctx();
  const double z = 3.0 * (0.5 - PerceivedDistance(sb.state, 0, 2));
  EXPECT_NEAR(model->AttendProbability(0, ctx, mediators.data()), 1.0 / (1.0 + std::exp(-z)), 1e-12);
  auto boycotter = Make("armed_opposition", {{"attend_bias", -20.0}});
  EXPECT_LT(boycotter->AttendProbability(0, ctx, mediators.data()), 1e-6);
  sb.Apply(m, 0, {1, 1, 0});  // violate
  EXPECT_EQ(sb.state.activity(0), 1.0);
  EXPECT_NEAR(sb.state.hostility(0, 1), 0.65, 1e-15);
  sb.Apply(m, 0, {3, 3, 0});  // drift(3)
  EXPECT_NEAR(sb.state.affinity(0, 3), 0.25, 1e-15);
  EXPECT_NEAR(sb.state.anchor(0, 0), 0.5 + 0.05 * 0.4, 1e-15);
  EXPECT_NEAR(sb.state.dependency(0, 3), 0.02, 1e-15);
}

// Actors: 0 militia, 1 sponsor, 2 host (a client of the sponsor), 3 enemy.
TEST(ProxyMilitia, MenuAndEffects) {
  Sandbox sb(4);
  auto& w = *sb.world;
  w.actors[1].position << 0.9, 0.9;
  w.initial.dependency(0, 1) = 0.9;
  w.initial.dependency(2, 1) = 0.7;
  w.initial.affinity(0, 2) = 0.6;
  w.initial.hostility(0, 3) = w.initial.hostility(3, 0) = 0.5;
  sb.Freeze();
  auto model = Make("proxy_militia");
  const MenuModel& m = Menu(model);
  const State& s = sb.state;
  EXPECT_NEAR(sb.Find(m, 0, "follow", 1).utility, 0.9 * PerceivedDistance(s, 0, 1) - 0.05, 1e-12);
  EXPECT_NEAR(sb.Find(m, 0, "entrench", 2).utility, 0.9 * 0.6 * 1.0 - 0.1, 1e-12);
  EXPECT_NEAR(sb.Find(m, 0, "fight", 3).utility, 0.5 - 0.1, 1e-12);
  sb.Apply(m, 0, {1, 1, 0});  // follow
  EXPECT_NEAR(sb.state.anchor(0, 0), 0.5 + 0.1 * 0.4, 1e-15);
  EXPECT_NEAR(sb.state.deference(0, 1), 0.1, 1e-15);
  sb.Apply(m, 0, {2, 2, 0});  // entrench(2)
  EXPECT_NEAR(sb.state.dependency(2, 0), 0.02, 1e-15);
  sb.Apply(m, 0, {3, 3, 0});  // fight(3)
  EXPECT_NEAR(sb.state.hostility(3, 0), 0.55, 1e-15);
}

// Actors: 0 guarantor, 1 client, 2 co-guarantor, 3 enemy of the client.
TEST(Guarantor, MenuAndEffects) {
  Sandbox sb(4);
  auto& w = *sb.world;
  w.initial.dependency(1, 0) = 0.6;
  w.initial.affinity(0, 1) = 0.5;
  w.initial.hostility(1, 3) = w.initial.hostility(3, 1) = 0.6;
  sb.StartCeasefire({1, 3}, {0, 2});
  sb.Freeze();
  sb.ActivateCeasefires();
  auto model = Make("guarantor");
  const MenuModel& m = Menu(model);
  EXPECT_NEAR(sb.Find(m, 0, "cosponsor", -1).utility, 0.5 * 1.0 - 0.1, 1e-12);
  EXPECT_NEAR(sb.Find(m, 0, "arm", 1).utility, (0.6 / 3.0) * 0.5 * 1.0 - 0.2, 1e-12);
  sb.Apply(m, 0, {1, -1, 0});  // cosponsor: the client warms to the co-guarantor
  EXPECT_NEAR(sb.state.affinity(1, 2), 0.03, 1e-15);
  sb.state.activity(1) = 2.0;
  sb.Apply(m, 0, {2, 1, 0});  // restrain(1)
  EXPECT_EQ(sb.state.activity(1), 1.0);
  EXPECT_NEAR(sb.state.hostility_base(1, 3), 0.54, 1e-15);
  sb.Apply(m, 0, {3, 1, 0});  // arm(1)
  EXPECT_NEAR(sb.state.support(0, 1), 0.05, 1e-15);
}

// Actors: 0 spoiler (designated), 1 covered target, 2 excluded faction.
TEST(Spoiler, MenuAndEffects) {
  Sandbox sb(3);
  auto& w = *sb.world;
  w.actors[0].flags["designated"] = true;
  w.initial.hostility(0, 1) = w.initial.hostility(1, 0) = 0.5;
  w.initial.affinity(2, 0) = 0.2;
  sb.StartCeasefire({1});
  sb.Freeze();
  sb.ActivateCeasefires();
  auto model = Make("spoiler");
  const MenuModel& m = Menu(model);
  // attack(1) = gain · H · E_0/(E_0 + E_1) + wreck (1 is covered) − cost
  EXPECT_NEAR(sb.Find(m, 0, "attack", 1).utility, 0.5 * 0.5 + 0.3 - 0.05, 1e-12);
  EXPECT_NEAR(sb.Find(m, 0, "recruit", 2).utility, 1.0 * 0.5 * 1.2 - 0.1, 1e-12);
  EXPECT_NEAR(sb.Find(m, 0, "recruit", 1).utility, -0.1, 1e-12);  // covered: no exclusion to exploit
  sb.Apply(m, 0, {1, 1, 0});  // attack(1)
  EXPECT_EQ(sb.state.activity(0), 1.0);
  EXPECT_NEAR(sb.state.capability_components(1, 0), 1.0 - 0.01, 1e-15);
  sb.Apply(m, 0, {2, 2, 0});  // recruit(2)
  EXPECT_NEAR(sb.state.affinity(2, 0), 0.25, 1e-15);
  EXPECT_NEAR(sb.state.capability_components(2, 0), 0.98, 1e-15);
  EXPECT_NEAR(sb.state.capability_components(0, 0), 1.02, 1e-15);
}

// Softmax choice: deterministic per stream; temperature 0 takes the best option;
// frequencies follow exp(u/T).
TEST(MenuModel, SoftmaxChoiceIsDeterministicAndFollowsUtilities) {
  Sandbox sb(3);
  auto& w = *sb.world;
  w.initial.hostility(0, 1) = w.initial.hostility(1, 0) = 0.5;
  sb.Freeze();
  auto greedy = Make("proxy_militia", {{"temperature", 0.0}});
  StepContext ctx = sb.Ctx();
  greedy->Decide(0, ctx);
  ASSERT_EQ(sb.rec.actions.size(), 1u);
  EXPECT_EQ(sb.rec.actions[0].action, "fight");  // u = 0.4 beats wait (0)
  // With T = 0.2 the menu is {wait: 0, fight: 0.4}: P(fight) = 1/(1 + e^{−2}).
  auto soft = Make("proxy_militia", {{"temperature", 0.2}});
  int fights = 0;
  const int trials = 4000;
  for (int r = 0; r < trials; ++r) {
    State s = sb.world->initial;
    UpdateCapability(*sb.world, s);
    testing::NullRecorder rec;
    StepContext c{*sb.world, s, rec, StreamKey{11, 0, static_cast<std::uint64_t>(r)}, r, 7, sb.world->calendar.DateOf(7)};
    soft->Decide(0, c);
    fights += !rec.actions.empty();
  }
  EXPECT_NEAR(fights / double(trials), 1.0 / (1.0 + std::exp(-2.0)), 0.025);  // ±4 s.e.
}

}  // namespace
}  // namespace diplosim
