#pragma once

#include <Eigen/Dense>
#include <string>

#include "sim/mechanism.h"

namespace diplosim {

// Parameters of the influence mechanism (docs/model.md, "Influence").
struct InfluenceParams {
  double self_weight = 0.5;          // w: default weight an actor gives its own position
  double dependency_weight = 1.0;    // α_D: weight of dependency in who i listens to
  double affinity_weight = 1.0;      // α_A: weight of positive affinity
  double deference_weight = 1.0;     // α_G: weight of deference (raised by warnings)
  double salience_modulation = 1.0;  // σ in L_id = λ_i (1 − S_id)^σ; 0 turns modulation off
  double noise = 0.0;                // η: s.d. of the daily Gaussian shock to positions
  // If non-empty (N×N, row-stochastic), W is fixed to this matrix and never rebuilt:
  // with σ = 0 the engine is then exactly DeGroot (λ = 1) or Friedkin–Johnsen.
  Eigen::MatrixXd explicit_weights;

  bool IsValid(std::string* why) const;
};

struct World;
struct State;

// Rebuilds W from capability, dependency and positive affinity (or copies the
// explicit matrix), and L from λ and salience. Pure function of the state.
void RebuildInfluence(const World& world, State& state);

// One Friedkin–Johnsen step per dimension: X ← L∘(W X) + (1 − L)∘U, then noise.
class InfluenceMechanism final : public Mechanism {
 public:
  std::string_view Name() const override { return "influence"; }
  void Step(StepContext& ctx) const override;
};

}  // namespace diplosim
