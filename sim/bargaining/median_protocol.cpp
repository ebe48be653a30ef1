#include "sim/bargaining/median_protocol.h"

namespace diplosim {

BargainingResult MedianProtocol::Solve(const BargainingProblem& pr) const {
  BargainingResult out;
  out.outcome.resize(pr.NumIssues());
  for (int k = 0; k < pr.NumIssues(); ++k)
    out.outcome(k) = WeightedMedian(pr.position.col(k), pr.capability.cwiseProduct(pr.salience.col(k)));
  return out;
}

}  // namespace diplosim
