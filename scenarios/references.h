#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "scenarios/config_node.h"
#include "scenarios/scenario_error.h"
#include "sim/state_target.h"
#include "sim/world.h"

namespace diplosim {

// Resolves names written in a scenario (actors, groups, dimensions, state
// paths) against a world whose actors and dimensions are already bound.
// Unknown names are located errors with a did-you-mean.
class References {
 public:
  // `events`: the scenario's events list, to tell a reference to a disabled
  // event from one to an event that does not exist.
  References(const World& world, Diagnostics& diags, SourceLocation calendar_end = {},
             const ConfigNode* events = nullptr);

  std::optional<int> Actor(const ConfigNode& node, const std::string& what) const;
  // One actor or group id, or a list of them; groups expand to their members.
  // Duplicates are removed; order follows actor declaration order.
  std::vector<int> Actors(const ConfigNode& node, const std::string& what) const;
  // As Actors, for keys that must name someone: an empty list (`parties: []`)
  // would make the event or relation do nothing, so it is an error.
  std::vector<int> RequiredActors(const ConfigNode& node, const std::string& what) const;
  std::optional<int> Dimension(const ConfigNode& node, const std::string& what) const;
  // A population id (World::populations), with a did-you-mean when unknown.
  std::optional<int> Population(const ConfigNode& node, const std::string& what) const;

  // A state path such as position.iran.militia_presence or affinity.opposition.russia
  // (groups expand to every member, pairs skip i = j). Returns the field and
  // the targets; reports an error and returns nothing if the path is invalid.
  struct Targets {
    StateField field = StateField::kPosition;
    std::vector<StateTarget> targets;
    int dimension = -1;  // for position/anchor/salience paths
  };
  std::optional<Targets> StatePath(const std::string& path, const SourceLocation& where) const;

  std::vector<std::string> ActorAndGroupNames() const;
  // Ids for the examples in messages, taken from the scenario itself (actor k,
  // or a placeholder when it has fewer actors; the first dimension).
  std::string ExampleActor(int k) const;
  std::string ExampleDimension() const;
  bool ListWithoutBrackets(const std::string& name) const;
  const World& world() const { return world_; }
  Diagnostics& diags() const { return diags_; }
  // Where calendar.end was written: a date error in another file (a base
  // scenario's events after a variant's shorter calendar) points there too.
  const SourceLocation& calendar_end() const { return calendar_end_; }
  // " ('x' is disabled: enabled: false at file:line:column)" for an event the
  // scenario lists but has switched off, else "": appended to "unknown …" errors.
  std::string DisabledEventNote(const std::string& name) const;

 private:
  std::optional<std::vector<int>> ActorsByName(const std::string& name, const SourceLocation& where,
                                               const std::string& what) const;
  // The actor with this id (the first, as World::ActorIndex), or −1.
  int ActorIndex(const std::string& id) const;

  const World& world_;
  Diagnostics& diags_;
  SourceLocation calendar_end_;
  const ConfigNode* events_;
  // Id → index, built once: a table of thousands of actors with tens of
  // thousands of relation pairs looked every side up by a linear search.
  std::unordered_map<std::string, int> actor_index_;
};

}  // namespace diplosim
