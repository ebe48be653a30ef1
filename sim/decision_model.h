#pragma once

namespace diplosim {

struct StepContext;

// What the step loop asks of an actor model (implemented in actors/). Models
// are immutable and shared by all replicates and threads; anything a model
// remembers lives in the State.
class DecisionModel {
 public:
  virtual ~DecisionModel() = default;
  // The decisions phase: actor `self` picks and applies one action.
  virtual void Decide(int self, StepContext& ctx) const = 0;
  // Probability in [0, 1] that `self` attends a negotiation whose mediators
  // are `mediators` (a 0/1 mask over actors). Default: always attends.
  virtual double AttendProbability(int self, const StepContext& ctx, const char* mediators) const;
};

}  // namespace diplosim
