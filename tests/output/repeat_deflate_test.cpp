#include "output/repeat_deflate.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace diplosim {
namespace {

std::vector<unsigned char> Bytes(const std::vector<double>& values) {
  std::vector<unsigned char> bytes(values.size() * sizeof(double));
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

// Decodes `packed` with zlib's own inflate, which checks the stream's
// structure, its length and its Adler-32; it must be smaller than `raw` and
// give back every byte of it.
void ExpectInflatesTo(const std::vector<unsigned char>& packed, const std::vector<unsigned char>& raw) {
  EXPECT_LT(packed.size(), raw.size());
  std::vector<unsigned char> back(raw.size() + 1);  // one spare byte: a longer stream would show
  uLongf size = static_cast<uLongf>(back.size());
  ASSERT_EQ(uncompress(back.data(), &size, packed.data(), static_cast<uLong>(packed.size())), Z_OK);
  ASSERT_EQ(size, raw.size());
  back.resize(size);
  EXPECT_EQ(back, raw);
}

// Encodes with DeflateRepeats; the round trip must give back every byte.
void ExpectRoundTrip(const std::vector<double>& values, std::size_t slice) {
  const std::vector<unsigned char> raw = Bytes(values);
  std::vector<unsigned char> packed;
  ASSERT_TRUE(DeflateRepeats(raw.data(), raw.size(), slice * sizeof(double), packed));
  ExpectInflatesTo(packed, raw);
}

double Noise(std::mt19937_64& gen) { return std::uniform_real_distribution<double>(-1.0, 1.0)(gen); }

// A time series of `rows` slices in which each value repeats the one a slice
// earlier with probability `repeat`, and otherwise takes a new random value
// (or, with probability `zero`, a zero: runs at distance one value).
std::vector<double> Series(std::size_t rows, std::size_t slice, double repeat, double zero, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<double> values(rows * slice);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double u = coin(gen);
    if (i >= slice && u < repeat)
      values[i] = values[i - slice];
    else
      values[i] = u < repeat + zero ? 0.0 : Noise(gen);
  }
  return values;
}

TEST(DeflateRepeats, RoundTripsSeriesFromQuietToBusy) {
  for (double repeat : {0.3, 0.6, 0.9, 1.0})
    for (double zero : {0.0, 0.3}) {
      SCOPED_TRACE(testing::Message() << "repeat " << repeat << ", zero " << zero);
      ExpectRoundTrip(Series(90, 121, repeat, zero, 7), 121);
    }
}

// Runs are split into matches of at most 258 bytes and none under 3: runs of
// 8k bytes for every k up to 200 meet each remainder modulo 258, including
// 776 = 3 · 258 + 2, which a naive split would end with a 2-byte match.
TEST(DeflateRepeats, SplitsEveryRunLengthIntoValidMatches) {
  for (std::size_t run = 1; run <= 200; ++run) {
    SCOPED_TRACE(testing::Message() << "run of " << run << " values");
    std::mt19937_64 gen(run);
    std::vector<double> values;
    for (int k = 0; k < 3; ++k) values.push_back(Noise(gen));
    values.insert(values.end(), run, values.back());  // distance one value
    values.push_back(Noise(gen));
    values.insert(values.end(), 40, 0.0);  // enough zeros that the stream is smaller than the bytes
    ExpectRoundTrip(values, 4);
  }
  // A slice-back run of 97 values = 776 bytes.
  std::mt19937_64 gen(1);
  std::vector<double> values(97);
  for (double& v : values) v = Noise(gen);
  values.insert(values.end(), values.begin(), values.end());
  ExpectRoundTrip(values, 97);
}

// Distance codes span 1–32,768 bytes with up to 13 extra bits: slices of 1 to
// 4,096 values (the window) all decode.
TEST(DeflateRepeats, EncodesEverySliceUpToTheWindow) {
  for (std::size_t slice : {1, 2, 3, 5, 16, 17, 64, 97, 128, 129, 1000, 2049, 3072, 4095, 4096}) {
    SCOPED_TRACE(testing::Message() << "slice of " << slice << " values");
    ExpectRoundTrip(Series(6, slice, 0.8, 0.1, static_cast<unsigned>(slice)), slice);
  }
}

// Literal bytes take the 8- and 9-bit codes (below and from 144): every byte value appears.
TEST(DeflateRepeats, EncodesEveryByteValue) {
  std::vector<double> values;
  for (int first = 0; first < 256; first += 8) {
    unsigned char bytes[8];
    for (int b = 0; b < 8; ++b) bytes[b] = static_cast<unsigned char>(first + b);
    double v;
    std::memcpy(&v, bytes, sizeof v);
    values.push_back(v);
  }
  const std::size_t slice = values.size();
  for (int t = 0; t < 3; ++t) values.insert(values.end(), values.begin(), values.begin() + slice);
  ExpectRoundTrip(values, slice);
}

TEST(DeflateRepeats, RefusesWhatItCannotShrinkOrEncode) {
  std::mt19937_64 gen(3);
  std::vector<double> busy(1000);
  for (double& v : busy) {
    const std::uint64_t bits = gen();
    std::memcpy(&v, &bits, sizeof v);
  }
  const std::vector<unsigned char> raw = Bytes(busy);
  std::vector<unsigned char> out;
  EXPECT_FALSE(DeflateRepeats(raw.data(), raw.size(), 80, out));  // nothing repeats: literals only grow it
  const std::vector<unsigned char> zeros(8 * 5000, 0);
  EXPECT_TRUE(DeflateRepeats(zeros.data(), zeros.size(), kDeflateWindow, out));
  EXPECT_FALSE(DeflateRepeats(zeros.data(), zeros.size(), kDeflateWindow + 8, out));  // beyond the window
  EXPECT_FALSE(DeflateRepeats(zeros.data(), zeros.size(), 0, out));
  EXPECT_FALSE(DeflateRepeats(zeros.data(), zeros.size(), 12, out));  // not whole values
  EXPECT_FALSE(DeflateRepeats(zeros.data(), zeros.size() - 4, 80, out));
  EXPECT_FALSE(DeflateRepeats(zeros.data(), 0, 80, out));
  EXPECT_FALSE(DeflateRepeats(zeros.data(), 8, 8, out));  // one value: header and checksum alone outweigh it
}

// The constant series costs about 4 bytes per 258 repeated: a chunk of the
// flagship's size (90 × 121 values) falls from 87,120 bytes to under 2 KiB.
TEST(DeflateRepeats, AConstantSeriesCostsLittleMoreThanItsFirstSlice) {
  const std::vector<double> values = Series(90, 121, 1.0, 0.0, 11);
  const std::vector<unsigned char> raw = Bytes(values);
  std::vector<unsigned char> packed;
  ASSERT_TRUE(DeflateRepeats(raw.data(), raw.size(), 121 * sizeof(double), packed));
  EXPECT_LT(packed.size(), 2048u);
  ExpectRoundTrip(values, 121);
}

// DeflateRows: table chunks, decoded by zlib as DeflateRepeats' streams are.
void ExpectRowsRoundTrip(const std::vector<unsigned char>& raw, std::size_t row_bytes,
                         std::vector<unsigned char>* packed_out = nullptr) {
  std::vector<unsigned char> packed;
  ASSERT_TRUE(DeflateRows(raw.data(), raw.size(), row_bytes, packed));
  ExpectInflatesTo(packed, raw);
  if (packed_out) *packed_out = packed;
}

// A character column as TableWriter lays it out: `rows` values of at most
// `width` bytes, null-padded, drawn from `vocabulary` (words of any length up
// to the width, the empty one included) in runs like an actions table's.
std::vector<unsigned char> CharColumn(const std::vector<std::string>& vocabulary, std::size_t rows,
                                      std::size_t width, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::vector<unsigned char> chunk(rows * width, 0);
  std::size_t word = 0;
  for (std::size_t k = 0; k < rows; ++k) {
    if (gen() % 3 == 0) word = gen() % vocabulary.size();  // runs of one word, then another
    const std::string& w = vocabulary[word];
    std::memcpy(chunk.data() + k * width, w.data(), std::min(w.size(), width));
  }
  return chunk;
}

TEST(DeflateRows, RoundTripsCharacterColumnsOfEveryPadding) {
  const std::vector<std::string> words = {"comply", "attend", "", "wait", "violate", "boycott",
                                          "jaysh_al_islam", "iran_militias",  "a", "ab", "abc", "abcdefghijklmnop",
                                          "\xc3\x9c" "bergang", "pro-government"};
  for (std::size_t rows : {1, 2, 7, 100, 4096}) {
    SCOPED_TRACE(testing::Message() << rows << " rows");
    const std::vector<unsigned char> chunk = CharColumn(words, rows, 16, static_cast<unsigned>(rows));
    std::vector<unsigned char> packed;
    if (rows >= 7) ExpectRowsRoundTrip(chunk, 16, &packed);
    if (rows == 4096) {
      EXPECT_LT(packed.size() * 5, chunk.size()) << "a small vocabulary shrinks at least 5×";
    }
  }
  // Wider rows (32, 64 and 256 bytes) and a window of 32,768 bytes: 4,096 rows of 32 bytes reach past it.
  for (std::size_t width : {8, 32, 64, 256}) {
    SCOPED_TRACE(testing::Message() << "rows of " << width << " bytes");
    ExpectRowsRoundTrip(CharColumn(words, 4096, width, static_cast<unsigned>(width)), width);
  }
}

// A row repeating one exactly the window back (32,768 bytes) is a match; one
// repeating a row further back is beyond deflate's reach and must be written
// as literals (zlib rejects a distance past the window).
TEST(DeflateRows, MatchesReachExactlyTheWindow) {
  for (std::size_t width : {16, 256}) {
    const std::size_t window_rows = kDeflateWindow / width;
    std::mt19937_64 gen(width);
    std::vector<unsigned char> chunk((window_rows + 3) * width);
    for (auto& b : chunk) b = static_cast<unsigned char>('a' + gen() % 26);  // letters: 8-bit literal codes
    auto row = [&](std::size_t k) { return chunk.data() + k * width; };
    std::memcpy(row(window_rows), row(0), width);      // 32,768 bytes back: a match
    std::memcpy(row(window_rows + 2), row(1), width);  // a row further back: literals
    chunk.insert(chunk.end(), 40 * width, 0);  // nulls, so that the stream is smaller than the bytes
    ExpectRowsRoundTrip(chunk, width);
  }
}

// Byte-shuffled numbers as TableWriter stores a column: 8 planes of 4,096
// bytes, here replicate numbers rising by one every 150 rows.
TEST(DeflateRows, RoundTripsShuffledNumberColumns) {
  constexpr std::size_t kRows = 4096;
  std::vector<unsigned char> chunk(kRows * 8, 0);
  for (std::size_t i = 0; i < kRows; ++i) {
    const long long replicate = 1000 + static_cast<long long>(i / 150);
    for (std::size_t b = 0; b < 8; ++b) chunk[b * kRows + i] = static_cast<unsigned char>(replicate >> (8 * b));
  }
  std::vector<unsigned char> packed;
  ExpectRowsRoundTrip(chunk, 8, &packed);
  EXPECT_LT(packed.size() * 20, chunk.size()) << "runs and null planes shrink at least 20×";
}

TEST(DeflateRows, RefusesWhatItCannotShrinkOrEncode) {
  std::mt19937_64 gen(5);
  std::vector<unsigned char> noise(4096 * 16);
  for (auto& b : noise) b = static_cast<unsigned char>(gen());
  std::vector<unsigned char> out = {42};
  EXPECT_FALSE(DeflateRows(noise.data(), noise.size(), 16, out));  // nothing repeats
  EXPECT_EQ(out, std::vector<unsigned char>{42}) << "out is left unchanged";
  const std::vector<unsigned char> nulls(4096 * 16, 0);
  EXPECT_TRUE(DeflateRows(nulls.data(), nulls.size(), 16, out));
  EXPECT_LT(out.size(), 1024u);
  EXPECT_FALSE(DeflateRows(nulls.data(), nulls.size(), 12, out));  // not whole 8-byte words
  EXPECT_FALSE(DeflateRows(nulls.data(), nulls.size(), 0, out));
  EXPECT_FALSE(DeflateRows(nulls.data(), nulls.size(), 264, out));  // wider than a match
  EXPECT_FALSE(DeflateRows(nulls.data(), nulls.size() - 8, 16, out));  // not whole rows
  EXPECT_FALSE(DeflateRows(nulls.data(), 0, 16, out));
}

}  // namespace
}  // namespace diplosim

