#pragma once

#include <cstddef>
#include <vector>

namespace diplosim {

// Deflate's window: the farthest back a match may point (RFC 1951).
inline constexpr std::size_t kDeflateWindow = 32768;

// Writes `bytes` bytes of 8-byte values (a chunk of `bytes / slice_bytes` time
// points) as a zlib stream (RFC 1950) holding one fixed-Huffman deflate block
// (RFC 1951), which HDF5's deflate filter and any zlib inflate read. It does no
// search: each value either repeats, bit for bit, the value one time point
// earlier (a match `slice_bytes` back), repeats the value before it (a match
// 8 bytes back: runs of zeros), or is written as 8 literals. For a recorded
// series that is quiet at most steps this makes a stream close to deflate's
// own size several times faster than a general compressor, which searches
// every position for matches the data does not have.
// Returns false, leaving `out` unchanged, when the stream would not be
// smaller than the bytes, when `bytes` is not a whole number of 8-byte values
// or when `slice_bytes` is 0, not a multiple of 8 or beyond deflate's window.
bool DeflateRepeats(const unsigned char* in, std::size_t bytes, std::size_t slice_bytes,
                    std::vector<unsigned char>& out);

// Writes `bytes` bytes of fixed-width rows (`row_bytes` each) as a zlib stream
// of the same kind, for table chunks: a netCDF character column (one
// null-padded value per row) or a byte-shuffled number column (8-byte groups
// of one byte plane). Again no search: a row equal to the latest earlier row
// with the same bytes (one hash probe, within deflate's window) is a match,
// and consecutive rows that repeat at the same distance join into one; any
// other row is written as literals, its trailing nulls as a match one byte
// back. A table's values come from a small vocabulary (action, actor and
// event names, replicate numbers, dates), so most rows repeat a recent one.
// Returns false, leaving `out` unchanged, when the stream would not be
// smaller than the bytes, or when `row_bytes` is not a multiple of 8 from 8
// to 256 or `bytes` not a whole number of rows.
bool DeflateRows(const unsigned char* in, std::size_t bytes, std::size_t row_bytes, std::vector<unsigned char>& out);

}  // namespace diplosim
