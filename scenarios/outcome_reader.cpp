#include "scenarios/outcome_reader.h"

#include <algorithm>
#include <vector>

#include "scenarios/did_you_mean.h"
#include "scenarios/node_reader.h"
#include "scenarios/references.h"
#include "sim/events/trigger_event.h"

namespace diplosim {

namespace {

// " (did you mean 2020-07-01 or 2020-07-08?)": the time points around a date
// that falls between them, or the first or last one for a date outside.
std::string NearestTimePoints(const Calendar& c, Date date) {
  if (date < c.start) return " (did you mean " + c.start.ToString() + "?)";
  if (date > c.LastDate()) return " (did you mean " + c.LastDate().ToString() + "?)";
  const int k = c.StepOf(date);
  return " (did you mean " + c.DateOf(k).ToString() + " or " + c.DateOf(k + 1).ToString() + "?)";
}

std::optional<int> StepOf(const ConfigNode& node, const World& world, Diagnostics& diags) {
  if (node.IsScalar() && node.scalar == "end") return -1;
  auto date = ReadDate(node, "outcome 'at'", diags);
  if (!date) return std::nullopt;
  const Calendar& c = world.calendar;
  if (*date < c.start || *date > c.LastDate() || (*date - c.start) % c.step_days != 0) {
    diags.Error(node.location, "outcome date " + date->ToString() +
                                   " is not a time point of the calendar; expected 'end' or a date start + k·" +
                                   std::to_string(c.step_days) + " days in [" + c.start.ToString() + ", " +
                                   c.LastDate().ToString() + "]" + NearestTimePoints(c, *date));
    return std::nullopt;
  }
  return c.StepOf(*date);
}

}  // namespace

std::optional<OutcomeSpec> ReadOutcome(const std::string& name, const ConfigNode& node, const World& world,
                                       const ConfigNode* events, Diagnostics& diags) {
  const std::vector<std::string> kinds = {"forecast",  "position",        "divergence",    "affinity",
                                          "hostility", "capability",      "agreement",     "ceasefire",
                                          "fired",     "population_mean", "population_std"};
  std::vector<std::string> keys = kinds;
  keys.insert(keys.end(), {"dimensions", "at"});
  const std::string what = "outcome '" + name + "'";
  MapReader r(node, what, keys, diags);
  if (!r.ok()) return std::nullopt;
  const References refs(world, diags, {}, events);
  OutcomeSpec o;
  o.name = name;
  int count = 0;
  for (const auto& k : kinds) count += r.Get(k) ? 1 : 0;
  if (count != 1) {
    diags.Error(node.location, what + " needs exactly one indicator; got " + std::to_string(count) +
                                   "; expected one of forecast, position, divergence, affinity, hostility, capability, "
                                   "agreement, ceasefire, fired, population_mean, population_std");
    return std::nullopt;
  }
  auto actor_pair = [&](const ConfigNode& n, int* a, int* b) {
    if (!n.IsSequence() || n.items.size() != 2) {
      diags.Error(n.location, what + " needs two actors; got " + n.Describe() + "; expected [a, b]");
      return false;
    }
    auto x = refs.Actor(n.items[0], what);
    auto y = refs.Actor(n.items[1], what);
    if (!x || !y) return false;
    if (*x == *y) {  // a constant: divergence 0, affinity 1, hostility 0 at every point
      diags.Error(n.location, what + " pairs '" + n.items[0].scalar +
                                  "' with itself, which is the same at every point; expected two different actors");
      return false;
    }
    *a = *x;
    *b = *y;
    return true;
  };
  // The index among `names` of the event of `kind` that `n` names, or −1 after an error.
  auto event_named = [&](const ConfigNode& n, const std::vector<std::string>& names, const std::string& kind) {
    if (n.IsScalar())
      if (const auto it = std::find(names.begin(), names.end(), n.scalar); it != names.end())
        return static_cast<int>(it - names.begin());
    diags.Error(n.location,
                "unknown " + kind + " " + n.Describe() + " in " + what + "; expected the name of a " + kind + " event" +
                    (n.IsScalar() ? DidYouMean(n.scalar, names) + refs.DisabledEventNote(n.scalar) : std::string()));
    return -1;
  };
  bool ok = true;
  if (const ConfigNode* n = r.Get("forecast")) {
    o.kind = OutcomeSpec::Kind::kForecast;
    auto d = refs.Dimension(*n, what);
    ok = d.has_value();
    o.dimension = d.value_or(-1);
  } else if (const ConfigNode* n = r.Get("position")) {
    o.kind = OutcomeSpec::Kind::kPosition;
    if (!n->IsSequence() || n->items.size() != 2) {
      diags.Error(n->location, what + " position needs an actor and a dimension; got " + n->Describe() +
                                   "; expected [actor, dimension]");
      ok = false;
    } else {
      auto a = refs.Actor(n->items[0], what);
      auto d = refs.Dimension(n->items[1], what);
      ok = a && d;
      o.a = a.value_or(-1);
      o.dimension = d.value_or(-1);
    }
  } else if (const ConfigNode* n = r.Get("divergence")) {
    o.kind = OutcomeSpec::Kind::kDivergence;
    ok = actor_pair(*n, &o.a, &o.b);
    if (const ConfigNode* dims = r.Get("dimensions")) {
      if (!dims->IsSequence() || dims->items.empty()) {
        diags.Error(dims->location, what + ".dimensions must list dimensions; got " + dims->Describe());
        ok = false;
      } else {
        o.dims.resize(static_cast<int>(dims->items.size()));
        for (std::size_t k = 0; k < dims->items.size(); ++k) {
          auto d = refs.Dimension(dims->items[k], what);
          ok = ok && d;
          o.dims(static_cast<int>(k)) = d.value_or(0);
        }
      }
    }
  } else if (const ConfigNode* n = r.Get("affinity")) {
    o.kind = OutcomeSpec::Kind::kAffinity;
    ok = actor_pair(*n, &o.a, &o.b);
  } else if (const ConfigNode* n = r.Get("hostility")) {
    o.kind = OutcomeSpec::Kind::kHostility;
    ok = actor_pair(*n, &o.a, &o.b);
  } else if (const ConfigNode* n = r.Get("capability")) {
    o.kind = OutcomeSpec::Kind::kCapability;
    auto a = refs.Actor(*n, what);
    ok = a.has_value();
    o.a = a.value_or(-1);
  } else if (const ConfigNode* n = r.Get("agreement")) {
    o.kind = OutcomeSpec::Kind::kAgreement;
    if (event_named(*n, world.negotiations, "negotiation") >= 0)
      o.negotiation = n->scalar;
    else
      ok = false;
    if (r.Get("at"))
      diags.Error(r.Get("at")->location, what + ": an agreement outcome has no 'at'; expected it without one");
  } else if (const ConfigNode* n = r.Get("ceasefire")) {
    o.kind = OutcomeSpec::Kind::kCeasefireHolds;
    std::vector<std::string> names;
    for (const auto& c : world.ceasefires) names.push_back(c.name);
    o.ceasefire = event_named(*n, names, "ceasefire");
    ok = o.ceasefire >= 0;
  } else if (const ConfigNode* n = r.Get("fired")) {
    o.kind = OutcomeSpec::Kind::kTriggerFired;
    std::vector<std::string> names;
    for (const auto& t : world.triggers) names.push_back(t->header().name);
    o.trigger = event_named(*n, names, "trigger");
    ok = o.trigger >= 0;
  }
  for (const char* kind : {"population_mean", "population_std"}) {
    const ConfigNode* n = r.Get(kind);
    if (!n) continue;
    o.kind =
        kind == std::string("population_mean") ? OutcomeSpec::Kind::kPopulationMean : OutcomeSpec::Kind::kPopulationStd;
    if (!n->IsSequence() || n->items.size() != 2) {
      diags.Error(n->location, what + " " + kind + " needs a population and a dimension; got " + n->Describe() +
                                   "; expected [population, dimension]");
      ok = false;
      break;
    }
    auto p = refs.Population(n->items[0], what);
    auto d = refs.Dimension(n->items[1], what);
    ok = ok && p && d;
    o.population = p.value_or(-1);
    o.dimension = d.value_or(-1);
  }
  if (r.Get("dimensions") && o.kind != OutcomeSpec::Kind::kDivergence)
    diags.Error(r.Get("dimensions")->location, what + ": 'dimensions' only goes with divergence");
  if (const ConfigNode* at = r.Get("at"); at && o.kind != OutcomeSpec::Kind::kAgreement) {
    auto step = StepOf(*at, world, diags);
    ok = ok && step;
    o.step = step.value_or(-1);
  }
  if (!ok) return std::nullopt;
  return o;
}

}  // namespace diplosim
