#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "scenarios/config_merge.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/scenario.h"
#include "scenarios/scenario_error.h"
#include "scenarios/yaml_io.h"
#include "sim/bargaining/eum_protocol.h"
#include "sim/events/negotiation_event.h"
#include "sim/events/trigger_event.h"
#include "sim/simulation.h"
#include "sim/trajectory.h"

namespace diplosim {
namespace {

namespace fs = std::filesystem;
const fs::path kGood = fs::path(DIPLOSIM_SOURCE_DIR) / "tests/scenarios/good";

LoadOptions Options() {
  LoadOptions o;
  o.profile_dirs = {(kGood / "profiles").string()};
  return o;
}

std::string LoadError(const std::string& text, const LoadOptions& options = Options()) {
  try {
    LoadScenarioText(text, (kGood / "inline.yaml").string(), options);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

// Every kind of part at once, as a scenario written from the docs alone has them.
TEST(Loader, LoadsAndRunsAScenarioWithEveryKindOfPart) {
  const Scenario s = LoadScenario((kGood / "yemen-2018.yaml").string(), Options());
  const World& w = *s.world;
  ASSERT_EQ(w.NumActors(), 7);
  ASSERT_EQ(w.NumDimensions(), 3);
  EXPECT_EQ(w.calendar.NumSteps(), 81);  // 2018-06-01 to 2019-01-31 is 244 days, in steps of 3
  for (int i = 0; i < w.NumActors(); ++i) EXPECT_NE(w.decision_models[i], nullptr) << w.actors[i].id;
  ASSERT_EQ(w.populations.size(), 1u);
  EXPECT_EQ(w.populations[0].size, 2000);
  ASSERT_NE(w.populations[0].weights, nullptr);
  EXPECT_EQ(w.populations[0].weights->links, 2000 * 8);  // a small world: size × degree
  ASSERT_EQ(w.triggers.size(), 1u);
  EXPECT_EQ(w.triggers[0]->then().size(), 1u);
  const NegotiationEvent* talks = nullptr;
  for (const auto& e : w.events)
    if (const auto* n = dynamic_cast<const NegotiationEvent*>(e.get())) talks = n;
  ASSERT_NE(talks, nullptr);
  const auto* eum = dynamic_cast<const EumProtocol*>(talks->spec().protocol.get());
  ASSERT_NE(eum, nullptr);
  EXPECT_EQ(eum->options().rounds, 5);
  EXPECT_EQ(s.run.replicates, 20);

  Trajectory t(w, s.record);
  t.Reset(0);
  SimulateReplicate(w, ReplicateId{s.run.seed, 0, 0}, t);
  int negotiations = 0, rounds = 0;
  for (const EventRecord& e : t.events()) {
    negotiations += e.type == "negotiation" && e.name == "stockholm";
    rounds += e.type == "eum-mean";  // the trace: round 0 and five rounds per agenda dimension
  }
  EXPECT_EQ(negotiations, 1);
  EXPECT_EQ(rounds, 2 * 6);
}

TEST(Loader, LoadsMinimalScenarioWithProfileGroupsAndRelations) {
  const Scenario s = LoadScenario((kGood / "minimal.yaml").string(), Options());
  const World& w = *s.world;
  ASSERT_EQ(w.NumActors(), 3);
  ASSERT_EQ(w.NumDimensions(), 2);
  EXPECT_EQ(w.calendar.NumSteps(), 60);
  // From the profile, with the scenario's keys on top.
  EXPECT_EQ(w.actors[0].name, "Alpha (from profile)");
  EXPECT_EQ(w.actors[0].capability(kMilitary), 1.0);
  EXPECT_EQ(w.actors[0].susceptibility, 0.3);
  // Natural range [4, 10]: 5 → 1/6.
  EXPECT_NEAR(w.initial.position(0, 1), 1.0 / 6.0, 1e-15);
  EXPECT_NEAR(w.initial.salience(0, 0), 0.6, 1e-15);
  EXPECT_NEAR(w.initial.salience(1, 0), 0.5, 1e-15);  // default: uniform
  EXPECT_EQ(w.groups.at("bloc"), (std::vector<int>{0, 1}));
  EXPECT_EQ(w.initial.affinity(0, 1), 0.5);
  EXPECT_EQ(w.initial.affinity(1, 0), 0.5);
  EXPECT_EQ(w.initial.affinity(0, 2), 0.1);  // default
  EXPECT_EQ(w.initial.dependency(1, 2), 0.3);
  EXPECT_EQ(w.initial.dependency(2, 1), 0.0);  // from/to is one-way
  EXPECT_EQ(w.initial.hostility(2, 1), 0.4);   // hostility is always symmetric
  EXPECT_TRUE(w.actors[2].Flag("designated"));
  EXPECT_EQ(w.events.size(), 2u);
  EXPECT_EQ(s.run.replicates, 5);
  EXPECT_EQ(s.run.seed, 7u);
  EXPECT_EQ(s.main_sha256.size(), 64u);
  EXPECT_EQ(s.files.size(), 2u);  // the scenario and the profile
}

TEST(Loader, ExtendMergesAndOverridesByPath) {
  const Scenario s = LoadScenario((kGood / "variant.yaml").string(), Options());
  const World& w = *s.world;
  EXPECT_EQ(w.actors[0].capability(kMilitary), 2.5);  // override into a profile value
  EXPECT_NEAR(w.initial.position(1, 1), (6.0 - 4.0) / 6.0, 1e-15);
  EXPECT_EQ(w.params.influence.noise, 0.0);
  ASSERT_EQ(w.events.size(), 2u);  // gamma-hit disabled, beta-speaks added
  EXPECT_EQ(w.events[0]->header().name, "alpha-speaks");
  EXPECT_EQ(w.events[1]->header().name, "beta-speaks");
  EXPECT_NE(s.resolved_yaml.find("variant"), std::string::npos);
  EXPECT_EQ(s.files.size(), 3u);
}

TEST(Loader, CommandLineOverridesApplyLast) {
  LoadOptions o = Options();
  o.overrides.push_back(ParseOverrideArgument("actors.gamma.capability.diplomatic=3"));
  o.overrides.push_back(ParseOverrideArgument("calendar.end=2020-02-01"));
  const Scenario s = LoadScenario((kGood / "variant.yaml").string(), o);
  EXPECT_EQ(s.world->actors[2].capability(kDiplomatic), 3.0);
  EXPECT_EQ(s.world->calendar.NumSteps(), 31);
  EXPECT_THROW(ParseOverrideArgument("no-equals-sign"), ScenarioError);
}

// A section the scenario leaves to its defaults can still be overridden (and so
// swept) by path; misspelt keys in it are still errors, and a misspelt actor is
// still a did-you-mean rather than a new actor.
TEST(Loader, OverridesCreateSectionsLeftToTheirDefaults) {
  const std::string text = R"(
calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  alpha: {capability: {military: 1}, position: {d: 0.2}}
  beta: {capability: {military: 1}, position: {d: 0.8}}
mechanisms:
)";
  LoadOptions o = Options();
  o.overrides.push_back(ParseOverrideArgument("mechanisms.affinity.rate=0.07"));
  o.overrides.push_back(ParseOverrideArgument("mechanisms.conflict.attrition=0.01"));
  o.overrides.push_back(ParseOverrideArgument("actors.beta.flags.designated=true"));
  const Scenario s = LoadScenarioText(text, (kGood / "inline.yaml").string(), o);
  EXPECT_EQ(s.world->params.affinity.rate, 0.07);
  EXPECT_EQ(s.world->params.conflict.attrition, 0.01);
  EXPECT_EQ(s.world->params.conflict.recovery, ConflictParams{}.recovery);  // the rest keep their defaults
  EXPECT_TRUE(s.world->actors[1].flags.at("designated"));

  auto error_with = [&](const char* set) {
    LoadOptions bad = Options();
    bad.overrides.push_back(ParseOverrideArgument(set));
    return LoadError(text, bad);
  };
  EXPECT_NE(error_with("mechanisms.afinity.rate=0.1").find("unknown key 'afinity' in mechanisms"), std::string::npos);
  EXPECT_NE(error_with("mechanisms.afinity.rate=0.1").find("did you mean 'affinity'?"), std::string::npos);
  EXPECT_NE(error_with("actors.bet.capability.military=1").find("'actors' has no key 'bet'"), std::string::npos);
  EXPECT_NE(error_with("actors.bet.capability.military=1").find("did you mean 'beta'?"), std::string::npos);
  EXPECT_NE(error_with("calendar.start.year=2020").find("leads into nothing: 'calendar.start' is"), std::string::npos);
  // A list item by an index past its end names the indices there are.
  const std::string text_with_events =
      text + "events:\n  - {type: statement, name: s, date: 2020-01-05, actor: alpha, stance: {d: 0.5}}\n";
  LoadOptions past_end = Options();
  past_end.overrides.push_back(ParseOverrideArgument("events.3.commitment=0.5"));
  EXPECT_NE(LoadError(text_with_events, past_end)
                .find("has no item named '3'; expected an item name or an index from 0 to 0"),
            std::string::npos);
}

// A variant that shortens its base's calendar: the base's later events are
// errors located in the base, and the message says where the end was set and
// how to drop such an event.
TEST(Loader, EventAfterAVariantsEndNamesWhereTheEndWasSet) {
  const std::string error = LoadError("extend: minimal.yaml\ncalendar: {end: 2020-01-20}\n");
  EXPECT_NE(error.find("minimal.yaml:33:"), std::string::npos) << error;
  EXPECT_NE(error.find("event date 2020-02-01 is outside the calendar"), std::string::npos) << error;
  EXPECT_NE(error.find("(calendar.end 2020-01-20, set at " + (kGood / "inline.yaml").string() + ":2:"), std::string::npos) << error;
  EXPECT_NE(error.find("set 'enabled: false' on it"), std::string::npos) << error;
  EXPECT_EQ(error.find("2020-01-10 is outside"), std::string::npos) << error;  // the earlier event still fits
  EXPECT_EQ(LoadError("extend: minimal.yaml\ncalendar: {end: 2020-01-20}\n"
                      "overrides: {events.gamma-hit.enabled: false}\n"),
            "");
}

TEST(Loader, ErrorsAreListedByFileThenLineAndColumnWhateverOrderTheChecksRun) {
  // `record` is checked after the actors, but it comes first in this file.
  const std::string error = LoadError(R"(
record: {variables: [positon]}
calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.5}, salince: {d: 1}}
  y: {capability: {military: 1}, position: {d: 1.5}}
)");
  const std::string file = (kGood / "inline.yaml").string();
  const std::size_t record = error.find(file + ":2:"), x = error.find(file + ":6:"), y = error.find(file + ":7:");
  ASSERT_NE(record, std::string::npos) << error;
  ASSERT_NE(x, std::string::npos) << error;
  ASSERT_NE(y, std::string::npos) << error;
  EXPECT_LT(record, x) << error;
  EXPECT_LT(x, y) << error;
}

TEST(Loader, AStatusQuoMayLeaveAgendaDimensionsToTheForecast) {
  const std::string text = R"(
calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}, e: {low: a, high: b, range: [0, 10]}}
actors:
  x: {capability: {military: 1}, position: {d: 0.2, e: 3}}
  y: {capability: {military: 1}, position: {d: 0.8, e: 7}}
events:
  - {type: negotiation, date: 2020-01-05, participants: [x, y], agenda: [d, e], status_quo: STATUS_QUO}
)";
  const auto with = [&](const std::string& q) { return std::string(text).replace(text.find("STATUS_QUO"), 10, q); };
  EXPECT_EQ(LoadError(with("{e: 4}")), "");
  EXPECT_NE(LoadError(with("{e: 11}")).find("status_quo.e"), std::string::npos);  // a given value is still checked
  EXPECT_NE(LoadError(with("{}")).find("got an empty mapping"), std::string::npos);
  EXPECT_NE(LoadError(with("{f: 1}")).find("unknown dimension"), std::string::npos) << LoadError(with("{f: 1}"));
}

TEST(Loader, ATriggerOnAnActorsRelationWithItselfNamesNoPairLikeAShock) {
  const std::string error = LoadError(R"(
calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.2}}
  y: {capability: {military: 1}, position: {d: 0.8}}
events:
  - {type: trigger, date: 2020-01-05, when: {value: support.x.x, above: 0.1}, then: [{type: veto, actor: x, protects: y}]}
  - {type: shock, date: 2020-01-06, set: {support.y.y: 0.1}}
)");
  const std::string file = (kGood / "inline.yaml").string();
  EXPECT_NE(error.find(file + ":8:53: error: path 'support.x.x' names no pair"), std::string::npos) << error;
  EXPECT_NE(error.find(file + ":9:43: error: path 'support.y.y' names no pair"), std::string::npos) << error;
  EXPECT_EQ(error.find("values; expected a path to exactly one"), std::string::npos) << error;
}

TEST(Diagnostics, ThrowsByFileOfFirstReportThenLineThenColumnKeepingTies) {
  Diagnostics diags;
  diags.Error({"a.yaml", 3, 99}, "third");
  diags.Error({"b.csv", 1, 1}, "fifth");
  diags.Error({"a.yaml", 3, 72}, "second");
  diags.Error({"a.yaml", 1, 5}, "first");
  diags.Error({"a.yaml", 3, 99}, "fourth");  // same place: kept after the earlier report
  try {
    diags.ThrowIfAny();
    FAIL() << "no error thrown";
  } catch (const ScenarioError& e) {
    std::vector<std::string> order;
    for (const Diagnostic& d : e.diagnostics()) order.push_back(d.message);
    EXPECT_EQ(order, (std::vector<std::string>{"first", "second", "third", "fourth", "fifth"}));
  }
}

TEST(Loader, EventsAreOrderedByDatePriorityAndSequence) {
  const std::string text = R"(
calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.5}}
events:
  - {type: statement, name: late, date: 2020-01-09, actor: x, stance: {d: 1}}
  - {type: statement, name: second, date: 2020-01-03, actor: x, stance: {d: 1}}
  - {type: statement, name: first, date: 2020-01-03, priority: -1, actor: x, stance: {d: 1}}
  - {type: statement, name: third, date: 2020-01-03, actor: x, stance: {d: 1}}
)";
  const Scenario s = LoadScenarioText(text, "inline.yaml", Options());
  std::vector<std::string> names;
  for (const auto& e : s.world->events) names.push_back(e->header().name);
  EXPECT_EQ(names, (std::vector<std::string>{"first", "second", "third", "late"}));
}

// The link limit counts every population's links, generated or read: a network
// that fits alone can exceed what the populations before it left.
TEST(Loader, PopulationLinksAreLimitedOverAllPopulations) {
  const std::string text = R"(calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.5}}
populations:
  first: {actor: x, size: 100, network: {model: small_world, degree: 6}}
  second: {actor: x, size: 100, network: {model: small_world, degree: 6}}
)";
  LoadOptions options = Options();
  options.limits.max_population_links = 1200;  // the two networks need 600 each
  EXPECT_NO_THROW(LoadScenarioText(text, "inline.yaml", options));
  options.limits.max_population_links = 1199;
  const std::string message = LoadError(text, options);
  EXPECT_NE(message.find("inline.yaml:7:71: error: population 'second'.network makes about 600 directed links; "
                         "populations may hold 1199 in all, 599 left after the populations above"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("'first'"), std::string::npos) << message;
}

// Actors carry dense actor × actor state (10 matrices of N² doubles): a table
// larger than the limits is an error before any of it is allocated, and names
// its size. Three actors: 10 × 9 × 8 = 720 bytes.
TEST(Loader, ActorStateIsBoundedBeforeItIsAllocated) {
  const std::string text = R"(calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.5}}
  y: {capability: {military: 1}, position: {d: 0.5}}
  z: {capability: {military: 1}, position: {d: 0.5}}
)";
  LoadOptions options = Options();
  options.limits.max_actors = 3;
  options.limits.max_actor_state_bytes = 720;
  EXPECT_NO_THROW(LoadScenarioText(text, "inline.yaml", options));
  options.limits.max_actors = 2;
  std::string message = LoadError(text, options);
  EXPECT_NE(message.find("inline.yaml:4:3: error: 3 actors; expected at most 2: their state holds 10 dense actor × "
                         "actor matrices (720 B at 3 actors); larger numbers of agents belong in populations"),
            std::string::npos)
      << message;
  options.limits.max_actors = 3;
  options.limits.max_actor_state_bytes = 719;
  message = LoadError(text, options);
  EXPECT_NE(message.find("3 actors need about 720 B for their state (10 dense actor × actor matrices), more than "
                         "the 719 B this machine has available; expected fewer actors"),
            std::string::npos)
      << message;
  // Nothing else is reported about actors that were never bound.
  EXPECT_EQ(message.find("error", message.find("error") + 1), std::string::npos) << message;
}

TEST(Loader, CollectsSeveralErrorsAtOnce) {
  const std::string text = R"(calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: -1}, position: {d: 2}, susceptibility: 7}
)";
  const std::string message = LoadError(text);
  EXPECT_NE(message.find("inline.yaml:4:30: error: actor 'x'.capability.military out of range"), std::string::npos)
      << message;
  EXPECT_NE(message.find("inline.yaml:4:49: error: actor 'x'.position.d out of range; got 2"), std::string::npos)
      << message;
  EXPECT_NE(message.find("inline.yaml:4:69: error: actor 'x'.susceptibility out of range; got 7"), std::string::npos)
      << message;
}

// calendar.step counts days; a step with a unit says how many days it meant.
TEST(Loader, CalendarStepsWithUnitsSuggestDays) {
  auto error = [](const std::string& step) {
    return LoadError(
        "calendar: {start: 2020-01-01, end: 2021-01-01, step: " + step +
        "}\ndimensions: {d: {low: a, high: b}}\nactors:\n  x: {capability: {military: 1}, position: {d: 0.5}}\n");
  };
  const std::vector<std::pair<std::string, std::string>> cases = {{"1w", "did you mean 7?"},
                                                                  {"2 weeks", "did you mean 14?"},
                                                                  {"weekly", "did you mean 7?"},
                                                                  {"10d", "did you mean 10?"},
                                                                  {"daily", "did you mean 1?"},
                                                                  {"1 year", "did you mean 365?"},
                                                                  {"1m", "a month has no fixed length"},
                                                                  {"quarterly", "a month has no fixed length"}};
  for (const auto& [step, hint] : cases) {
    const std::string message = error(step);
    EXPECT_NE(message.find("calendar.step must be a whole number of days; got '" + step + "'"), std::string::npos)
        << message;
    EXPECT_NE(message.find(hint), std::string::npos) << message;
  }
  // No unit, or a count that cannot be a step: the plain integer message.
  EXPECT_NE(error("1.5").find("calendar.step must be an integer; got '1.5'"), std::string::npos);
  EXPECT_NE(error("0w").find("calendar.step must be an integer; got '0w'"), std::string::npos);
  EXPECT_EQ(error("7"), "");
}

// Actors decide about weekly whatever the step, unless the scenario sets the interval.
TEST(Loader, DecisionIntervalDefaultsToAboutAWeekOfSteps) {
  auto interval = [](int step, const std::string& mechanisms) {
    const std::string text = "calendar: {start: 2020-01-01, end: 2021-01-01, step: " + std::to_string(step) +
                             "}\ndimensions: {d: {low: a, high: b}}\nactors:\n  x: {capability: {military: 1}, "
                             "position: {d: 0.5}}\n" +
                             mechanisms;
    const Scenario s = LoadScenarioText(text, (kGood / "inline.yaml").string(), Options());
    return std::pair{s.world->params.decision_interval, s.notes};
  };
  EXPECT_EQ(interval(1, "").first, 7);
  EXPECT_EQ(interval(3, "").first, 2);
  EXPECT_EQ(interval(7, "").first, 1);
  EXPECT_EQ(interval(30, "mechanisms: {affinity: {rate: 0.1}}\n").first, 1);
  EXPECT_EQ(interval(7, "mechanisms: {decisions: {interval: 2}}\n").first, 2);
  EXPECT_TRUE(interval(7, "mechanisms: {decisions: {interval: 2}}\n").second.empty());
  // The interval written as the step's days gets a note saying what it does.
  const auto [k, notes] = interval(7, "mechanisms: {decisions: {interval: 7}}\n");
  EXPECT_EQ(k, 7);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("inline.yaml:5:36: mechanisms.decisions.interval 7 counts steps, which with 7-day steps is "
                          "one decision every 49 days; without it actors decide about weekly (every step)"),
            std::string::npos)
      << notes[0];
  EXPECT_TRUE(interval(1, "mechanisms: {decisions: {interval: 1}}\n").second.empty());
}

// The forms the new checks must still accept: one dimension as the agenda (as one
// actor id stands for a list), a party with a guarantor (one pair covered), an
// empty optional list.
TEST(Loader, OneDimensionAgendaAGuaranteedPartyAndEmptyOptionalListsLoad) {
  const std::string text = R"(calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}, e: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.5, e: 0.5}}
  y: {capability: {military: 1}, position: {d: 0.2, e: 0.5}}
events:
  - {type: negotiation, date: 2020-01-03, name: talks, participants: [x, y], agenda: d, mediators: []}
  - {type: ceasefire, date: 2020-01-04, parties: [x], guarantors: [y], excluded: []}
)";
  EXPECT_EQ(LoadError(text), "");
  const Scenario s = LoadScenarioText(text, (kGood / "inline.yaml").string(), Options());
  ASSERT_EQ(s.world->ceasefires.size(), 1u);
  EXPECT_EQ(s.world->ceasefires[0].guarantors, std::vector<int>{1});
}

// 'all' names every actor (a stakeholder table's rows have no groups); an actor
// called 'all' keeps its name, and no group may take it.
TEST(Loader, AllNamesEveryActorUnlessAnActorIsCalledAll) {
  const std::string actors = R"(calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.5}}
  y: {capability: {military: 1}, position: {d: 0.2}, groups: [g]}
  z: {capability: {military: 1}, position: {d: 0.9}}
)";
  const Scenario s = LoadScenarioText(actors + "relations: {pairs: [{between: [all, x], affinity: 0.5}]}\n",
                                      (kGood / "inline.yaml").string(), Options());
  EXPECT_EQ(s.world->groups.at("all"), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(s.world->initial.affinity(1, 0), 0.5);
  EXPECT_EQ(s.world->initial.affinity(0, 2), 0.5);
  EXPECT_NE(LoadError(actors + "  w: {capability: {military: 1}, position: {d: 0.5}, groups: [all]}\n")
                .find("inline.yaml:7:63: error: 'all' is the group of every actor; expected another group id"),
            std::string::npos)
      << LoadError(actors + "  w: {capability: {military: 1}, position: {d: 0.5}, groups: [all]}\n");
  const Scenario named = LoadScenarioText(actors + "  all: {capability: {military: 1}, position: {d: 0.5}}\n",
                                          (kGood / "inline.yaml").string(), Options());
  EXPECT_EQ(named.world->groups.count("all"), 0u);
}

TEST(Loader, MechanismAndRelationErrorsAreLocated) {
  const std::string base = R"(calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.5}}
  y: {capability: {military: 1}, position: {d: 0.5}}
)";
  EXPECT_NE(LoadError(base + "mechanisms: {influence: {self_wieght: 0.5}}\n")
                .find("6:26: error: unknown key 'self_wieght' in mechanisms.influence"),
            std::string::npos);
  EXPECT_NE(LoadError(base + "mechanisms: {influence: {self_wieght: 0.5}}\n").find("did you mean 'self_weight'"),
            std::string::npos);
  EXPECT_NE(LoadError(base + "mechanisms: {affinity: {rate: 2}}\n").find("mechanisms.affinity.rate out of range"),
            std::string::npos);
  EXPECT_NE(LoadError(base + "relations: {pairs: [{from: x}]}\n").find("missing required key 'to' in relation"),
            std::string::npos);
  EXPECT_NE(LoadError(base + "relations: {pairs: [{between: [x, y]}]}\n").find("relation sets nothing"),
            std::string::npos);
  EXPECT_NE(LoadError(base + "relations: {pairs: [{between: [x, y], affinity: 1.5}]}\n")
                .find("relation.affinity out of range; got 1.5; expected a number in [-1, 1]"),
            std::string::npos);
  EXPECT_NE(LoadError(base + "mechanisms: {capability_weights: {military: 0, economic: 0, diplomatic: 0}}\n")
                .find("capability_weights are all zero"),
            std::string::npos);
  EXPECT_NE(LoadError(base + "run: {replicates: 0}\n").find("run.replicates out of range"), std::string::npos);
  EXPECT_NE(LoadError(base + "diplosim: 2\n").find("diplosim (format version) out of range"), std::string::npos);
  EXPECT_NE(LoadError(base + "events: [{type: shock, date: 2020-01-02}]\n").find("changes nothing"),
            std::string::npos);
  EXPECT_NE(LoadError(base + "events: [{type: shock, date: 2020-01-02, set: {position.x.d: 5}}]\n")
                .find("set value for 'position.x.d' out of range"),
            std::string::npos);
  EXPECT_NE(LoadError(base + "events: [{type: statement, date: 2020-01-02, actor: x}]\n")
                .find("missing required key 'stance' in statement event"),
            std::string::npos);
  EXPECT_NE(LoadError(base + "events: [{type: shock, date: 2020-01-02, set: {capability.x.militry: 1}}]\n")
                .find("did you mean 'military'"),
            std::string::npos);
  std::string zero_step = base;
  zero_step.replace(0, zero_step.find('}'), "calendar: {start: 2020-01-01, end: 2020-02-01, step: 0");
  EXPECT_NE(LoadError(zero_step).find("1:54: error: calendar.step out of range; got 0"), std::string::npos)
      << LoadError(zero_step);
}

TEST(DidYouMean, SuggestsCloseNamesOnly) {
  EXPECT_EQ(ClosestMatch("rusia", {"russia", "iran"}), "russia");
  EXPECT_EQ(ClosestMatch("capabilty", {"capability", "position"}), "capability");
  EXPECT_EQ(ClosestMatch("jaysh", {"jaysh_al_islam", "iran"}), "jaysh_al_islam");
  EXPECT_EQ(ClosestMatch("zzz", {"russia", "iran"}), "");
  EXPECT_EQ(EditDistance("ab", "ba"), 1);  // a transposition is one edit
  // A whole later part of one compound name, but no guess when two names have it.
  EXPECT_EQ(ClosestMatch("regime", {"incumbent_regime", "patron_power"}), "incumbent_regime");
  EXPECT_EQ(ClosestMatch("militia", {"proxy_militia", "spoiler"}), "proxy_militia");
  EXPECT_EQ(ClosestMatch("islam", {"jaysh_al_islam", "iran"}), "jaysh_al_islam");
  EXPECT_EQ(ClosestMatch("front", {"southern_front", "northern_front"}), "");
  EXPECT_EQ(ClosestMatch("sham", {"ahrar_al_shams"}), "");  // a part is whole words, not letters
}

// Names a method goes by in the literature are far from its own by spelling
// ("latin" against "lhs"); the table of other names bridges that, in any case
// and with '-' or ' ' for '_', and a plain typo still gets the edit-distance guess.
TEST(DidYouMean, KnowsOtherNamesOfAMethod) {
  const std::map<std::string, OtherName> others = {{"latin_hypercube", {"lhs", "Latin hypercube"}}};
  const std::vector<std::string> methods = {"grid", "random", "lhs", "sobol"};
  EXPECT_EQ(DidYouMean("Latin-Hypercube", methods, others), " (did you mean 'lhs', Latin hypercube?)");
  EXPECT_EQ(DidYouMean("latin hypercube", methods, others), " (did you mean 'lhs', Latin hypercube?)");
  EXPECT_EQ(DidYouMean("sobl", methods, others), " (did you mean 'sobol'?)");
  EXPECT_EQ(DidYouMean("latin", methods, others), "");  // not in this table, and too far from every method
}

TEST(Merge, MapsMergeEventsMergeByNameOthersReplace) {
  ConfigNode base = ParseYaml("a: {x: 1, y: 2}\nlist: [1, 2]\nevents: [{name: e1, v: 1}, {name: e2, v: 2}]\n", "b");
  ConfigNode over = ParseYaml("a: {y: 3, z: 4}\nlist: [9]\nevents: [{name: e2, v: 5}, {name: e3, v: 6}]\n", "o");
  MergeInto(base, over);
  EXPECT_EQ(EmitYaml(base), EmitYaml(ParseYaml(
                                "a: {x: 1, y: 3, z: 4}\nlist: [9]\nevents: [{name: e1, v: 1}, {name: e2, v: 5}, "
                                "{name: e3, v: 6}]\n",
                                "e")));
}

// A variant that turns a base event into another kind keeps its date and
// priority but not the keys of the base's type (they would be errors there).
TEST(Merge, AnEventOfAnotherTypeKeepsOnlyTheCommonKeys) {
  ConfigNode base = ParseYaml(
      "events: [{name: e, type: deployment, date: 2020-05-01, priority: 2, actor: r, to: l, support: 0.3}]\n", "b");
  ConfigNode over = ParseYaml("events: [{name: e, type: statement, actor: r, stance: {d: 1}}]\n", "o");
  MergeInto(base, over);
  EXPECT_EQ(EmitYaml(base), EmitYaml(ParseYaml("events: [{name: e, type: statement, actor: r, stance: {d: 1}, "
                                               "date: 2020-05-01, priority: 2}]\n",
                                               "e")));
}

// A base scenario keeps its own profiles/ folder when a variant in another
// folder extends it; a profiles/ folder beside the variant comes first.
TEST(Loader, ProfilesBesideEveryFileOfTheExtendChainAreSearched) {
  const fs::path root = fs::temp_directory_path() / ("diplosim-profiles-" + std::to_string(::getpid()));
  fs::create_directories(root / "base" / "profiles");
  fs::create_directories(root / "variant");
  auto write = [](const fs::path& p, const std::string& text) { std::ofstream(p) << text; };
  write(root / "base" / "profiles" / "hawk.yaml", "susceptibility: 0.1\n");
  write(root / "base" / "base.yaml",
        "calendar: {start: 2020-01-01, end: 2020-02-01}\ndimensions: {d: {low: a, high: b}}\n"
        "actors:\n  x: {profile: hawk, capability: {military: 1}, position: {d: 0.2}}\n"
        "  y: {capability: {military: 1}, position: {d: 0.8}}\n");
  write(root / "variant" / "v.yaml", "extend: ../base/base.yaml\nactors:\n  y: {profile: hawk}\n");
  LoadOptions none;  // no user folders: only the chain's own
  const Scenario s = LoadScenario((root / "variant" / "v.yaml").string(), none);
  EXPECT_EQ(s.world->initial.susceptibility(0), 0.1);
  EXPECT_EQ(s.world->initial.susceptibility(1), 0.1);
  fs::create_directories(root / "variant" / "profiles");
  write(root / "variant" / "profiles" / "hawk.yaml", "susceptibility: 0.3\n");
  const Scenario first = LoadScenario((root / "variant" / "v.yaml").string(), none);
  EXPECT_EQ(first.world->initial.susceptibility(0), 0.3);  // the variant's folder is searched first
  EXPECT_EQ(LoadScenario((root / "base" / "base.yaml").string(), none).world->initial.susceptibility(0), 0.1);
  fs::remove_all(root);
}

// Shares written on a [0, 100] dimension are valid, and almost surely a slip: a note.
TEST(Loader, PositionsAllInZeroOneOnAWideRangeGetANote) {
  auto notes = [](const std::string& tax_positions) {
    const std::string text =
        "calendar: {start: 2020-01-01, end: 2020-02-01}\n"
        "dimensions:\n  tax: {low: l, high: h, range: [0, 100]}\n  d: {low: a, high: b}\n"
        "actors:\n  x: {capability: {military: 1}, position: {tax: " +
        tax_positions.substr(0, tax_positions.find(',')) +
        ", d: 0.2}}\n  y: {capability: {military: 1}, position: {tax: " +
        tax_positions.substr(tax_positions.find(',') + 1) + ", d: 0.9}}\n";
    return LoadScenarioText(text, (kGood / "inline.yaml").string(), Options()).notes;
  };
  const auto slip = notes("0.2,0.9");
  ASSERT_EQ(slip.size(), 1u);
  EXPECT_NE(slip[0].find("inline.yaml:3:33: every actor's position on 'tax' lies in [0, 1], but its range is [0, 100]"),
            std::string::npos)
      << slip[0];
  EXPECT_TRUE(notes("20,90").empty());
  EXPECT_TRUE(notes("0.2,40").empty());  // one actor beyond 1: the scale is in use
}

// Parsing `text` (as bad.yaml or two.yaml, the file part of `where`) fails first at `where` with `fragment`.
void ExpectParseError(const std::string& text, const std::string& where, const std::string& fragment) {
  try {
    ParseYaml(text, where.substr(0, where.find(':')));
    ADD_FAILURE() << "parsed: " << text;
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.diagnostics().at(0).location.ToString(), where);
    EXPECT_NE(e.diagnostics().at(0).message.find(fragment), std::string::npos) << e.what();
  }
}

// YAML's merge key, which yaml-cpp 0.7 reads as an ordinary key '<<': the
// mapping's own keys win, then the merged mappings' in the order listed.
TEST(Yaml, MergeKeysCopyAMappingUnderTheMappingsOwnKeys) {
  const ConfigNode merged =
      ParseYaml("a: &base {x: 1, y: 2}\nb: {<<: *base, y: 3}\nc: {<<: [{z: 9, x: 7}, *base], w: 0}\n", "m");
  EXPECT_EQ(EmitYaml(merged),
            EmitYaml(ParseYaml("a: {x: 1, y: 2}\nb: {y: 3, x: 1}\nc: {w: 0, z: 9, x: 7, y: 2}\n", "e")));
  // A quoted '<<' is an ordinary key.
  EXPECT_NE(ParseYaml("b: {'<<': 1}\n", "q").Find("b")->Find("<<"), nullptr);
  ExpectParseError("a: 1\nb: {<<: 3}\n", "bad.yaml:2:5", "'<<' (YAML's merge key) takes a mapping");
}

// A file of several documents would lose all but the first without a word.
TEST(Yaml, ASecondDocumentIsAnErrorAnEmptyOneIsNot) {
  EXPECT_EQ(EmitYaml(ParseYaml("---\na: 1\n---\n...\n", "one")), EmitYaml(ParseYaml("a: 1\n", "e")));
  ExpectParseError("a: 1\n---\nb: 2\n", "two.yaml:3:1", "a second YAML document");
}

}  // namespace
}  // namespace diplosim
