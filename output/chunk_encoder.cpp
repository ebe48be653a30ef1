#include "output/chunk_encoder.h"

#include <zlib.h>

#include <cstring>
#include <stdexcept>

namespace diplosim {

void ShuffleDeflate(const double* values, std::size_t count, int level, std::vector<unsigned char>& out) {
  constexpr std::size_t kWidth = sizeof(double);
  const std::size_t bytes = count * kWidth;
  thread_local std::vector<unsigned char> shuffled;  // reused: one per worker thread
  shuffled.resize(bytes);
  const auto* in = reinterpret_cast<const unsigned char*>(values);
  for (std::size_t i = 0; i < count; ++i)
    for (std::size_t b = 0; b < kWidth; ++b) shuffled[b * count + i] = in[i * kWidth + b];

  uLongf size = compressBound(static_cast<uLong>(bytes));
  out.resize(size);
  if (compress2(out.data(), &size, shuffled.data(), static_cast<uLong>(bytes), level) != Z_OK)
    throw std::runtime_error("zlib could not compress a chunk");
  out.resize(size);
}

}  // namespace diplosim
