#include "sim/quantile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace diplosim {

double QuantileOfSorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = q * static_cast<double>(sorted.size() - 1);
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double Quantile(std::vector<double>& values, double q) {
  std::sort(values.begin(), values.end());
  return QuantileOfSorted(values, q);
}

}  // namespace diplosim
