#include "output/chunk_encoder.h"

#include <libdeflate.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace diplosim {

void ShuffleDeflate(const double* values, std::size_t count, int level, std::vector<unsigned char>& out) {
  constexpr std::size_t kWidth = sizeof(double);
  const std::size_t bytes = count * kWidth;
  thread_local std::vector<unsigned char> shuffled;  // reused: one per worker thread
  shuffled.resize(bytes);
  const auto* in = reinterpret_cast<const unsigned char*>(values);
  // Byte plane by byte plane: writes run sequentially, and a chunk's input stays in cache across the planes.
  for (std::size_t b = 0; b < kWidth; ++b) {
    unsigned char* plane = shuffled.data() + b * count;
    for (std::size_t i = 0; i < count; ++i) plane[i] = in[i * kWidth + b];
  }

  // One compressor per thread and level, kept for the thread's life: allocating
  // one costs more than compressing a small chunk.
  struct Compressor {
    libdeflate_compressor* handle = nullptr;
    int level = -1;
    ~Compressor() { libdeflate_free_compressor(handle); }
  };
  thread_local Compressor compressor;
  if (compressor.level != level) {
    libdeflate_free_compressor(compressor.handle);
    compressor.handle = libdeflate_alloc_compressor(level);
    compressor.level = level;
    if (!compressor.handle) throw std::runtime_error("libdeflate: no compressor for level " + std::to_string(level));
  }
  out.resize(libdeflate_zlib_compress_bound(compressor.handle, bytes));
  const std::size_t size = libdeflate_zlib_compress(compressor.handle, shuffled.data(), bytes, out.data(), out.size());
  if (size == 0) throw std::runtime_error("libdeflate could not compress a chunk");
  out.resize(size);
}

}  // namespace diplosim
