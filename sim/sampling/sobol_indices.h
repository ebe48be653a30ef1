#pragma once

#include <Eigen/Dense>
#include <cstdint>

namespace diplosim {

// Variance-based sensitivity indices with bootstrap confidence intervals.
struct SobolIndices {
  Eigen::VectorXd first, first_low, first_high;  // S_i and its CI
  Eigen::VectorXd total, total_low, total_high;  // S_Ti and its CI
};

// Saltelli (2010) first-order and Jansen (1999) total-effect estimators from
// model outputs on the Saltelli design: fA, fB (N), fAB (N × k, column i the
// outputs on A_B^(i)). With f0 and V the mean and variance of the pooled fA and fB,
//   S_i  = mean((fB − f0)(fAB_i − fA)) / V,
//   S_Ti = mean((fA − fAB_i)²) / (2V).
// Centring fB on f0 leaves the estimator's expectation unchanged (E[fAB_i − fA] = 0)
// and removes the outputs' mean from its variance.
// An output with no variance (the same value at every design point) has
// undefined indices: NaN, bounds included. Bootstrap resamples without variance
// are left out of the intervals.
// The CIs are bootstrap percentiles (rows resampled with replacement,
// `resamples` times, from a stream seeded by `seed`) at `confidence`; with
// no resamples there is no interval, and its bounds are NaN.
SobolIndices EstimateSobol(const Eigen::VectorXd& fA, const Eigen::VectorXd& fB, const Eigen::MatrixXd& fAB,
                           int resamples = 1000, double confidence = 0.95, std::uint64_t seed = 1);

// The share of the outputs' variance between design points that is Monte
// Carlo noise rather than the parameters' doing, when each output is a mean
// over `replicates` runs with sample standard deviation sd: η = mean(sd²) /
// replicates / var(means) (divisor n − 1). On the A and B rows of a Saltelli
// design that variance is V above, and with noise independent between points
// the estimates read S_Ti ≈ η + (1 − η) S_Ti° (Jansen's squared difference
// holds two noisy outputs) and S_i ≈ (1 − η) S_i° (only V holds the noise),
// ° noise-free. NaN when the means do not vary, fewer than two replicates
// leave the noise unknown, or an sd is not finite.
double ReplicateNoiseShare(const Eigen::VectorXd& means, const Eigen::VectorXd& sds, int replicates);

}  // namespace diplosim
