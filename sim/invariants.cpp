#include "sim/invariants.h"

#include <cmath>

#include "sim/state.h"

namespace diplosim {

namespace {

std::string InRange(const Eigen::MatrixXd& m, const char* name, double lo, double hi, double tol) {
  for (int i = 0; i < m.rows(); ++i)
    for (int j = 0; j < m.cols(); ++j) {
      const double v = m(i, j);
      if (!std::isfinite(v) || v < lo - tol || v > hi + tol)
        return std::string(name) + "(" + std::to_string(i) + ", " + std::to_string(j) + ") = " + std::to_string(v) +
               " outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    }
  return "";
}

}  // namespace

std::string CheckInvariants(const State& s, double tol) {
  const double inf = INFINITY;
  for (auto [m, name, lo, hi] : {std::tuple{&s.position, "position", 0.0, 1.0}, {&s.anchor, "anchor", 0.0, 1.0},
                                 {&s.salience, "salience", 0.0, 1.0}, {&s.dependency, "dependency", 0.0, 1.0},
                                 {&s.affinity, "affinity", -1.0, 1.0}, {&s.hostility, "hostility", 0.0, inf},
                                 {&s.influence, "influence", 0.0, 1.0}, {&s.support, "support", 0.0, inf},
                                 {&s.deference, "deference", 0.0, inf}, {&s.hostility_base, "hostility_base", 0.0, inf},
                                 {&s.capability_components, "capability", 0.0, inf},
                                 {&s.effective_susceptibility, "susceptibility (L)", 0.0, 1.0}})
    if (std::string e = InRange(*m, name, lo, hi, tol); !e.empty()) return e;
  for (const auto& agents : s.population_position)
    if (std::string e = InRange(agents, "population position", 0.0, 1.0, tol); !e.empty()) return e;
  for (int i = 0; i < s.NumActors(); ++i) {
    if (std::abs(s.salience.row(i).sum() - 1.0) > tol) return "salience row " + std::to_string(i) + " sums to " + std::to_string(s.salience.row(i).sum());
    if (std::abs(s.influence.row(i).sum() - 1.0) > tol) return "influence row " + std::to_string(i) + " sums to " + std::to_string(s.influence.row(i).sum());
    if (s.affinity(i, i) != 1.0) return "affinity(" + std::to_string(i) + ", " + std::to_string(i) + ") is not 1";
    if (s.hostility(i, i) != 0.0) return "hostility(" + std::to_string(i) + ", " + std::to_string(i) + ") is not 0";
    if (!(s.activity(i) >= 0.0)) return "activity(" + std::to_string(i) + ") < 0";
    for (int j = 0; j < i; ++j)
      if (std::abs(s.hostility(i, j) - s.hostility(j, i)) > tol) return "hostility is not symmetric at (" + std::to_string(i) + ", " + std::to_string(j) + ")";
  }
  return "";
}

}  // namespace diplosim
