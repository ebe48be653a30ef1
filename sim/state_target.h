#pragma once

#include <string_view>

namespace diplosim {

struct State;

// A single number of the state, addressed the way shock and trigger paths do
// (e.g. position.iran.militia_presence, affinity.russia.iran).
enum class StateField {
  kPosition,        // i = actor, k = dimension
  kAnchor,          // i = actor, k = dimension
  kSalience,        // i = actor, k = dimension; the row is renormalised after a change
  kSusceptibility,  // i = actor
  kCapability,      // i = actor, k = component (military, economic, diplomatic)
  kAffinity,        // i → k
  kDependency,      // i → k
  kHostility,       // i – k, kept symmetric
  kSupport,         // i → k; relaxes toward the level deployments set
};

// Fields addressed by a pair of actors (FIELD.A.B) rather than an actor and a dimension or component.
bool IsPairField(StateField field);

struct StateTarget {
  StateField field = StateField::kPosition;
  int i = 0;
  int k = 0;
};

std::string_view FieldName(StateField field);
double ReadTarget(const State& state, const StateTarget& target);
// Sets (or adds to) the value, then restores the state's invariants: clamps to
// the field's range, renormalises salience, mirrors hostility.
void ChangeTarget(State& state, const StateTarget& target, double value, bool add);

}  // namespace diplosim
