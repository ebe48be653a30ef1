#pragma once

#include <string>

#include "sim/mechanism.h"

namespace diplosim {

// Parameters of the conflict mechanism (docs/model.md, "Conflict").
struct ConflictParams {
  bool enabled = true;
  double relaxation = 0.1;            // κ: share of the gap to the hostility target closed per step
  double ceasefire_residual = 0.25;   // ρ_c: covered dyads' target is ρ_c · H0
  double violation_rate = 0.05;       // v: violations per step per unit of pressure
  double spoiler_weight = 1.0;        // β: weight of designated actors' activity in the pressure
  double activity_weight = 1.0;       // γ: weight of the dyad's own activity
  double trust_loss = 0.02;           // affinity lost (both ways) per violation
  double violation_hostility = 0.03;  // hostility added per violation
  int collapse_after = 15;            // violations that collapse a ceasefire
  double attrition = 0.002;           // a: Lanchester coefficient
  double recovery = 0.02;             // r: military capability recovery rate toward m(0)
  double support_relaxation = 0.05;   // support relaxes toward its baseline at this rate
  double activity_decay = 0.3;        // share of activity lost per step
  double deference_decay = 0.02;      // share of deference lost per step

  bool IsValid(std::string* why) const;
};

struct World;
struct State;

// Fills State::coverage from the ceasefires in force; true if any is in force.
bool UpdateCoverage(const World& world, State& state);

// Hostility relaxation toward ceasefire-dependent targets, Poisson violations
// that cost trust and collapse ceasefires, Lanchester attrition with allied
// support, and the decay of support, activity and deference.
class ConflictMechanism final : public Mechanism {
 public:
  std::string_view Name() const override { return "conflict"; }
  void Step(StepContext& ctx) const override;
};

}  // namespace diplosim
