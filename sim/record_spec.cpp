#include "sim/record_spec.h"

#include <utility>

namespace diplosim {

const std::array<VariableInfo, kNumVariables>& AllVariables() {
  static const std::array<VariableInfo, kNumVariables> kInfo = {{
      {Variable::kPosition, "position", VariableShape::kActorDimension,
       "actor position on each issue dimension", true},
      {Variable::kAnchor, "anchor", VariableShape::kActorDimension,
       "actor anchor (committed position)", true},
      {Variable::kSalience, "salience", VariableShape::kActorDimension,
       "share of the actor's attention on each dimension", false},
      {Variable::kCapability, "capability", VariableShape::kActor,
       "weighted capability c_i", false},
      {Variable::kAffinity, "affinity", VariableShape::kActorActor,
       "affinity of actor toward actor_j in [-1, 1]", false},
      {Variable::kDependency, "dependency", VariableShape::kActorActor,
       "how much actor needs actor_j's support, in [0, 1]", false},
      {Variable::kInfluence, "influence", VariableShape::kActorActor,
       "influence weight actor gives actor_j (rows sum to 1)", false},
      {Variable::kHostility, "hostility", VariableShape::kActorActor,
       "armed-conflict intensity between actor and actor_j", false},
      {Variable::kSupport, "support", VariableShape::kActorActor,
       "support (air cover, ground forces) actor gives actor_j", false},
      {Variable::kForecast, "forecast", VariableShape::kDimension,
       "clout-weighted mean position on each dimension", true},
      {Variable::kCeasefire, "ceasefire_state", VariableShape::kCeasefire,
       "ceasefire status: 0 not yet in force, 1 in force, 2 collapsed", false},
      {Variable::kPopulationMean, "population_mean", VariableShape::kPopulationDimension,
       "mean position of a population's agents on each dimension", true},
      {Variable::kPopulationStd, "population_std", VariableShape::kPopulationDimension,
       "standard deviation of a population's agent positions on each dimension", true},
  }};
  return kInfo;
}

const VariableInfo& Info(Variable v) { return AllVariables()[static_cast<int>(v)]; }

std::optional<Variable> VariableFromName(std::string_view name) {
  for (const auto& info : AllVariables())
    if (info.name == name) return info.variable;
  return std::nullopt;
}

RecordSpec RecordSpec::All() {
  RecordSpec spec;
  spec.enabled.fill(true);
  spec.events = spec.actions = true;
  return spec;
}

bool RecordSpec::Enable(std::string_view name) {
  if (name == "events") return events = true;
  if (name == "actions") return actions = true;
  if (name == "tables") return events = actions = true;
  if (name == "all") {
    enabled.fill(true);
    return events = actions = true;
  }
  if (name == "actors" || name == "matrices") {
    const bool matrices = name == "matrices";
    for (const auto& info : AllVariables())
      if ((info.shape == VariableShape::kActorActor) == matrices) enabled[static_cast<int>(info.variable)] = true;
    return true;
  }
  const auto v = VariableFromName(name);
  if (!v) return false;
  enabled[static_cast<int>(*v)] = true;
  return true;
}

std::vector<std::string> RecordSpec::Names() {
  std::vector<std::string> names;
  for (const auto& info : AllVariables()) names.emplace_back(info.name);
  names.push_back("events");
  names.push_back("actions");
  return names;
}

std::vector<std::string> RecordSpec::GroupNames() { return {"actors", "matrices", "tables", "all"}; }

std::vector<std::string> RecordSpec::NamesAndGroups() {
  std::vector<std::string> names = Names();
  for (std::string& group : GroupNames()) names.push_back(std::move(group));
  return names;
}

std::string RecordSpec::Listed() {
  std::string out;
  for (const std::string& name : Names()) out += (out.empty() ? "" : ", ") + name;
  out += ", or a group:";
  for (const std::string& group : GroupNames()) out += " " + group + (group == "all" ? "" : ",");
  return out;
}

std::vector<int> RecordSpec::TimeIndices(int num_steps) const {
  std::vector<int> out;
  for (int k = 0; k <= num_steps; k += every) out.push_back(k);
  if (out.back() != num_steps) out.push_back(num_steps);
  return out;
}

bool RecordSpec::IsValid(std::string* why) const {
  if (every < 1) {
    if (why) *why = "every = " + std::to_string(every) + "; must be >= 1";
    return false;
  }
  return true;
}

std::string RecordSpec::EveryAsDaysNote(int step_days) const {
  if (every < 2 || every != step_days) return {};
  const std::string k = std::to_string(every), days = std::to_string(step_days);
  return "every " + k + " records one time point in " + k + ", which with " + days + "-day steps is one every " +
         std::to_string(every * step_days) + " days; every 1 records each " + days + "-day step";
}

std::string_view MissingFor(Variable v, bool has_ceasefires, bool has_populations) {
  if (v == Variable::kCeasefire && !has_ceasefires) return "ceasefires";
  if ((v == Variable::kPopulationMean || v == Variable::kPopulationStd) && !has_populations) return "agent populations";
  return {};
}

}  // namespace diplosim
