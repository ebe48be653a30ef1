#pragma once

#include <string>
#include <vector>

namespace diplosim {

// The distribution of one swept parameter. Samplers draw points on the unit
// cube; Quantile maps a coordinate u ∈ [0, 1) to a parameter value.
struct Distribution {
  enum class Kind {
    kUniform,     // U(low, high)
    kLogUniform,  // exp(U(log low, log high)), low > 0
    kNormal,      // N(mean, sd) truncated to [low, high]
    kLevels,      // one of the listed values, equally likely
  };
  Kind kind = Kind::kUniform;
  double low = 0.0;
  double high = 1.0;
  double mean = 0.0;
  double sd = 1.0;
  std::vector<double> levels;

  double Quantile(double u) const;
  // Grid nodes: the levels, or `n` evenly spaced quantiles (u = (i + ½)/n).
  std::vector<double> GridNodes(int n) const;
  bool IsValid(std::string* why) const;
};

}  // namespace diplosim
