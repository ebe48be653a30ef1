#include "sim/state_target.h"

#include <algorithm>
#include <cassert>

#include "sim/state.h"

namespace diplosim {

std::string_view FieldName(StateField field) {
  switch (field) {
    case StateField::kPosition: return "position";
    case StateField::kAnchor: return "anchor";
    case StateField::kSalience: return "salience";
    case StateField::kSusceptibility: return "susceptibility";
    case StateField::kCapability: return "capability";
    case StateField::kAffinity: return "affinity";
    case StateField::kDependency: return "dependency";
    case StateField::kHostility: return "hostility";
    case StateField::kSupport: return "support";
  }
  return "?";
}

bool IsPairField(StateField field) {
  return field == StateField::kAffinity || field == StateField::kDependency || field == StateField::kHostility ||
         field == StateField::kSupport;
}

namespace {
double& Ref(State& s, const StateTarget& t) {
  switch (t.field) {
    case StateField::kPosition: return s.position(t.i, t.k);
    case StateField::kAnchor: return s.anchor(t.i, t.k);
    case StateField::kSalience: return s.salience(t.i, t.k);
    case StateField::kSusceptibility: return s.susceptibility(t.i);
    case StateField::kCapability: return s.capability_components(t.i, t.k);
    case StateField::kAffinity: return s.affinity(t.i, t.k);
    case StateField::kDependency: return s.dependency(t.i, t.k);
    case StateField::kHostility: return s.hostility(t.i, t.k);
    case StateField::kSupport: return s.support(t.i, t.k);
  }
  assert(false);
  return s.position(0, 0);
}
}  // namespace

double ReadTarget(const State& state, const StateTarget& target) {
  return Ref(const_cast<State&>(state), target);
}

void ChangeTarget(State& s, const StateTarget& t, double value, bool add) {
  double& ref = Ref(s, t);
  double v = add ? ref + value : value;
  switch (t.field) {
    case StateField::kPosition:
    case StateField::kAnchor:
    case StateField::kSusceptibility:
    case StateField::kDependency:
      v = std::clamp(v, 0.0, 1.0);
      break;
    case StateField::kSalience:
      v = std::clamp(v, 0.0, 1.0);
      break;
    case StateField::kCapability:
    case StateField::kHostility:
    case StateField::kSupport:
      v = std::max(v, 0.0);
      break;
    case StateField::kAffinity:
      v = std::clamp(v, -1.0, 1.0);
      break;
  }
  ref = v;
  if (t.field == StateField::kHostility) s.hostility(t.k, t.i) = v;
  if (t.field == StateField::kSalience) {
    // Keep the row a distribution: the other issues absorb the change in proportion.
    auto row = s.salience.row(t.i);
    const double others = row.sum() - v;
    if (others > 0.0) {
      const double scale = (1.0 - v) / others;
      for (int d = 0; d < row.size(); ++d)
        if (d != t.k) row(d) *= scale;
    } else {
      row.setZero();
      row(t.k) = 1.0;
    }
  }
}

}  // namespace diplosim
