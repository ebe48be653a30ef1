#pragma once

#include <Eigen/Dense>

namespace diplosim {

struct World;

// The baseline of the "flagship" benchmark: the engine's three mechanisms
// (influence, affinity, conflict without violations) written as one bare Eigen
// loop over plain matrices, as an analyst would hand-code them. No events, no
// decisions, no recorder, no virtual calls. Must end in the same state as the
// engine on the same inputs (checked by the benchmark).
struct BareState {
  Eigen::MatrixXd X, U, S, A, Dp, H, H0, G, Sup, Sup0, comps;
  Eigen::VectorXd lambda, m0, activity;
};

BareState BareInitial(const World& world);
void BareRun(const World& world, BareState& s, int steps);

}  // namespace diplosim
