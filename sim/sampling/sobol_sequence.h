#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace diplosim {

// Sobol's low-discrepancy sequence in up to kMaxDimensions dimensions, with the
// direction numbers of Joe & Kuo (2008), "Constructing Sobol sequences with
// better two-dimensional projections", SIAM J. Sci. Comput. 30 (file
// new-joe-kuo-6.21201). Points are generated in Gray-code order; point 0 is
// the origin.
class SobolSequence {
 public:
  static constexpr int kMaxDimensions = 31;
  explicit SobolSequence(int dimensions);

  // The first n points (n × dimensions), starting with point `skip`.
  Eigen::MatrixXd Points(int n, int skip = 0);

 private:
  int dims_;
  std::vector<std::vector<std::uint32_t>> directions_;  // per dimension, 32 direction numbers
};

}  // namespace diplosim
