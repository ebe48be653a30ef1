#include "sim/sampling/sobol_sequence.h"

#include <cassert>

namespace diplosim {

namespace {

// Joe & Kuo (2008), dimensions 2–31: degree s of the primitive polynomial, its
// coefficients a, and the initial direction numbers m_1..m_s.
struct Primitive {
  int s;
  std::uint32_t a;
  std::uint32_t m[8];
};
constexpr Primitive kJoeKuo[] = {
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
    {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},
    {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},
};
static_assert(sizeof(kJoeKuo) / sizeof(kJoeKuo[0]) == SobolSequence::kMaxDimensions - 1);

}  // namespace

SobolSequence::SobolSequence(int dimensions) : dims_(dimensions) {
  assert(dimensions >= 1 && dimensions <= kMaxDimensions);
  directions_.assign(dims_, std::vector<std::uint32_t>(32));
  for (int i = 0; i < 32; ++i) directions_[0][i] = 1u << (31 - i);  // van der Corput: all m = 1
  for (int d = 1; d < dims_; ++d) {
    const Primitive& p = kJoeKuo[d - 1];
    auto& v = directions_[d];
    for (int i = 0; i < p.s; ++i) v[i] = p.m[i] << (31 - i);
    for (int i = p.s; i < 32; ++i) {
      v[i] = v[i - p.s] ^ (v[i - p.s] >> p.s);
      for (int k = 1; k < p.s; ++k) v[i] ^= ((p.a >> (p.s - 1 - k)) & 1u) * v[i - k];
    }
  }
}

Eigen::MatrixXd SobolSequence::Points(int n, int skip) {
  Eigen::MatrixXd out(n, dims_);
  std::vector<std::uint32_t> x(dims_, 0);
  for (int i = 0; i < skip + n; ++i) {
    if (i >= skip)
      for (int d = 0; d < dims_; ++d) out(i - skip, d) = static_cast<double>(x[d]) * 0x1.0p-32;
    // Gray-code step: flip the direction of the lowest zero bit of i.
    int c = 0;
    for (std::uint32_t value = static_cast<std::uint32_t>(i); value & 1u; value >>= 1) ++c;
    for (int d = 0; d < dims_; ++d) x[d] ^= directions_[d][c];
  }
  return out;
}

}  // namespace diplosim
