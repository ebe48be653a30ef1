#pragma once

#include <vector>

#include "sim/event.h"

namespace diplosim {

// `statement` and `warning`: a public stance by one actor on some dimensions.
//  - Commitment: the speaker's anchor moves toward each stated position p_d,
//      U_sd ← U_sd + κ (p_d − U_sd).
//  - Signal: each audience member j revises its affinity toward the speaker by
//      A_js ← clip(A_js + φ Σ_d S_jd (1 − 2|X_jd − p_d|) / Σ_d S_jd), d over stated dims,
//    so listeners who agree warm to the speaker and those who disagree cool.
//  - Warning (targets): each target t defers more to the speaker and resents it,
//      G_ts += g,  A_ts −= ω.
// Logged with value = the mean agreement term over the audience.
class StatementEvent final : public Event {
 public:
  struct Stance {
    int dimension = 0;
    double position = 0.0;  // unit scale
  };
  struct Spec {
    int speaker = 0;
    std::vector<int> audience;
    std::vector<Stance> stances;
    double commitment = 0.1;  // κ in [0, 1]
    double signal = 0.05;     // φ in [0, 1]
    std::vector<int> targets;
    double deference = 0.0;   // g ≥ 0
    double resentment = 0.0;  // ω ≥ 0
  };
  StatementEvent(Header header, Spec spec, std::string actors)
      : Event(std::move(header)), spec_(std::move(spec)), actors_(std::move(actors)) {}
  void Apply(StepContext& ctx) const override;

 private:
  Spec spec_;
  std::string actors_;
};

}  // namespace diplosim
