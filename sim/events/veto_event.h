#pragma once

#include <vector>

#include "sim/event.h"

namespace diplosim {

// `veto`: a veto holder blocks a resolution against the actors it protects.
// Protected actors warm to the holder (A_ph += a) and keep diplomatic standing
// (g_p += b); the resolution's sponsors cool (A_sh −= a).
class VetoEvent final : public Event {
 public:
  VetoEvent(Header header, int holder, std::vector<int> protects, std::vector<int> sponsors, double affinity,
            double diplomatic, std::string actors)
      : Event(std::move(header)),
        holder_(holder),
        protects_(std::move(protects)),
        sponsors_(std::move(sponsors)),
        affinity_(affinity),
        diplomatic_(diplomatic),
        actors_(std::move(actors)) {}
  void Apply(StepContext& ctx) const override;

 private:
  int holder_;
  std::vector<int> protects_;
  std::vector<int> sponsors_;
  double affinity_;
  double diplomatic_;
  std::string actors_;
};

}  // namespace diplosim
