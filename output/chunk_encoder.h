#pragma once

#include <cstddef>
#include <vector>

namespace diplosim {

// Encodes one chunk of doubles exactly as HDF5's shuffle + deflate filter
// pipeline stores it, so the bytes can be written with H5Dwrite_chunk and read
// back by any HDF5 reader. It needs no HDF5 call and so can run on worker
// threads: compression is the costly part of writing a run. The deflate stream
// is made by libdeflate in zlib format (what HDF5's deflate filter stores).
//
// Shuffle puts byte b of every value together (all first bytes, then all
// second bytes, …), which lets deflate find the repeated exponent bytes.
void ShuffleDeflate(const double* values, std::size_t count, int level, std::vector<unsigned char>& out);

}  // namespace diplosim
