#pragma once

#include <Eigen/Dense>

namespace diplosim {

struct State;

// Small state changes shared by events and actor models. Each keeps the
// state's invariants (ranges, symmetry) so callers need not.

// A_ij += delta, clipped to [−1, 1]; i = j is ignored.
void AddAffinity(State& s, int i, int j, double delta);
// A_ij and A_ji += delta.
void AddMutualAffinity(State& s, int i, int j, double delta);
// Dp_ij += delta, clipped to [0, 1].
void AddDependency(State& s, int i, int j, double delta);
// G_ij += delta, ≥ 0: i pays more attention to j.
void AddDeference(State& s, int i, int j, double delta);
// Sup_ij += delta (≥ 0); with `baseline` also the level it relaxes to.
void AddSupport(State& s, int i, int j, double delta, bool baseline);
// H0_ij = H0_ji ← max(0, H0_ij · factor): scales the uncovered hostility target.
void ScaleHostilityBase(State& s, int i, int j, double factor);
// H_ij = H_ji += delta and H0 by the same amount (≥ 0).
void AddHostility(State& s, int i, int j, double delta);
// U_id ← U_id + rate (target − U_id).
void MoveAnchorToward(State& s, int i, int d, double target, double rate);
// m_i += delta, ≥ 0 (military capability component).
void AddMilitary(State& s, int i, double delta);
// e_i += delta, ≥ 0 (economic capability component).
void AddEconomic(State& s, int i, double delta);

// Salience-weighted divergence of i and j over `dims` (all dims if empty):
//   δ_ij = Σ_d w_d |X_id − X_jd| / Σ_d w_d,  w_d = (S_id + S_jd) / 2.
double Divergence(const State& s, int i, int j, const Eigen::VectorXi& dims);
// From i's point of view over all dimensions: Σ_d S_id |X_id − X_jd|.
double PerceivedDistance(const State& s, int i, int j);

}  // namespace diplosim
