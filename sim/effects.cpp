#include "sim/effects.h"

#include <algorithm>
#include <cmath>

#include "sim/state.h"

namespace diplosim {

void AddAffinity(State& s, int i, int j, double delta) {
  if (i == j) return;
  s.affinity(i, j) = std::clamp(s.affinity(i, j) + delta, -1.0, 1.0);
}

void AddMutualAffinity(State& s, int i, int j, double delta) {
  AddAffinity(s, i, j, delta);
  AddAffinity(s, j, i, delta);
}

void AddDependency(State& s, int i, int j, double delta) {
  if (i == j) return;
  s.dependency(i, j) = std::clamp(s.dependency(i, j) + delta, 0.0, 1.0);
}

void AddDeference(State& s, int i, int j, double delta) {
  if (i == j) return;
  s.deference(i, j) = std::max(0.0, s.deference(i, j) + delta);
}

void AddSupport(State& s, int i, int j, double delta, bool baseline) {
  if (i == j) return;
  s.support(i, j) = std::max(0.0, s.support(i, j) + delta);
  if (baseline) s.support_base(i, j) = std::max(0.0, s.support_base(i, j) + delta);
}

void ScaleHostilityBase(State& s, int i, int j, double factor) {
  if (i == j) return;
  const double v = std::max(0.0, s.hostility_base(i, j) * factor);
  s.hostility_base(i, j) = s.hostility_base(j, i) = v;
}

void AddHostility(State& s, int i, int j, double delta) {
  if (i == j) return;
  s.hostility(i, j) = s.hostility(j, i) = std::max(0.0, s.hostility(i, j) + delta);
  s.hostility_base(i, j) = s.hostility_base(j, i) = std::max(0.0, s.hostility_base(i, j) + delta);
}

void MoveAnchorToward(State& s, int i, int d, double target, double rate) {
  s.anchor(i, d) = std::clamp(s.anchor(i, d) + rate * (target - s.anchor(i, d)), 0.0, 1.0);
}

void AddMilitary(State& s, int i, double delta) {
  s.capability_components(i, 0) = std::max(0.0, s.capability_components(i, 0) + delta);
}

void AddEconomic(State& s, int i, double delta) {
  s.capability_components(i, 1) = std::max(0.0, s.capability_components(i, 1) + delta);
}

double Divergence(const State& s, int i, int j, const Eigen::VectorXi& dims) {
  double num = 0.0, den = 0.0;
  const int n = dims.size() > 0 ? static_cast<int>(dims.size()) : s.NumDimensions();
  for (int k = 0; k < n; ++k) {
    const int d = dims.size() > 0 ? dims(k) : k;
    const double w = 0.5 * (s.salience(i, d) + s.salience(j, d));
    num += w * std::abs(s.position(i, d) - s.position(j, d));
    den += w;
  }
  return den > 0.0 ? num / den : 0.0;
}

double PerceivedDistance(const State& s, int i, int j) {
  return (s.salience.row(i).array() * (s.position.row(i) - s.position.row(j)).array().abs()).sum();
}

}  // namespace diplosim
