#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

namespace diplosim {

// What a random stream is used for. Each purpose gets its own stream so that
// adding draws for one purpose never shifts the draws of another.
enum class StreamPurpose : std::uint64_t {
  kInfluenceNoise = 1,
  kConflict = 2,
  kDecision = 3,     // qualified by the actor index
  kNegotiation = 4,  // qualified by the event sequence number
  kEvent = 5,        // qualified by the event sequence number
  kInitial = 6,
  kNetwork = 7,     // a population's network (scenario-level, not per replicate)
  kPopulation = 8,  // a population's initial positions (scenario-level), qualified by population
};

// Identifies one stream: DESIGN §9's (master seed, point, replicate, purpose),
// plus a qualifier (an actor or event index) for per-entity purposes.
struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t point = 0;
  std::uint64_t replicate = 0;
  StreamPurpose purpose = StreamPurpose::kInitial;
  std::uint64_t qualifier = 0;
  // The step the draws belong to: streams are counter-based (a fresh stream per
  // step), so no generator state has to be carried from one step to the next.
  std::uint64_t step = 0;
};

// xoshiro256** (Blackman & Vigna): small state, fast, and its output sequence
// is fully specified, so the same key gives the same bits on every platform.
// Distributions are implemented here rather than taken from <random>, whose
// algorithms differ between standard libraries.
class Rng {
 public:
  using result_type = std::uint64_t;
  explicit Rng(const StreamKey& key);
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()();
  double Uniform();                      // [0, 1), 53 random bits
  double Normal();                       // standard normal (ziggurat)
  // n standard normals, the ones n calls of Normal() would give, in one call.
  void FillNormal(double* out, std::size_t n);
  std::uint32_t Poisson(double lambda);  // Knuth's product method; lambda is capped at 50
  bool Bernoulli(double p) { return Uniform() < p; }

 private:
  std::uint64_t s_[4];
};

// SplitMix64 finaliser: the mixing step used to derive stream seeds.
std::uint64_t Mix64(std::uint64_t x);

}  // namespace diplosim
