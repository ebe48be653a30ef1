#pragma once

#include <vector>

#include "sim/event.h"

namespace diplosim {

// `agreement` and `deal`: parties sign `count` agreements. Per agreement, every
// party i other than the provider p gains
//   Dp_ip += d,  e_i += g (economic capability),
// and every pair of parties gains mutual affinity a. An agreement may also
// state positions (anchors move U ← U + κ (p − U)) and cut the parties'
// hostility targets H0 × (1 − h). Without a provider there is no dependency
// or transfer.
class AgreementEvent final : public Event {
 public:
  struct Spec {
    std::vector<int> parties;
    int provider = -1;
    int count = 1;
    double dependency = 0.0;   // d per agreement
    double affinity = 0.0;     // a per agreement
    double economic = 0.0;     // g per agreement
    std::vector<std::pair<int, double>> stance;  // (dimension, unit position)
    double commitment = 0.0;   // κ
    double hostility_cut = 0.0;  // h
  };
  AgreementEvent(Header header, Spec spec, std::string actors)
      : Event(std::move(header)), spec_(std::move(spec)), actors_(std::move(actors)) {}
  void Apply(StepContext& ctx) const override;

 private:
  Spec spec_;
  std::string actors_;
};

}  // namespace diplosim
