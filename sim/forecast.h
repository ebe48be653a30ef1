#pragma once

#include <Eigen/Dense>

namespace diplosim {

struct State;

// Clout-weighted mean forecast per dimension, on the unit scale:
//   f_d = Σ_i c_i S_id X_id / Σ_i c_i S_id   (plain mean if no actor has clout).
void ComputeForecast(const State& state, Eigen::Ref<Eigen::VectorXd> out);

}  // namespace diplosim
