#pragma once

#include <vector>

#include "sim/event.h"
#include "sim/state_target.h"

namespace diplosim {

// `shock`: sets or adds to values of the state addressed by path. Each change
// keeps the state's invariants (see ChangeTarget). Logged with value = number
// of values changed.
class ShockEvent final : public Event {
 public:
  struct Change {
    StateTarget target;
    double value = 0.0;  // on the unit scale for positions and anchors
    bool add = false;
  };
  ShockEvent(Header header, std::vector<Change> changes, std::string actors)
      : Event(std::move(header)), changes_(std::move(changes)), actors_(std::move(actors)) {}
  void Apply(StepContext& ctx) const override;

 private:
  std::vector<Change> changes_;
  std::string actors_;
};

}  // namespace diplosim
