#pragma once

#include "sim/event.h"

namespace diplosim {

// `ceasefire`: brings world.ceasefires[index] into force. Coverage, the
// hostility targets and violations are the conflict mechanism's business.
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
