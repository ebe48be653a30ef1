#pragma once

#include <vector>

#include "sim/event.h"

namespace diplosim {

// `statement`: a public stance by one actor on some dimensions.
//  - Commitment: the speaker's anchor moves toward each stated position p_d,
//      U_sd ← U_sd + κ (p_d − U_sd).
//  - Signal: each audience member j revises its affinity toward the speaker by
//      A_js ← clip(A_js + φ Σ_d S_jd (1 − 2|X_jd − p_d|) / Σ_d S_jd), d over stated dims,
//    so listeners who agree warm to the speaker and those who disagree cool.
// Logged with value = the mean agreement term over the audience.
class StatementEvent final : public Event {
 public:
  struct Stance {
    int dimension = 0;
    double position = 0.0;  // unit scale
  };
  StatementEvent(Header header, int speaker, std::vector<int> audience, std::vector<Stance> stances,
                 double commitment, double signal, std::string actors)
      : Event(std::move(header)),
        speaker_(speaker),
        audience_(std::move(audience)),
        stances_(std::move(stances)),
        commitment_(commitment),
        signal_(signal),
        actors_(std::move(actors)) {}
  void Apply(StepContext& ctx) const override;

 private:
  int speaker_;
  std::vector<int> audience_;
  std::vector<Stance> stances_;
  double commitment_;  // κ in [0, 1]
  double signal_;      // φ in [0, 1]
  std::string actors_;
};

}  // namespace diplosim
