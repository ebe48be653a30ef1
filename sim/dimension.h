#pragma once

#include <string>

namespace diplosim {

// An issue dimension. The core works on the unit interval [0, 1]; scenarios
// write and reports show positions on the dimension's natural range [low, high]
// (e.g. years 4–10), mapped linearly.
struct Dimension {
  std::string id;
  std::string label;
  std::string low_pole;   // meaning of position 0 (natural value `low`)
  std::string high_pole;  // meaning of position 1 (natural value `high`)
  double low = 0.0;
  double high = 1.0;

  double ToUnit(double natural) const { return (natural - low) / (high - low); }
  double ToNatural(double unit) const { return low + unit * (high - low); }
};

}  // namespace diplosim
