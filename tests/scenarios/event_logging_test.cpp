// A recorder that declines event and action rows gets none, and the run is the
// same bits as one that keeps them: declining only skips building the rows.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "scenarios/scenario.h"
#include "sim/outcome.h"
#include "sim/simulation.h"
#include "sim/state.h"
#include "sim/world.h"

namespace diplosim {
namespace {

class KeepingRecorder : public Recorder {
 public:
  void OnState(int, const State& s) override {
    positions.push_back(s.position);
    affinities.push_back(s.affinity);
    hostilities.push_back(s.hostility);
    capabilities.push_back(s.capability);
  }
  void OnEvent(const EventRecord& e) override { events.push_back(e); }
  void OnAction(const ActionRecord& a) override { actions.push_back(a); }
  std::vector<Eigen::MatrixXd> positions, affinities, hostilities;
  std::vector<Eigen::VectorXd> capabilities;
  std::vector<EventRecord> events;
  std::vector<ActionRecord> actions;
};

class DecliningRecorder final : public KeepingRecorder {
 public:
  bool WantsEvent(std::string_view) const override { return false; }
  bool WantsActions() const override { return false; }
};

const World& Flagship() {
  static const Scenario s = [] {
    LoadOptions o;
    o.profile_dirs = {DIPLOSIM_SOURCE_DIR "/actors/profiles"};
    return LoadScenario(DIPLOSIM_SOURCE_DIR "/scenarios/syria-2016-17.yaml", o);
  }();
  return *s.world;
}

TEST(EventLogging, DecliningRowsChangesNoBit) {
  const World& w = Flagship();
  for (int r = 0; r < 5; ++r) {
    KeepingRecorder keep;
    DecliningRecorder decline;
    SimulateReplicate(w, ReplicateId{20170206, 0, r}, keep);
    SimulateReplicate(w, ReplicateId{20170206, 0, r}, decline);
    // The flagship logs violations, negotiations and statements, and its actors act.
    EXPECT_GT(keep.events.size(), 10u);
    EXPECT_GT(keep.actions.size(), 10u);
    EXPECT_TRUE(decline.events.empty());
    EXPECT_TRUE(decline.actions.empty());
    ASSERT_EQ(keep.positions.size(), decline.positions.size());
    for (std::size_t k = 0; k < keep.positions.size(); ++k) {
      // Exact equality: == on Eigen matrices compares every coefficient.
      ASSERT_TRUE(keep.positions[k] == decline.positions[k]) << "replicate " << r << ", time " << k;
      ASSERT_TRUE(keep.affinities[k] == decline.affinities[k]) << "replicate " << r << ", time " << k;
      ASSERT_TRUE(keep.hostilities[k] == decline.hostilities[k]) << "replicate " << r << ", time " << k;
      ASSERT_TRUE(keep.capabilities[k] == decline.capabilities[k]) << "replicate " << r << ", time " << k;
    }
  }
}

TEST(EventLogging, OutcomeRecorderAsksOnlyForNegotiationsItScores) {
  const World& w = Flagship();
  OutcomeSpec forecast;
  forecast.name = "f";
  OutcomeSpec agreement;
  agreement.name = "a";
  agreement.kind = OutcomeSpec::Kind::kAgreement;
  agreement.negotiation = "astana-talks";
  const std::vector<OutcomeSpec> without = {forecast}, with = {forecast, agreement};
  const OutcomeRecorder plain(w, without, false), scoring(w, with, false);
  EXPECT_FALSE(plain.WantsEvent("negotiation"));
  EXPECT_TRUE(scoring.WantsEvent("negotiation"));
  EXPECT_FALSE(scoring.WantsEvent("violation"));
  EXPECT_FALSE(scoring.WantsActions());
}

// A negotiation a repeating trigger holds meets many times: an agreement at any
// meeting scores 1 (a later failed meeting used to reset it to 0).
TEST(EventLogging, AgreementOutcomeCountsAnAgreementAtAnyMeeting) {
  const World& w = Flagship();
  OutcomeSpec agreement;
  agreement.name = "a";
  agreement.kind = OutcomeSpec::Kind::kAgreement;
  agreement.negotiation = "talks";
  const std::vector<OutcomeSpec> specs = {agreement};
  OutcomeRecorder r(w, specs, false);
  auto meet = [&](const std::string& name, const std::string& outcome) {
    r.OnEvent(EventRecord{0, w.calendar.start, "negotiation", name, "", outcome, 0.0});
  };
  meet("talks", "failure");
  EXPECT_EQ(r.values()(0), 0.0);
  meet("talks", "agreement");
  meet("talks", "failure");
  meet("other", "failure");
  EXPECT_EQ(r.values()(0), 1.0);
  r.Reset();
  meet("talks", "boycott");
  EXPECT_EQ(r.values()(0), 0.0);
}

// With steps of several days an event still happens on its own date: its row
// says so, while what happens within a step (violations, actions) carries the
// step's first day.
TEST(EventLogging, ScheduledEventRowsCarryTheirOwnDateWhenStepsAreLonger) {
  LoadOptions o;
  o.profile_dirs = {DIPLOSIM_SOURCE_DIR "/actors/profiles"};
  o.overrides.push_back(ParseOverrideArgument("calendar.step=3"));
  const Scenario sc = LoadScenario(DIPLOSIM_SOURCE_DIR "/scenarios/syria-2016-17.yaml", o);
  const World& w = *sc.world;
  std::map<std::string, Date> scheduled;
  int off_grid = 0;
  for (const auto& e : w.events) {
    scheduled[e->header().name] = e->header().date;
    if ((e->header().date - w.calendar.start) % 3 != 0) ++off_grid;
  }
  ASSERT_GT(off_grid, 3);  // otherwise the test could not tell the two dates apart
  KeepingRecorder keep;
  SimulateReplicate(w, ReplicateId{20170206, 0, 0}, keep);
  int checked = 0;
  for (const EventRecord& e : keep.events) {
    auto it = scheduled.find(e.name);
    if (it != scheduled.end() && e.type != "violation" && e.outcome != "collapse") {
      EXPECT_EQ(e.date, it->second) << e.type << " " << e.name;
      ++checked;
    } else {
      EXPECT_EQ((e.date - w.calendar.start) % 3, 0) << e.type << " " << e.name << " " << e.date.ToString();
    }
  }
  EXPECT_GE(checked, off_grid);
}

// A trigger on a position is written in the dimension's natural units, and its
// "fired" row reports the position in those units too.
TEST(EventLogging, PositionTriggerReportsNaturalUnits) {
  const Scenario sc = LoadScenarioText(R"(
calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions:
  control: {low: west, high: east, range: [-10, 10]}
  aid: {low: none, high: much}
actors:  # salience below 1, or a would not move (susceptibility scales with 1 − salience)
  a: {capability: {military: 1}, position: {control: -8, aid: 0.5}, salience: {control: 0.5, aid: 0.5}}
  b: {capability: {military: 1}, position: {control: 8, aid: 0.5}}
relations:
  pairs: [{from: a, to: b, dependency: 0.5}]
events:
  - type: trigger
    date: 2020-01-02
    when: {value: position.a.control, above: -7}
    then: [{type: statement, actor: b, stance: {control: 8}}]
)",
                                       "natural.yaml", LoadOptions{});
  KeepingRecorder keep;
  SimulateReplicate(*sc.world, ReplicateId{1, 0, 0}, keep);
  int fired = 0;
  for (const EventRecord& e : keep.events) {
    if (e.type != "trigger") continue;
    ++fired;
    // Fired after the step in which a first moved above −7 (natural), so the
    // value is that position, above the threshold and below b's +8.
    EXPECT_GT(e.value, -7.0);
    EXPECT_LT(e.value, 8.0);
    const int k = sc.world->calendar.StepOf(e.date);
    EXPECT_DOUBLE_EQ(sc.world->dimensions[0].ToNatural(keep.positions[k](0, 0)), e.value);
  }
  EXPECT_EQ(fired, 1);
}

}  // namespace
}  // namespace diplosim
