#pragma once

#include "sim/bargaining/bargaining_protocol.h"

namespace diplosim {

// `nash`: the asymmetric Nash bargaining solution over the agenda box,
//   y* = argmax_{y ∈ [0,1]^K} Π_p (U_p(y) − U_p(q))^{c_p},
// i.e. the maximiser of F(y) = Σ_p c_p log(U_p(y) − U_p(q)) over the points that
// improve on q for every participant. F is concave there (a sum of logs of
// concave functions), so projected gradient ascent from the best of a set of
// candidate points finds the maximum. No such point: zone = false.
class NashProtocol final : public BargainingProtocol {
 public:
  std::string_view Name() const override { return "nash"; }
  BargainingResult Solve(const BargainingProblem& problem) const override;

  // F(y); −∞ outside the zone of agreement.
  static double Objective(const BargainingProblem& problem, const Eigen::VectorXd& y);
};

}  // namespace diplosim
