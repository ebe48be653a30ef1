#include "sim/forecast.h"

#include "sim/state.h"

namespace diplosim {

void ComputeForecast(const State& s, Eigen::Ref<Eigen::VectorXd> out) {
  for (int d = 0; d < s.NumDimensions(); ++d) {
    const double total = s.capability.dot(s.salience.col(d));
    out(d) = total > 0.0 ? s.capability.cwiseProduct(s.salience.col(d)).dot(s.position.col(d)) / total
                         : s.position.col(d).mean();
  }
}

}  // namespace diplosim
