#pragma once

#include <Eigen/Dense>
#include <ostream>
#include <vector>

namespace diplosim {

struct World;

// Quantile q ∈ [0, 1] of `values` by linear interpolation between order
// statistics (Hyndman & Fan type 7, numpy's default). `values` is reordered.
double Quantile(std::vector<double>& values, double q);

// Prints the end-of-run table: for each dimension the forecast's median and
// 5–95 % band across replicates at the end date, and the wall time.
// `final_forecasts` is replicates × dimensions, natural units.
void PrintRunSummary(std::ostream& out, const World& world, const Eigen::MatrixXd& final_forecasts,
                     double wall_seconds);

}  // namespace diplosim
