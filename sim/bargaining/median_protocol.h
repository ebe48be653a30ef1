#pragma once

#include "sim/bargaining/bargaining_protocol.h"

namespace diplosim {

// `median`: on each issue, the weighted median of positions with weights
// clout_pk = c_p · S_pk (the classic forecasting baseline).
class MedianProtocol final : public BargainingProtocol {
 public:
  std::string_view Name() const override { return "median"; }
  BargainingResult Solve(const BargainingProblem& problem) const override;
};

}  // namespace diplosim
