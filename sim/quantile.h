#pragma once

#include <vector>

namespace diplosim {

// The q-quantile (q in [0, 1]) by linear interpolation between order
// statistics (type 7 of Hyndman & Fan, NumPy's default); NaN for no values.
// Run summaries, sweep point summaries and bootstrap intervals all use it.
double QuantileOfSorted(const std::vector<double>& sorted, double q);
// The same for values in any order: sorts them in place first.
double Quantile(std::vector<double>& values, double q);

}  // namespace diplosim
