// The state's invariants hold after every step of random worlds in which every
// actor model acts, a ceasefire comes and goes and the conflict mechanism runs.
#include <gtest/gtest.h>

#include "actors/actor_model_registry.h"
#include "sim/events/ceasefire_event.h"
#include "sim/invariants.h"
#include "sim/simulation.h"
#include "tests/support/test_world.h"

namespace diplosim {
namespace {

class CheckingRecorder final : public Recorder {
 public:
  void OnState(int k, const State& state) override {
    const std::string broken = CheckInvariants(state);
    if (!broken.empty() && first_failure.empty()) first_failure = "step " + std::to_string(k) + ": " + broken;
    ++states;
  }
  void OnEvent(const EventRecord&) override {}
  void OnAction(const ActionRecord&) override { ++actions; }
  std::string first_failure;
  int states = 0;
  int actions = 0;
};

TEST(Invariants, HoldOverRandomWorldsWithEveryModelActing) {
  const std::vector<std::string> models = BuiltinActorModels().Names();
  Rng rng(StreamKey{77});
  int total_actions = 0;
  for (int c = 0; c < 40; ++c) {
    const int n = 3 + c % 9, d = 1 + c % 4;
    auto w = testing::MakeWorld(n, d, 60);
    w->params.influence.noise = 0.02;
    w->params.conflict.violation_rate = 0.2 * rng.Uniform();
    w->params.decision_interval = 1 + c % 5;
    for (int i = 0; i < n; ++i) {
      ActorSpec& a = w->actors[i];
      a.capability = Eigen::Vector3d(rng.Uniform(), rng.Uniform(), rng.Uniform());
      a.susceptibility = rng.Uniform();
      Eigen::VectorXd s(d);
      for (int k = 0; k < d; ++k) {
        a.position(k) = rng.Uniform();
        s(k) = rng.Uniform() + 0.01;
      }
      a.salience = s / s.sum();
      if (rng.Uniform() < 0.2) a.flags["designated"] = true;
      for (int j = 0; j < n; ++j) {
        if (i == j) continue;
        w->initial.affinity(i, j) = 2 * rng.Uniform() - 1;
        w->initial.dependency(i, j) = rng.Uniform() < 0.3 ? rng.Uniform() : 0.0;
        if (j < i && rng.Uniform() < 0.4) w->initial.hostility(i, j) = w->initial.hostility(j, i) = rng.Uniform();
      }
    }
    w->initial.support.setZero(n, n);
    CeasefireSpec cf;
    cf.name = "cf";
    cf.date = w->calendar.start + 10;
    for (int i = 0; i < n; ++i)
      if (!w->actors[i].Flag("designated")) cf.parties.push_back(i);
    cf.collapse_after = 5;
    w->ceasefires.push_back(cf);
    w->events.push_back(std::make_unique<CeasefireEvent>(Event::Header{"ceasefire", "cf", cf.date, 0, 1}, 0, ""));
    w->decision_models.assign(n, nullptr);
    for (int i = 0; i < n; ++i)
      w->decision_models[i] = BuiltinActorModels().Find(models[(c + i) % models.size()])->make({{"temperature", 0.2}});
    Freeze(*w);
    CheckingRecorder rec;
    SimulateReplicate(*w, ReplicateId{3, 0, c}, rec);
    EXPECT_EQ(rec.first_failure, "") << "world " << c;
    EXPECT_EQ(rec.states, 61);
    total_actions += rec.actions;
  }
  EXPECT_GT(total_actions, 500);  // the models really acted
}

TEST(Invariants, CheckInvariantsNamesTheViolation) {
  auto w = testing::MakeWorld(3, 2);
  Freeze(*w);
  State s = w->initial;
  EXPECT_EQ(CheckInvariants(s), "");
  s.hostility(0, 1) = 0.5;
  EXPECT_EQ(CheckInvariants(s), "hostility is not symmetric at (1, 0)");
  s.hostility(1, 0) = 0.5;
  s.position(2, 1) = 1.5;
  EXPECT_EQ(CheckInvariants(s), "position(2, 1) = 1.500000 outside [0.000000, 1.000000]");
  s.position(2, 1) = NAN;
  EXPECT_NE(CheckInvariants(s).find("position(2, 1) = nan"), std::string::npos);
}

}  // namespace
}  // namespace diplosim
