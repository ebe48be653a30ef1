#pragma once

#include <Eigen/Dense>
#include <vector>

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

  // Political model (docs/model.md, "Conflict" and "Actor models").
  Eigen::MatrixXd intensity;        // N×D in [0, 1]: absolute stake in each issue (BDM's salience)
  Eigen::MatrixXd hostility_base;   // H0, N×N: the hostility a dyad returns to when no ceasefire covers it
  Eigen::MatrixXd support;          // Sup, N×N ≥ 0: support i gives j (air cover, ground forces)
  Eigen::MatrixXd support_base;     // Sup0: the level support relaxes to (moved by deployments)
  Eigen::MatrixXd deference;        // G, N×N ≥ 0: extra attention i pays j after warnings
  Eigen::VectorXd activity;         // operational tempo (offensives, attacks), decays
  Eigen::VectorXd military_base;    // m_i(0): the level military capability recovers toward
  Eigen::MatrixXd coverage;         // C, N×N in {0, 1}: dyads covered by a ceasefire in force (derived)

  enum class CeasefireStatus : int { kPending = 0, kInForce = 1, kCollapsed = 2 };
  struct Ceasefire {
    CeasefireStatus status = CeasefireStatus::kPending;
    int violations = 0;
    std::vector<char> covered;  // per actor: party or guarantor, not excluded (scope changes over time)
  };
  std::vector<Ceasefire> ceasefires;  // one per ceasefire event, in world order
  std::vector<char> triggers_fired;   // one per trigger event

  // Per population (World::populations): agents × dimensions, in [0, 1].
  std::vector<Eigen::MatrixXd> population_position;

  // Workspace reused every step so the step loop does not allocate.
  Eigen::MatrixXd work_nn;
  Eigen::MatrixXd work_nd;
  Eigen::VectorXd work_n;
  Eigen::VectorXd work_n2;
  Eigen::VectorXd work_n3;
  std::vector<Eigen::MatrixXd> population_work;

  int NumActors() const { return static_cast<int>(position.rows()); }
  // The N×N members above (affinity, dependency, hostility, influence,
  // hostility_base, support, support_base, deference, coverage, work_nn): a
  // state holds this many dense actor × actor matrices, its bulk at large N.
  static constexpr int kActorPairMatrices = 10;
  int NumDimensions() const { return static_cast<int>(position.cols()); }
};

}  // namespace diplosim
