#include "sim/sampling/distribution.h"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>

namespace diplosim {

double Distribution::Quantile(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  switch (kind) {
    case Kind::kUniform: return low + u * (high - low);
    case Kind::kLogUniform: return std::exp(std::log(low) + u * (std::log(high) - std::log(low)));
    case Kind::kNormal: {
      // Inverse-CDF sampling of the truncated normal: Φ⁻¹(Φ(a) + u (Φ(b) − Φ(a))).
      const boost::math::normal_distribution<double> n(mean, sd);
      const double pa = boost::math::cdf(n, low), pb = boost::math::cdf(n, high);
      const double p = std::clamp(pa + u * (pb - pa), 1e-300, 1.0 - 1e-16);
      return std::clamp(boost::math::quantile(n, p), low, high);
    }
    case Kind::kLevels: {
      const std::size_t k = std::min(levels.size() - 1, static_cast<std::size_t>(u * static_cast<double>(levels.size())));
      return levels[k];
    }
  }
  return low;
}

std::vector<double> Distribution::GridNodes(int n) const {
  if (kind == Kind::kLevels) return levels;
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(Quantile((i + 0.5) / n));
  return out;
}

bool Distribution::IsValid(std::string* why) const {
  auto fail = [&](std::string msg) {
    if (why) *why = std::move(msg);
    return false;
  };
  switch (kind) {
    case Kind::kUniform:
      if (!(low < high)) return fail("low must be below high");
      break;
    case Kind::kLogUniform:
      if (!(low > 0.0 && low < high)) return fail("log-uniform needs 0 < low < high");
      break;
    case Kind::kNormal:
      if (!(sd > 0.0)) return fail("sd must be > 0");
      if (!(low < high)) return fail("truncation bounds need low < high");
      break;
    case Kind::kLevels:
      if (levels.empty()) return fail("levels must not be empty");
      break;
  }
  return true;
}

}  // namespace diplosim
