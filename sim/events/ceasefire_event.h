#pragma once

#include "sim/event.h"

namespace diplosim {

// `ceasefire`: brings world.ceasefires[index] into force and, if the spec says
// so, raises the parties' hostility toward the excluded (H and H0 += h). Coverage,
// the hostility targets and violations are the conflict mechanism's business.
class CeasefireEvent final : public Event {
 public:
  CeasefireEvent(Header header, int index, std::string actors)
      : Event(std::move(header)), index_(index), actors_(std::move(actors)) {}
  void Apply(StepContext& ctx) const override;

 private:
  int index_;
  std::string actors_;
};

}  // namespace diplosim
