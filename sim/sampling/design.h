#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/sampling/distribution.h"

namespace diplosim {

// How the points of a sweep are chosen.
enum class SamplerKind { kGrid, kRandom, kLatinHypercube, kSobol };

// A sweep's design: one row per point, one column per parameter, in the
// parameters' own units.
struct Design {
  Eigen::MatrixXd values;
  // Sobol/Saltelli designs: the base sample size N and the number of
  // parameters k, rows ordered A (N), B (N), then A_B^(1) … A_B^(k) (N each).
  int saltelli_base = 0;

  int NumPoints() const { return static_cast<int>(values.rows()); }
};

// Full factorial grid over every parameter's nodes (its levels, or
// `per_dimension` quantiles of a continuous distribution).
Design GridDesign(const std::vector<Distribution>& params, int per_dimension);
// Independent uniform draws on the unit cube.
Design RandomDesign(const std::vector<Distribution>& params, int points, std::uint64_t seed);
// Latin hypercube: each parameter's [0, 1) split into `points` strata with
// exactly one point in each; strata randomly paired across parameters.
Design LatinHypercubeDesign(const std::vector<Distribution>& params, int points, std::uint64_t seed);
// Saltelli's scheme on a Sobol sequence of dimension 2k (skipping the origin):
// A and B are its two halves and A_B^(i) is A with column i from B. N(k + 2) rows.
Design SaltelliDesign(const std::vector<Distribution>& params, int base_points);

// Unit-cube points → parameter values via each parameter's quantile function.
Eigen::MatrixXd MapToParameters(const std::vector<Distribution>& params, const Eigen::MatrixXd& unit);

}  // namespace diplosim
