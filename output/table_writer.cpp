#include "output/table_writer.h"

#include <hdf5_hl.h>

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstring>

#include "output/output_error.h"

namespace diplosim {

namespace {
constexpr hsize_t kChunkRows = 4096;
// Characters per chunk along a string column's character dimension.
constexpr hsize_t kChunkChars = 64;

// Extendible along every axis, chunked, compressed; no chunk cache: rows are
// appended a chunk at a time and never revisited, and caching chunks (1 MiB per
// column by default) only held memory that grew with the run.
H5Handle CreateExtendible(hid_t group, const std::string& name, hid_t type, int rank, const hsize_t* chunk) {
  const hsize_t dims[2] = {0, 1};
  const hsize_t max_dims[2] = {H5S_UNLIMITED, H5S_UNLIMITED};
  H5Handle space = Check(H5Screate_simple(rank, dims, max_dims), "table space");
  H5Handle props = Check(H5Pcreate(H5P_DATASET_CREATE), "table properties");
  CheckStatus(H5Pset_chunk(props.get(), rank, chunk), "table chunking");
  // Numbers: byte shuffle groups their mostly-zero high bytes. Characters are
  // bytes already; deflate at level 1 finds their repeats fast.
  const bool chars = H5Tget_class(type) == H5T_STRING;
  if (!chars) CheckStatus(H5Pset_shuffle(props.get()), "table shuffle");
  CheckStatus(H5Pset_deflate(props.get(), chars ? 1 : 4), "table compression");
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

// Writes `data` into the block [start, start + count) of a dataset of rank ≤ 2.
void WriteBlock(hid_t dataset, hid_t mem_type, int rank, const hsize_t* start, const hsize_t* count,
                const void* data) {
  H5Handle file_space = Check(H5Dget_space(dataset), "table space");
  CheckStatus(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), "select rows");
  H5Handle mem_space = Check(H5Screate_simple(rank, count, nullptr), "row space");
  CheckStatus(H5Dwrite(dataset, mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, data), "write rows");
}

void Append(hid_t dataset, hid_t mem_type, hsize_t offset, hsize_t count, const void* data) {
  hsize_t new_size[1] = {offset + count};
  CheckStatus(H5Dset_extent(dataset, new_size), "extend table");
  const hsize_t start[1] = {offset};
  WriteBlock(dataset, mem_type, 1, start, &count, data);
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
  std::size_t longest = 1;
  for (const auto& s : strings_[c]) longest = std::max(longest, s.size());
  if (longest > widths_[c]) {
    // Widen the character dimension; rows already written read as null-padded.
    widths_[c] = longest;
    const hsize_t length[1] = {longest};
    CheckStatus(H5Dset_extent(length_scales_[c].get(), length), "widen " + columns_[c].name);
  }
  const std::size_t width = widths_[c];
  const hsize_t size[2] = {offset + count, width};
  CheckStatus(H5Dset_extent(datasets_[c].get(), size), "extend table");
  // One chunk-wide band of characters at a time: each write then covers whole
  // chunks (no read-modify-write, with no chunk cache) and the buffer stays
  // at most rows × kChunkChars bytes however long the values are.
  H5Handle chars = CharType();
  for (std::size_t first = 0; first < width; first += kChunkChars) {
    const std::size_t band = std::min<std::size_t>(kChunkChars, width - first);
    packed_.assign(count * band, '\0');
    for (hsize_t k = 0; k < count; ++k) {
      const std::string& value = strings_[c][k];
      if (value.size() > first)
        std::memcpy(packed_.data() + k * band, value.data() + first, std::min(band, value.size() - first));
    }
    const hsize_t start[2] = {offset, first};
    const hsize_t extent[2] = {count, band};
    WriteBlock(datasets_[c].get(), chars.get(), 2, start, extent, packed_.data());
  }
}

void TableWriter::Flush() {
  if (pending_ == 0) return;
  const hsize_t offset = static_cast<hsize_t>(written_);
  const hsize_t count = static_cast<hsize_t>(pending_);
  std::vector<long long> index(count);
  for (hsize_t k = 0; k < count; ++k) index[k] = static_cast<long long>(offset + k);
  Append(dim_scale_.get(), H5T_NATIVE_LLONG, offset, count, index.data());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    switch (columns_[c].type) {
      case Type::kInt: Append(datasets_[c].get(), H5T_NATIVE_LLONG, offset, count, ints_[c].data()); break;
      case Type::kDouble: Append(datasets_[c].get(), H5T_NATIVE_DOUBLE, offset, count, doubles_[c].data()); break;
      case Type::kString: WriteStrings(c, offset, count); break;
    }
    ints_[c].clear();
    doubles_[c].clear();
    strings_[c].clear();
  }
  written_ += pending_;
  pending_ = 0;
}

}  // namespace diplosim
