#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace diplosim {

// Encodes one chunk of doubles for H5Dwrite_chunk. It needs no HDF5 call and
// so runs on worker threads: compression is the costly part of writing a run.
// A run dataset's filter pipeline is deflate alone (libdeflate makes the zlib
// stream HDF5's deflate filter stores); a chunk may skip it, which the chunk's
// filter mask records and every HDF5 reader honours.
inline constexpr std::uint32_t kSkipDeflate = 1;  // bit 0: the pipeline's first and only filter

// Deflates the chunk (`rows` time points × `slice` values) when at least a
// quarter of its values repeat, bit for bit, the value one time point earlier,
// and returns mask 0; otherwise stores the raw bytes and returns kSkipDeflate.
// Series that change at every step (positions, affinities, noisy
// capabilities) deflate only 1.1–1.3× (also with shuffle) at about 100 MB/s on
// this machine, while repeating ones (anchors, dependencies, hostility with
// its quiet dyads) deflate 3–65×, without shuffle. Those repeats are written by
// DeflateRepeats, which looks only one time point back: 5–18× faster than
// libdeflate's level 1 on the flagship's variables for streams 0–50 % larger.
// A single time point, or a slice beyond deflate's 32 KiB window, goes to
// libdeflate at `level`. The choice is a pure function of the chunk, so a
// file's bytes do not depend on the thread count. A deflated chunk no smaller
// than the raw bytes is stored raw.
std::uint32_t EncodeChunk(const double* values, std::size_t rows, std::size_t slice, int level,
                          std::vector<unsigned char>& out);

// Deflates `bytes` bytes into a zlib stream with libdeflate at `level` (one
// compressor per thread and level, kept for the thread's life); false when the
// stream would be no smaller than the bytes.
bool Deflate(const unsigned char* in, std::size_t bytes, int level, std::vector<unsigned char>& out);

}  // namespace diplosim
