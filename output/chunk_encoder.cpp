#include "output/chunk_encoder.h"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <string>

#include "output/repeat_deflate.h"

namespace diplosim {

bool Deflate(const unsigned char* in, std::size_t bytes, int level, std::vector<unsigned char>& out) {
  // One compressor per thread and level, kept for the thread's life: allocating
  // one costs more than compressing a small chunk, and writers alternate levels.
  struct Compressors {
    std::array<libdeflate_compressor*, 13> handles{};  // levels 0–12
    ~Compressors() {
      for (libdeflate_compressor* c : handles) libdeflate_free_compressor(c);
    }
  };
  thread_local Compressors compressors;
  if (level < 0 || level >= static_cast<int>(compressors.handles.size()))
    throw std::invalid_argument("deflate level " + std::to_string(level) + " is outside 0-12");
  libdeflate_compressor*& compressor = compressors.handles[level];
  if (!compressor) compressor = libdeflate_alloc_compressor(level);
  if (!compressor) throw std::runtime_error("libdeflate: no compressor for level " + std::to_string(level));
  // A buffer one byte short of the input: libdeflate returns 0 when the stream does not fit.
  if (bytes < 2) return false;
  out.resize(bytes - 1);
  const std::size_t size = libdeflate_zlib_compress(compressor, in, bytes, out.data(), out.size());
  out.resize(size);
  return size > 0;
}

namespace {

std::uint64_t Bits(double value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

// Whether at least a quarter of the values after the first time point repeat,
// bit for bit (deflate sees bytes), the value one time point earlier. Counted
// in blocks that stop once the rest cannot change the answer: a chunk that
// repeats throughout is settled a quarter of the way in.
bool MostlyRepeating(const double* values, std::size_t count, std::size_t slice) {
  const std::size_t needed = (count - slice + 3) / 4;  // 4 · repeats ≥ count − slice
  constexpr std::size_t kBlock = 256;
  std::size_t repeats = 0;
  for (std::size_t i = slice; i < count;) {
    for (const std::size_t end = std::min(count, i + kBlock); i < end; ++i)
      repeats += Bits(values[i]) == Bits(values[i - slice]);
    if (repeats >= needed) return true;
    if (repeats + (count - i) < needed) return false;
  }
  return repeats >= needed;
}

}  // namespace

std::uint32_t EncodeChunk(const double* values, std::size_t rows, std::size_t slice, int level,
                          std::vector<unsigned char>& out) {
  const std::size_t count = rows * slice;
  const auto* raw = reinterpret_cast<const unsigned char*>(values);
  const std::size_t bytes = count * sizeof(double);
  // One time point: nothing to judge by.
  if (rows < 2 || MostlyRepeating(values, count, slice)) {
    // Repeats one time point apart are what DeflateRepeats writes without a
    // search; a single time point, or a slice beyond deflate's window, needs one.
    const std::size_t slice_bytes = slice * sizeof(double);
    const bool packed = rows >= 2 && slice_bytes <= kDeflateWindow ? DeflateRepeats(raw, bytes, slice_bytes, out)
                                                                   : Deflate(raw, bytes, level, out);
    if (packed) {
      // The buffer was sized for the raw bytes; a replicate's chunks wait in
      // memory until they are written, so keep only what the stream needs.
      out.shrink_to_fit();
      return 0;
    }
  }
  out.assign(raw, raw + bytes);
  return kSkipDeflate;
}

}  // namespace diplosim
