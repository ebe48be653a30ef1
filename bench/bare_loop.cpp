#include "bench/bare_loop.h"

#include <algorithm>
#include <cmath>

#include "sim/world.h"

namespace diplosim {

BareState BareInitial(const World& w) {
  const State& s = w.initial;
  BareState b;
  b.X = s.position;
  b.U = s.anchor;
  b.S = s.salience;
  b.A = s.affinity;
  b.Dp = s.dependency;
  b.H = s.hostility;
  b.H0 = s.hostility_base;
  b.G = s.deference;
  b.Sup = s.support;
  b.Sup0 = s.support_base;
  b.comps = s.capability_components;
  b.lambda = s.susceptibility;
  b.m0 = s.military_base;
  b.activity = s.activity;
  return b;
}

void BareRun(const World& w, BareState& s, int steps) {
  const int n = static_cast<int>(s.X.rows());
  const auto& ip = w.params.influence;
  const auto& ap = w.params.affinity;
  const auto& cp = w.params.conflict;
  Eigen::VectorXd c(n), self(n), received(n), strength(n), loss(n);
  Eigen::MatrixXd L(n, s.X.cols()), R(n, n), W(n, n), WX(n, s.X.cols());
  for (int i = 0; i < n; ++i) self(i) = w.actors[i].self_weight >= 0 ? w.actors[i].self_weight : ip.self_weight;
  for (int t = 0; t < steps; ++t) {
    c = s.comps * w.params.capability_weights;
    // Influence: L = λ (1 − S)^σ; r_ij = ĉ_j (α_D Dp + α_A A⁺ + α_G G); W; X ← L∘(WX) + (1 − L)∘U.
    // σ = 1 (the default) needs no pow: the obvious shortcut, which the engine takes too.
    if (ip.salience_modulation == 1.0)
      L = s.lambda.asDiagonal() * (1.0 - s.S.array()).matrix();
    else
      L = s.lambda.asDiagonal() * (1.0 - s.S.array()).pow(ip.salience_modulation).matrix();
    R = ip.dependency_weight * s.Dp + ip.affinity_weight * s.A.cwiseMax(0.0) + ip.deference_weight * s.G;
    for (int j = 0; j < n; ++j) R.col(j) *= c(j) / c.maxCoeff();
    R.diagonal().setZero();
    for (int i = 0; i < n; ++i) {
      const double total = R.row(i).sum();
      if (total > 0) {
        W.row(i) = R.row(i) * ((1.0 - self(i)) / total);
        W(i, i) = self(i);
      } else {
        W.row(i).setZero();
        W(i, i) = 1.0;
      }
    }
    WX.noalias() = W * s.X;
    s.X = L.cwiseProduct(WX) + (1.0 - L.array()).matrix().cwiseProduct(s.U);
    // Affinity: A_ij += ρ (1 − 2δ_ij − κ_H H_ij − A_ij), clipped.
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        if (i == j) continue;
        const double delta = (s.S.row(i).array() * (s.X.row(i) - s.X.row(j)).array().abs()).sum();
        s.A(i, j) = std::clamp(s.A(i, j) + ap.rate * (1.0 - 2.0 * delta - ap.hostility_weight * s.H(i, j) - s.A(i, j)), -1.0, 1.0);
      }
    // Conflict with no ceasefire in force: H → H0; Lanchester attrition; decays.
    s.H += cp.relaxation * (s.H0 - s.H);
    received = s.Sup.colwise().sum().transpose();
    strength = s.comps.col(0).cwiseProduct((received.array() + 1.0).matrix());
    loss.noalias() = s.H * strength;
    loss.array() *= cp.attrition / (received.array() + 1.0);
    for (int i = 0; i < n; ++i)
      s.comps(i, 0) = std::max(0.0, s.comps(i, 0) - loss(i) + cp.recovery * (s.m0(i) - s.comps(i, 0)));
    s.Sup += cp.support_relaxation * (s.Sup0 - s.Sup);
    s.activity *= (1.0 - cp.activity_decay);
    s.G *= (1.0 - cp.deference_decay);
  }
}

}  // namespace diplosim
