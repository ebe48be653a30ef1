#include "output/summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/world.h"

namespace diplosim {

double Quantile(std::vector<double>& values, double q) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const double h = q * static_cast<double>(values.size() - 1);
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

void PrintRunSummary(std::ostream& out, const World& world, const Eigen::MatrixXd& final_forecasts,
                     double wall_seconds) {
  std::size_t width = 9;
  for (const auto& d : world.dimensions) width = std::max(width, d.id.size());
  char line[512];
  out << "Forecast at " << world.calendar.end.ToString() << " (clout-weighted mean position; "
      << final_forecasts.rows() << " replicates)\n";
  std::snprintf(line, sizeof line, "  %-*s %10s %10s %10s   %s\n", static_cast<int>(width), "dimension", "median",
                "5%", "95%", "poles (low .. high)");
  out << line;
  for (int d = 0; d < world.NumDimensions(); ++d) {
    std::vector<double> v(final_forecasts.col(d).data(), final_forecasts.col(d).data() + final_forecasts.rows());
    const double p5 = Quantile(v, 0.05), p50 = Quantile(v, 0.5), p95 = Quantile(v, 0.95);
    const Dimension& dim = world.dimensions[d];
    std::snprintf(line, sizeof line, "  %-*s %10.4f %10.4f %10.4f   %s .. %s\n", static_cast<int>(width),
                  dim.id.c_str(), p50, p5, p95, dim.low_pole.c_str(), dim.high_pole.c_str());
    out << line;
  }
  std::snprintf(line, sizeof line, "Wall time: %.3f s\n", wall_seconds);
  out << line;
}

}  // namespace diplosim
