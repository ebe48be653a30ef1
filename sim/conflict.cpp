#include "sim/conflict.h"

#include <algorithm>
#include <optional>

#include "sim/effects.h"
#include "sim/world.h"

namespace diplosim {

bool ConflictParams::IsValid(std::string* why) const {
  auto fail = [&](std::string msg) {
    if (why) *why = std::move(msg);
    return false;
  };
  for (auto [name, v] : {std::pair{"relaxation", relaxation}, {"ceasefire_residual", ceasefire_residual},
                         {"support_relaxation", support_relaxation}, {"activity_decay", activity_decay},
                         {"deference_decay", deference_decay}, {"recovery", recovery}})
    if (!(v >= 0.0 && v <= 1.0)) return fail(std::string(name) + " = " + std::to_string(v) + "; must be in [0, 1]");
  for (auto [name, v] : {std::pair{"violation_rate", violation_rate}, {"spoiler_weight", spoiler_weight},
                         {"activity_weight", activity_weight}, {"trust_loss", trust_loss},
                         {"violation_hostility", violation_hostility}, {"attrition", attrition}})
    if (!(v >= 0.0)) return fail(std::string(name) + " = " + std::to_string(v) + "; must be >= 0");
  if (collapse_after < 1) return fail("collapse_after = " + std::to_string(collapse_after) + "; must be >= 1");
  return true;
}

bool UpdateCoverage(const World& world, State& s) {
  const int n = s.NumActors();
  s.coverage.setZero();
  bool any_in_force = false;
  for (std::size_t c = 0; c < s.ceasefires.size(); ++c) {
    const State::Ceasefire& cf = s.ceasefires[c];
    if (cf.status != State::CeasefireStatus::kInForce) continue;
    any_in_force = true;
    for (int i = 0; i < n; ++i) {
      if (!cf.covered[i]) continue;
      for (int j = 0; j < n; ++j)
        if (j != i && cf.covered[j]) s.coverage(i, j) = 1.0;
    }
  }
  (void)world;
  return any_in_force;
}

void ConflictMechanism::Step(StepContext& ctx) const {
  const World& world = ctx.world;
  const ConflictParams& p = world.params.conflict;
  State& s = ctx.state;
  const int n = s.NumActors();
  const bool any_in_force = UpdateCoverage(world, s);

  // Hostility relaxes toward T_ij = H0_ij · R_ij, R_ij = ρ_c where a ceasefire in
  // force covers the dyad (or the smallest residual its ceasefires declare), else 1.
  // H, H0 and coverage are symmetric, so the result is too; the diagonal is no dyad.
  Eigen::VectorXd& diagonal = s.work_n;
  diagonal = s.hostility.diagonal();
  if (!any_in_force) {
    // No dyad is covered, every R_ij is 1, and H0 · 1 = H0 exactly: the same result, without R.
    s.hostility += p.relaxation * (s.hostility_base - s.hostility);
  } else {
    // Coverage is exactly 0 or 1, so ρ_c C + (1 − C) is exactly ρ_c or 1, in one vectorised pass.
    Eigen::MatrixXd& residual = s.work_nn;
    residual.array() = p.ceasefire_residual * s.coverage.array() + (1.0 - s.coverage.array());
    for (std::size_t c = 0; c < s.ceasefires.size(); ++c) {
      const double own = world.ceasefires[c].residual;
      if (s.ceasefires[c].status != State::CeasefireStatus::kInForce || own < 0.0) continue;
      const auto& covered = s.ceasefires[c].covered;
      for (int j = 0; j < n; ++j)
        if (covered[j])
          for (int i = 0; i < n; ++i)
            if (covered[i] && s.coverage(i, j) > 0.0) residual(i, j) = std::min(residual(i, j), own);
    }
    s.hostility += p.relaxation * (s.hostility_base.cwiseProduct(residual) - s.hostility);
  }
  s.hostility.diagonal() = diagonal;

  // Violations in covered, fighting dyads: k ~ Poisson(v (H_ij + β P + γ (a_i + a_j))),
  // P = Σ activity of designated actors (spoilers). Without a ceasefire in force there are none.
  double spoiler_pressure = 0.0;
  if (any_in_force)
    for (int k = 0; k < n; ++k)
      if (world.actors[k].Flag("designated")) spoiler_pressure += s.activity(k);
  std::optional<Rng> rng;  // made at the first covered, fighting dyad: many steps have none
  for (int i = 0; any_in_force && i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      if (s.coverage(i, j) == 0.0 || s.hostility_base(i, j) <= 0.0) continue;
      if (!rng) rng.emplace(ctx.Stream(StreamPurpose::kConflict));
      const double rate = p.violation_rate * (s.hostility(i, j) + p.spoiler_weight * spoiler_pressure +
                                              p.activity_weight * (s.activity(i) + s.activity(j)));
      const std::uint32_t k = rng->Poisson(rate);
      if (k == 0) continue;
      AddMutualAffinity(s, i, j, -p.trust_loss * k);
      s.hostility(i, j) = s.hostility(j, i) = s.hostility(i, j) + p.violation_hostility * k;
      for (std::size_t c = 0; c < s.ceasefires.size(); ++c) {
        State::Ceasefire& cf = s.ceasefires[c];
        if (cf.status != State::CeasefireStatus::kInForce || !cf.covered[i] || !cf.covered[j]) continue;
        cf.violations += static_cast<int>(k);
        const int limit = world.ceasefires[c].collapse_after > 0 ? world.ceasefires[c].collapse_after : p.collapse_after;
        const int dyad[] = {i, j};
        ctx.LogEvent("violation", world.ceasefires[c].name, dyad, "violation", static_cast<double>(k));
        if (cf.violations >= limit) {
          cf.status = State::CeasefireStatus::kCollapsed;
          ctx.LogEvent("ceasefire", world.ceasefires[c].name, "", "collapse", static_cast<double>(cf.violations));
        }
      }
    }
  }

  // Lanchester attrition, simultaneous for all actors: loss_i = a Σ_j H_ij E_j / (1 + σ_i),
  // E_j = m_j (1 + σ_j), σ_i = Σ_k Sup_ki (support received); then recovery toward m_i(0).
  // Both vectors are computed from the old military strengths before any is updated.
  Eigen::VectorXd& received = s.work_n;
  Eigen::VectorXd& strength = s.work_n2;
  received.noalias() = s.support.colwise().sum().transpose();
  strength = s.capability_components.col(kMilitary).cwiseProduct((received.array() + 1.0).matrix());
  Eigen::VectorXd& pressure = s.work_n3;  // Σ_j H_ij E_j, as one product down H's columns
  pressure.noalias() = s.hostility * strength;
  for (int i = 0; i < n; ++i) {
    const double loss = p.attrition * pressure(i) / (received(i) + 1.0);
    const double m = s.capability_components(i, kMilitary);
    s.capability_components(i, kMilitary) = std::max(0.0, m - loss + p.recovery * (s.military_base(i) - m));
  }

  s.support += p.support_relaxation * (s.support_base - s.support);
  s.activity *= (1.0 - p.activity_decay);
  s.deference *= (1.0 - p.deference_decay);
}

}  // namespace diplosim
