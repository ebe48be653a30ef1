#pragma once

#include <vector>

#include "sim/event.h"

namespace diplosim {

// `declaration`: signatories jointly commit to stated positions and draw closer.
//   U_id ← U_id + κ (p_d − U_id) for every signatory i and stated d;
//   A_ij += a for every pair of signatories.
class DeclarationEvent final : public Event {
 public:
  struct Stance {
    int dimension = 0;
    double position = 0.0;  // unit scale
  };
  DeclarationEvent(Header header, std::vector<int> signatories, std::vector<Stance> stances, double commitment,
                   double affinity_gain, std::string actors)
      : Event(std::move(header)),
        signatories_(std::move(signatories)),
        stances_(std::move(stances)),
        commitment_(commitment),
        affinity_gain_(affinity_gain),
        actors_(std::move(actors)) {}
  void Apply(StepContext& ctx) const override;

 private:
  std::vector<int> signatories_;
  std::vector<Stance> stances_;
  double commitment_;
  double affinity_gain_;
  std::string actors_;
};

}  // namespace diplosim
