#include "output/chunk_encoder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace diplosim {
namespace {

constexpr std::size_t kRows = 90;
constexpr std::size_t kSlice = 121;

std::vector<unsigned char> Bytes(const std::vector<double>& values) {
  std::vector<unsigned char> bytes(values.size() * sizeof(double));
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

// Noise in every value at every time point, except in the first `quiet`
// columns, which hold one value for the whole series.
std::vector<double> Series(std::size_t quiet, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> normal(0.5, 0.1);
  std::vector<double> values(kRows * kSlice);
  for (std::size_t k = 0; k < kSlice; ++k) {
    const double constant = normal(gen);
    for (std::size_t t = 0; t < kRows; ++t) values[t * kSlice + k] = k < quiet ? constant : normal(gen);
  }
  return values;
}

// Independent decoding of a deflated chunk: zlib's own uncompress.
std::vector<unsigned char> Inflate(const std::vector<unsigned char>& packed, std::size_t bytes) {
  std::vector<unsigned char> out(bytes);
  uLongf size = static_cast<uLongf>(out.size());
  EXPECT_EQ(uncompress(out.data(), &size, packed.data(), static_cast<uLong>(packed.size())), Z_OK);
  EXPECT_EQ(size, out.size());
  return out;
}

TEST(EncodeChunk, DeflatesARepeatingSeriesToAStreamZlibInflates) {
  const std::vector<double> values = Series(/*quiet=*/100, 1);
  std::vector<unsigned char> out;
  ASSERT_EQ(EncodeChunk(values.data(), kRows, kSlice, 1, out), 0u);
  EXPECT_LT(out.size(), values.size() * sizeof(double) / 3);  // the quiet columns cost almost nothing
  EXPECT_EQ(Inflate(out, values.size() * sizeof(double)), Bytes(values));
}

TEST(EncodeChunk, StoresASeriesThatChangesEverywhereAsItIs) {
  const std::vector<double> values = Series(/*quiet=*/0, 2);
  std::vector<unsigned char> out;
  ASSERT_EQ(EncodeChunk(values.data(), kRows, kSlice, 1, out), kSkipDeflate);
  EXPECT_EQ(out, Bytes(values));
}

// The rule's edge: deflate from a quarter of repeated values up. 31 of 121
// columns repeat 89 of 90 times: 2,759 of 10,769 comparisons (25.6 %); 30
// columns make 24.8 %.
TEST(EncodeChunk, DeflatesFromAQuarterOfRepeatsUp) {
  std::vector<unsigned char> out;
  const std::vector<double> above = Series(31, 3);
  EXPECT_EQ(EncodeChunk(above.data(), kRows, kSlice, 1, out), 0u);
  EXPECT_EQ(Inflate(out, above.size() * sizeof(double)), Bytes(above));
  const std::vector<double> below = Series(30, 3);
  EXPECT_EQ(EncodeChunk(below.data(), kRows, kSlice, 1, out), kSkipDeflate);
  EXPECT_EQ(out, Bytes(below));
}

// Repeats count bit for bit: -0.0 after 0.0 is a change, as deflate sees it.
TEST(EncodeChunk, CountsRepeatsBitForBit) {
  std::vector<double> values(2 * 4, 0.0);
  for (std::size_t k = 0; k < 4; ++k) values[4 + k] = -0.0;
  std::vector<unsigned char> out;
  EXPECT_EQ(EncodeChunk(values.data(), 2, 4, 1, out), kSkipDeflate);
  EXPECT_EQ(out, Bytes(values));
}

// One time point gives nothing to compare: deflate is tried, and kept only if
// it makes the chunk smaller.
TEST(EncodeChunk, ASingleTimePointIsDeflatedOnlyIfThatIsSmaller) {
  std::vector<unsigned char> out;
  const std::vector<double> zeros(500, 0.0);
  ASSERT_EQ(EncodeChunk(zeros.data(), 1, zeros.size(), 1, out), 0u);
  EXPECT_EQ(Inflate(out, zeros.size() * sizeof(double)), Bytes(zeros));
  std::mt19937_64 gen(4);
  std::vector<double> noise(500);  // random bit patterns: deflate cannot shrink them
  for (double& v : noise) {
    const std::uint64_t bits = gen();
    std::memcpy(&v, &bits, sizeof v);
  }
  EXPECT_EQ(EncodeChunk(noise.data(), 1, noise.size(), 1, out), kSkipDeflate);
  EXPECT_EQ(out, Bytes(noise));
  const std::vector<double> one = {0.25};
  EXPECT_EQ(EncodeChunk(one.data(), 1, 1, 1, out), kSkipDeflate);
  EXPECT_EQ(out, Bytes(one));
}

}  // namespace
}  // namespace diplosim
