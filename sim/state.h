#pragma once

#include <Eigen/Dense>

namespace diplosim {

// The mutable state of one replicate for N actors and D issue dimensions.
// Invariants after every phase: positions, anchors and salience in [0, 1];
// salience rows sum to 1; affinity in [-1, 1]; dependency in [0, 1];
// hostility ≥ 0 and symmetric; influence rows sum to 1.
struct State {
  Eigen::MatrixXd position;  // X, N×D
  Eigen::MatrixXd anchor;    // U, N×D: initial positions, moved only by commitments
  Eigen::MatrixXd salience;  // S, N×D
  Eigen::VectorXd susceptibility;           // λ_i, N
  Eigen::MatrixXd capability_components;    // N×3: military, economic, diplomatic
  Eigen::VectorXd capability;               // c = components · weights (derived)
  Eigen::MatrixXd affinity;                 // A, N×N
  Eigen::MatrixXd dependency;               // Dp, N×N: i needs j's support
  Eigen::MatrixXd hostility;                // H, N×N
  Eigen::MatrixXd influence;                // W, N×N (derived each step)
  Eigen::MatrixXd effective_susceptibility; // L, N×D (derived each step)

  // Workspace reused every step so the step loop does not allocate.
  Eigen::MatrixXd work_nn;
  Eigen::MatrixXd work_nd;

  int NumActors() const { return static_cast<int>(position.rows()); }
  int NumDimensions() const { return static_cast<int>(position.cols()); }
};

}  // namespace diplosim
