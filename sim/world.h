#pragma once

#include <Eigen/Dense>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/actor_spec.h"
#include "sim/affinity.h"
#include "sim/calendar.h"
#include "sim/ceasefire_spec.h"
#include "sim/conflict.h"
#include "sim/decision_model.h"
#include "sim/dimension.h"
#include "sim/event.h"
#include "sim/events/trigger_event.h"
#include "sim/influence.h"
#include "sim/mechanism.h"
#include "sim/population.h"
#include "sim/state.h"

namespace diplosim {

// All mechanism parameters of a scenario, with the documented defaults.
struct ModelParams {
  Eigen::Vector3d capability_weights{0.5, 0.25, 0.25};  // military, economic, diplomatic
  InfluenceParams influence;
  AffinityParams affinity;
  ConflictParams conflict;
  // Actors with a model decide every this many steps. The scenario's default is
  // about a week (Calendar::StepsNearestAWeek); 7 is that for daily steps.
  int decision_interval = 7;
};

// The frozen scenario: everything a replicate needs, validated, with actor and
// dimension references resolved to indices. Built once, shared read-only by all
// replicates and threads.
struct World {
  std::string title;
  Calendar calendar;
  std::vector<Dimension> dimensions;
  std::vector<ActorSpec> actors;
  std::map<std::string, std::vector<int>> groups;  // group id → member actor indices
  ModelParams params;
  State initial;  // relations and actor values at the start date
  std::vector<std::unique_ptr<const Event>> events;
  std::vector<std::unique_ptr<const Mechanism>> mechanisms;
  std::vector<CeasefireSpec> ceasefires;        // declared by ceasefire events
  std::vector<std::string> negotiations;        // names of negotiation events, in file order
  // Watched every step from their date (not in `events`); each has a fired flag per replicate.
  std::vector<std::unique_ptr<const TriggerEvent>> triggers;
  // Agent populations attached to actors, and their agents' initial positions
  // (anchors), both fixed for all replicates.
  std::vector<PopulationSpec> populations;
  std::vector<Eigen::MatrixXd> population_anchors;
  // One per actor; null for actors without a model (they never act on their own).
  std::vector<std::shared_ptr<const DecisionModel>> decision_models;

  int NumActors() const { return static_cast<int>(actors.size()); }
  int NumDimensions() const { return static_cast<int>(dimensions.size()); }
  int ActorIndex(const std::string& id) const;  // −1 if unknown
  int DimensionIndex(const std::string& id) const;
};

// Completes a world filled in by a loader: fills the initial state from the
// actor specs, sorts events into (date, priority, sequence) order, installs the
// mechanisms and computes derived quantities. Asserts the invariants that the
// loader's validation guarantees.
void Freeze(World& world);

// Capability c = components · weights for every actor.
void UpdateCapability(const World& world, State& state);

}  // namespace diplosim
