#pragma once

#include <Eigen/Dense>
#include <limits>
#include <memory>
#include <vector>

#include "sim/event.h"
#include "sim/state_target.h"

namespace diplosim {

// A condition on the state that a trigger watches.
struct TriggerCondition {
  enum class Kind {
    kDivergence,  // Divergence(a, b, dims)
    kValue,       // a state value addressed by path
    kViolations,  // violations of ceasefire `ceasefire`
    kCollapsed,   // 1 if ceasefire `ceasefire` has collapsed, else 0
  };
  Kind kind = Kind::kValue;
  int a = 0, b = 0;
  Eigen::VectorXi dims;
  StateTarget target;
  int ceasefire = 0;
  double above = -std::numeric_limits<double>::infinity();  // holds when value > above …
  double below = std::numeric_limits<double>::infinity();   // … and value < below
  int natural_dimension = -1;  // ≥ 0: a position or anchor, reported in this dimension's natural units

  double Value(const State& state) const;
  bool Holds(const State& state) const;
};

// `trigger`: from its date until `until`, checked after the scheduled events of
// every step; the first time its condition holds it applies its `then` events
// (in order, dated that day) and logs "fired" with the condition's value. It
// fires once per replicate unless `repeat` is set.
class TriggerEvent final : public Event {
 public:
  TriggerEvent(Header header, int index, TriggerCondition condition, Date until, bool repeat,
               std::vector<std::unique_ptr<const Event>> then)
      : Event(std::move(header)),
        index_(index),
        condition_(std::move(condition)),
        until_(until),
        repeat_(repeat),
        then_(std::move(then)) {}

  // Fires if due; called by the step loop.
  void Check(StepContext& ctx) const;
  void Apply(StepContext& ctx) const override;  // fires unconditionally
  Date until() const { return until_; }
  const std::vector<std::unique_ptr<const Event>>& then() const { return then_; }

 private:
  int index_;  // into State::triggers_fired
  TriggerCondition condition_;
  Date until_;
  bool repeat_;
  std::vector<std::unique_ptr<const Event>> then_;
};

}  // namespace diplosim
