#pragma once

#include <string>

#include "sim/mechanism.h"

namespace diplosim {

// Parameters of affinity drift (docs/model.md, "Affinity").
struct AffinityParams {
  bool enabled = true;
  double rate = 0.02;             // ρ: share of the gap to the target closed per step
  double hostility_weight = 0.5;  // κ_H: how much fighting lowers the target

  bool IsValid(std::string* why) const;
};

// Homophily: A_ij drifts toward 1 − 2 δ_ij − κ_H H_ij, where δ_ij is the
// salience-weighted distance from i's point of view.
class AffinityMechanism final : public Mechanism {
 public:
  std::string_view Name() const override { return "affinity"; }
  void Step(StepContext& ctx) const override;
};

}  // namespace diplosim
