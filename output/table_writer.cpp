#include "output/table_writer.h"

#include <hdf5_hl.h>

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "output/repeat_deflate.h"
#include "output/output_error.h"

namespace diplosim {

namespace {
constexpr hsize_t kChunkRows = 4096;
// Characters per chunk along a string column's character dimension.
constexpr hsize_t kChunkChars = 16;
// Numbers are byte-shuffled first, which groups their mostly-zero high bytes;
// characters are bytes already. The level is what the datasets' deflate
// filter records; DeflateRows writes the chunks (WriteChunk).
constexpr int kDeflateLevel = 1;

// Extendible along every axis, chunked, compressed; no chunk cache: rows are
// appended a chunk at a time and never revisited, and caching chunks (1 MiB per
// column by default) only held memory that grew with the run.
H5Handle CreateExtendible(hid_t group, const std::string& name, hid_t type, int rank, const hsize_t* chunk) {
  const hsize_t dims[2] = {0, 1};
  const hsize_t max_dims[2] = {H5S_UNLIMITED, H5S_UNLIMITED};
  H5Handle space = Check(H5Screate_simple(rank, dims, max_dims), "table space");
  H5Handle props = Check(H5Pcreate(H5P_DATASET_CREATE), "table properties");
  CheckStatus(H5Pset_chunk(props.get(), rank, chunk), "table chunking");
  // The pipeline readers apply; TableWriter encodes the chunks itself (WriteChunk).
  const bool chars = H5Tget_class(type) == H5T_STRING;
  if (!chars) CheckStatus(H5Pset_shuffle(props.get()), "table shuffle");
  CheckStatus(H5Pset_deflate(props.get(), kDeflateLevel), "table compression");
  H5Handle access = Check(H5Pcreate(H5P_DATASET_ACCESS), "table access properties");
  CheckStatus(H5Pset_chunk_cache(access.get(), 0, 0, H5D_CHUNK_CACHE_W0_DEFAULT), "table chunk cache");
  return Check(H5Dcreate2(group, name.c_str(), type, space.get(), H5P_DEFAULT, props.get(), access.get()),
               "create table column " + name);
}

H5Handle CreateColumn(hid_t group, const std::string& name, hid_t type) {
  const hsize_t chunk[1] = {kChunkRows};
  return CreateExtendible(group, name, type, 1, chunk);
}

// One byte, as netCDF's char type is stored.
H5Handle CharType() {
  H5Handle t = Check(H5Tcopy(H5T_C_S1), "char type");
  CheckStatus(H5Tset_size(t.get(), 1), "char size");
  CheckStatus(H5Tset_strpad(t.get(), H5T_STR_NULLPAD), "char padding");
  return t;
}

// Filter masks for a chunk that skips deflate: the last filter of each pipeline.
constexpr std::uint32_t kSkipNumberDeflate = 1u << 1;  // shuffle, deflate
constexpr std::uint32_t kSkipCharDeflate = 1u << 0;    // deflate

// Stores one whole chunk at `offset`, encoded here as the dataset's pipeline
// would encode it: a deflate stream, written by DeflateRows over rows of
// `row_bytes` (HDF5's zlib filter was a tenth of a flagship run; libdeflate at
// level 1, which searches every position, took twice as long as DeflateRows
// for streams about 40 % smaller). A chunk deflate cannot shrink is stored
// without it, as the optional filter allows; the mask tells readers.
void WriteChunk(hid_t dataset, const hsize_t* offset, const std::vector<unsigned char>& chunk, std::size_t row_bytes,
                std::uint32_t skip_deflate, std::vector<unsigned char>& packed) {
  const bool deflated = DeflateRows(chunk.data(), chunk.size(), row_bytes, packed);
  const std::vector<unsigned char>& stored = deflated ? packed : chunk;
  CheckStatus(H5Dwrite_chunk(dataset, H5P_DEFAULT, deflated ? 0u : skip_deflate, offset, stored.size(), stored.data()),
              "write rows");
}

// Appends `count` 8-byte numbers at row `offset`, a chunk boundary: one chunk,
// zero-padded past the last row, byte-shuffled as HDF5's shuffle filter does
// (byte b of value i goes to b · kChunkRows + i), then deflated.
void Append(hid_t dataset, hsize_t offset, hsize_t count, const void* data, std::vector<unsigned char>& chunk,
            std::vector<unsigned char>& packed) {
  assert(offset % kChunkRows == 0 && count <= kChunkRows);
  const hsize_t new_size[1] = {offset + count};
  CheckStatus(H5Dset_extent(dataset, new_size), "extend table");
  constexpr std::size_t kValueBytes = 8;
  static_assert(sizeof(long long) == kValueBytes && sizeof(double) == kValueBytes);
  chunk.assign(kChunkRows * kValueBytes, 0);
  const auto* values = static_cast<const unsigned char*>(data);
  for (std::size_t b = 0; b < kValueBytes; ++b)
    for (std::size_t i = 0; i < count; ++i) chunk[b * kChunkRows + i] = values[i * kValueBytes + b];
  const hsize_t start[1] = {offset};
  WriteChunk(dataset, start, chunk, kValueBytes, kSkipNumberDeflate, packed);
}
}  // namespace

TableWriter::TableWriter(hid_t parent, const std::string& group, const std::string& dim,
                         std::vector<Column> columns)
    : columns_(std::move(columns)) {
  group_ = Check(H5Gcreate2(parent, group.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create group " + group);
  // The dimension's own coordinate: the row index.
  dim_scale_ = CreateColumn(group_.get(), dim, H5T_NATIVE_LLONG);
  CheckStatus(H5DSset_scale(dim_scale_.get(), dim.c_str()), "dimension scale " + dim);
  H5Handle chars = CharType();
  widths_.assign(columns_.size(), 0);
  length_scales_.resize(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const Column& col = columns_[c];
    if (col.type == Type::kString) {
      // The character dimension: a netCDF dimension without a coordinate variable.
      widths_[c] = 1;
      const hsize_t length_chunk[1] = {kChunkChars};
      length_scales_[c] = CreateExtendible(group_.get(), col.name + "_strlen", H5T_NATIVE_INT, 1, length_chunk);
      const hsize_t one[1] = {1};
      CheckStatus(H5Dset_extent(length_scales_[c].get(), one), "size " + col.name + "_strlen");
      char scale_name[80];
      std::snprintf(scale_name, sizeof scale_name, "This is a netCDF dimension but not a netCDF variable.%10d", 1);
      CheckStatus(H5DSset_scale(length_scales_[c].get(), scale_name), "dimension scale " + col.name + "_strlen");
      const hsize_t chunk[2] = {kChunkRows, kChunkChars};
      datasets_.push_back(CreateExtendible(group_.get(), col.name, chars.get(), 2, chunk));
      CheckStatus(H5DSattach_scale(datasets_.back().get(), length_scales_[c].get(), 1), "attach " + col.name + "_strlen");
      WriteStringAttribute(datasets_.back().get(), "_Encoding", "utf-8");  // xarray then decodes to str
    } else {
      datasets_.push_back(CreateColumn(group_.get(), col.name,
                                       col.type == Type::kInt ? H5T_NATIVE_LLONG : H5T_NATIVE_DOUBLE));
    }
    CheckStatus(H5DSattach_scale(datasets_.back().get(), dim_scale_.get(), 0), "attach " + dim);
    for (const auto& [k, v] : col.attributes) WriteStringAttribute(datasets_.back().get(), k, v);
  }
  ints_.resize(columns_.size());
  doubles_.resize(columns_.size());
  strings_.resize(columns_.size());
}

void TableWriter::EndRow() {
  assert(next_col_ == columns_.size());
  next_col_ = 0;
  ++pending_;
  if (pending_ >= static_cast<long long>(kChunkRows)) Flush();
}

void TableWriter::WriteStrings(std::size_t c, hsize_t offset, hsize_t count) {
  const StringColumn& column = strings_[c];
  auto value = [&](hsize_t k) {
    const std::size_t begin = k == 0 ? 0 : column.ends[k - 1];
    return std::string_view(column.chars.data() + begin, column.ends[k] - begin);
  };
  std::size_t longest = 0;  // in this flush
  for (hsize_t k = 0; k < count; ++k) longest = std::max(longest, value(k).size());
  if (longest > widths_[c]) {  // widths start at 1, the smallest character dimension
    // Widen the character dimension; rows already written read as null-padded.
    widths_[c] = longest;
    const hsize_t length[1] = {longest};
    CheckStatus(H5Dset_extent(length_scales_[c].get(), length), "widen " + columns_[c].name);
  }
  const hsize_t size[2] = {offset + count, widths_[c]};
  CheckStatus(H5Dset_extent(datasets_[c].get(), size), "extend table");
  // One chunk (kChunkRows × kChunkChars bytes, null-padded) per band of
  // characters: the buffer stays one chunk however long the values are. Bands
  // past this flush's longest value (the column grew in an earlier one) are
  // left unwritten: an unallocated chunk reads as nulls, the fill value.
  for (std::size_t first = 0; first < longest; first += kChunkChars) {
    chunk_.assign(kChunkRows * kChunkChars, 0);
    for (hsize_t k = 0; k < count; ++k) {
      const std::string_view v = value(k);
      if (v.size() > first)
        std::memcpy(chunk_.data() + k * kChunkChars, v.data() + first,
                    std::min<std::size_t>(kChunkChars, v.size() - first));
    }
    const hsize_t start[2] = {offset, first};
    WriteChunk(datasets_[c].get(), start, chunk_, kChunkChars, kSkipCharDeflate, packed_);
  }
}

void TableWriter::Flush() {
  if (pending_ == 0) return;
  // Chunks are written whole, so only the last one may be partial.
  if (written_ % static_cast<long long>(kChunkRows) != 0)
    throw OutputError("table rows added after its last, partial chunk was written");
  const hsize_t offset = static_cast<hsize_t>(written_);
  const hsize_t count = static_cast<hsize_t>(pending_);
  std::vector<long long> index(count);
  for (hsize_t k = 0; k < count; ++k) index[k] = static_cast<long long>(offset + k);
  Append(dim_scale_.get(), offset, count, index.data(), chunk_, packed_);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    switch (columns_[c].type) {
      case Type::kInt:
        Append(datasets_[c].get(), offset, count, ints_[c].data(), chunk_, packed_);
        break;
      case Type::kDouble:
        Append(datasets_[c].get(), offset, count, doubles_[c].data(), chunk_, packed_);
        break;
      case Type::kString: WriteStrings(c, offset, count); break;
    }
    ints_[c].clear();
    doubles_[c].clear();
    strings_[c].chars.clear();
    strings_[c].ends.clear();
  }
  written_ += pending_;
  pending_ = 0;
}

}  // namespace diplosim
