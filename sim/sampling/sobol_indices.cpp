#include "sim/sampling/sobol_indices.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/quantile.h"
#include "sim/rng.h"

namespace diplosim {

namespace {

// f0 and V: the mean and variance (divisor 2n − 1) of the pooled outputs on the given rows.
struct Pooled {
  double mean = 0.0, var = 0.0;
};

Pooled PoolRows(const Eigen::VectorXd& fA, const Eigen::VectorXd& fB, const std::vector<int>& rows) {
  const int n = static_cast<int>(rows.size());
  Pooled p;
  for (int r : rows) p.mean += fA(r) + fB(r);
  p.mean /= 2.0 * n;
  for (int r : rows) p.var += (fA(r) - p.mean) * (fA(r) - p.mean) + (fB(r) - p.mean) * (fB(r) - p.mean);
  p.var /= 2.0 * n - 1.0;
  return p;
}

void Point(const Eigen::VectorXd& fA, const Eigen::VectorXd& fB, const Eigen::MatrixXd& fAB, const std::vector<int>& rows,
           Eigen::VectorXd& first, Eigen::VectorXd& total) {
  const int n = static_cast<int>(rows.size());
  const int k = static_cast<int>(fAB.cols());
  const auto [mean, var] = PoolRows(fA, fB, rows);
  for (int i = 0; i < k; ++i) {
    double s = 0.0, t = 0.0;
    for (int r : rows) {
      s += (fB(r) - mean) * (fAB(r, i) - fA(r));
      t += (fA(r) - fAB(r, i)) * (fA(r) - fAB(r, i));
    }
    // No variance, nothing to apportion: the indices are undefined, not zero.
    first(i) = var > 0 ? s / n / var : std::numeric_limits<double>::quiet_NaN();
    total(i) = var > 0 ? t / (2.0 * n) / var : std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace

SobolIndices EstimateSobol(const Eigen::VectorXd& fA, const Eigen::VectorXd& fB, const Eigen::MatrixXd& fAB,
                           int resamples, double confidence, std::uint64_t seed) {
  const int n = static_cast<int>(fA.size());
  const int k = static_cast<int>(fAB.cols());
  SobolIndices out;
  out.first.resize(k);
  out.total.resize(k);
  std::vector<int> all(n);
  for (int r = 0; r < n; ++r) all[r] = r;
  Point(fA, fB, fAB, all, out.first, out.total);

  std::vector<std::vector<double>> first_samples(k), total_samples(k);
  Rng rng(StreamKey{seed, 0, 0, StreamPurpose::kInitial, 3});
  std::vector<int> rows(n);
  Eigen::VectorXd f(k), t(k);
  for (int b = 0; b < resamples; ++b) {
    for (int r = 0; r < n; ++r) rows[r] = static_cast<int>(rng.Uniform() * n);
    Point(fA, fB, fAB, rows, f, t);
    // A resample that happens to hold one value only has undefined indices:
    // it is left out of the percentiles rather than counted as zero.
    for (int i = 0; i < k; ++i) {
      if (std::isfinite(f(i))) first_samples[i].push_back(f(i));
      if (std::isfinite(t(i))) total_samples[i].push_back(t(i));
    }
  }
  const double tail = (1.0 - confidence) / 2.0;
  out.first_low.resize(k);
  out.first_high.resize(k);
  out.total_low.resize(k);
  out.total_high.resize(k);
  for (int i = 0; i < k; ++i) {
    if (resamples == 0) {  // no interval was estimated: not one of zero width around the estimate
      out.first_low(i) = out.first_high(i) = out.total_low(i) = out.total_high(i) =
          std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    out.first_low(i) = Quantile(first_samples[i], tail);
    out.first_high(i) = Quantile(first_samples[i], 1.0 - tail);
    out.total_low(i) = Quantile(total_samples[i], tail);
    out.total_high(i) = Quantile(total_samples[i], 1.0 - tail);
  }
  return out;
}

double ReplicateNoiseShare(const Eigen::VectorXd& means, const Eigen::VectorXd& sds, int replicates) {
  const Eigen::Index n = means.size();
  if (n < 2 || replicates < 2) return std::numeric_limits<double>::quiet_NaN();
  const double var = (means.array() - means.mean()).square().sum() / static_cast<double>(n - 1);
  const double noise = sds.squaredNorm() / static_cast<double>(n) / replicates;
  if (!(var > 0.0) || !std::isfinite(noise)) return std::numeric_limits<double>::quiet_NaN();
  return noise / var;
}

}  // namespace diplosim
