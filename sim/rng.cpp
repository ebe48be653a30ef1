#include "sim/rng.h"

#include <algorithm>
#include <cmath>

#include <boost/random/normal_distribution.hpp>

namespace diplosim {

std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

namespace {
std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Rng::Rng(const StreamKey& key) {
  // Chain the key's fields through the mixer so nearby keys give unrelated streams.
  std::uint64_t h = Mix64(key.seed);
  h = Mix64(h ^ key.point);
  h = Mix64(h ^ key.replicate);
  h = Mix64(h ^ static_cast<std::uint64_t>(key.purpose));
  h = Mix64(h ^ key.qualifier);
  h = Mix64(h ^ key.step);
  for (auto& word : s_) {
    h = Mix64(h);
    word = h;
  }
}

Rng::result_type Rng::operator()() {
  const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

double Rng::Uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

double Rng::Normal() {
  // Boost's ziggurat (Marsaglia & Tsang; Doornik's variant): about one 64-bit
  // draw and a table look-up per variate, against a log and a sincos for
  // Box–Muller, which dominated the influence step. Its algorithm is fixed in
  // Boost's headers, unlike <random>'s normal_distribution, so the bits depend
  // only on this stream.
  boost::random::normal_distribution<double> standard;
  return standard(*this);
}

void Rng::FillNormal(double* out, std::size_t n) {
  // The loop sees Boost's ziggurat and the generator inlined, unlike n calls.
  boost::random::normal_distribution<double> standard;
  for (std::size_t k = 0; k < n; ++k) out[k] = standard(*this);
}

std::uint32_t Rng::Poisson(double lambda) {
  if (!(lambda > 0.0)) return 0;
  // Rates in this model are events per day per dyad, far below the cap; the cap
  // bounds the loop for any input.
  const double rate = std::min(lambda, 50.0);
  double product = Uniform();
  // k = 0 iff the first draw is at most e^−λ. Since 1 − λ ≤ e^−λ, a draw at or
  // below 1 − λ settles it without computing exp: the common case for small
  // rates, and the same answer (and draws) as the full method.
  if (product <= 1.0 - rate) return 0;
  const double limit = std::exp(-rate);
  std::uint32_t k = 0;
  while (product > limit) {
    ++k;
    product *= Uniform();
  }
  return k;
}

}  // namespace diplosim
