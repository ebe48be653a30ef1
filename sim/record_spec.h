#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diplosim {

// The state variables a run can record (DESIGN §7).
enum class Variable {
  kPosition,
  kAnchor,
  kSalience,
  kCapability,
  kAffinity,
  kDependency,
  kInfluence,
  kHostility,
  kSupport,
  kForecast,
  kCeasefire,
  kPopulationMean,
  kPopulationStd,
  kCount
};
inline constexpr int kNumVariables = static_cast<int>(Variable::kCount);

// The axes of one time slice of a variable.
enum class VariableShape { kActorDimension, kActor, kActorActor, kDimension, kCeasefire, kPopulationDimension };

struct VariableInfo {
  Variable variable;
  std::string_view name;
  VariableShape shape;
  std::string_view description;
  bool natural_units;  // stored on each dimension's natural range
};

// What a scenario must have for the variable to exist ("ceasefires", "agent
// populations"), when it lacks it; empty when the variable can be recorded.
std::string_view MissingFor(Variable v, bool has_ceasefires, bool has_populations);

const std::array<VariableInfo, kNumVariables>& AllVariables();
const VariableInfo& Info(Variable v);
std::optional<Variable> VariableFromName(std::string_view name);

// What to record and how often.
struct RecordSpec {
  std::array<bool, kNumVariables> enabled{};  // all false until set
  bool events = false;                        // the events table
  bool actions = false;                       // the actions table
  int every = 1;                              // record every k-th time point

  static RecordSpec All();  // every variable and both tables
  // Sets a variable or table by name ("position", …, "events", "actions"), or
  // a group of them: "actors" (every variable without an actor_j axis: with
  // the tables, a quarter of the flagship's file), "matrices" (the
  // actor × actor_j ones), "tables" (events and actions) or "all". A group,
  // like all, records what the scenario has; false if the name is unknown.
  bool Enable(std::string_view name);
  static std::vector<std::string> Names();       // every variable and table Enable accepts
  static std::vector<std::string> GroupNames();  // the groups: actors, matrices, tables, all
  static std::vector<std::string> NamesAndGroups();  // both, for a did-you-mean
  // "NAMES, or a group: actors, matrices, tables, all": the list for a message.
  static std::string Listed();
  bool Has(Variable v) const { return enabled[static_cast<int>(v)]; }
  // Time indices 0, every, 2·every, … and always the last one.
  std::vector<int> TimeIndices(int num_steps) const;
  bool IsValid(std::string* why) const;
  // `every` counts time points. Equal to a multi-day step's length it reads like
  // days, so this says what it records instead; empty when it cannot be misread.
  std::string EveryAsDaysNote(int step_days) const;
};

}  // namespace diplosim
