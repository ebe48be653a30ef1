#include "output/table_writer.h"

#include <hdf5_hl.h>

#include <algorithm>
#include <cassert>
#include <cstring>

#include "output/output_error.h"

namespace diplosim {

namespace {
constexpr hsize_t kChunkRows = 4096;
// A string column's chunks, and the buffers that fill them, stay under this
// size however long its longest value: fewer rows per chunk for wide columns.
constexpr hsize_t kMaxChunkBytes = hsize_t{1} << 20;
// Bytes copied per read when a string column is widened.
constexpr hsize_t kWidenBlockBytes = hsize_t{16} << 20;

hsize_t RowsPerChunk(hid_t type) {
  return std::clamp<hsize_t>(kMaxChunkBytes / H5Tget_size(type), 1, kChunkRows);
}

H5Handle CreateExtendible(hid_t group, const std::string& name, hid_t type) {
  hsize_t dims[1] = {0};
  hsize_t max_dims[1] = {H5S_UNLIMITED};
  H5Handle space = Check(H5Screate_simple(1, dims, max_dims), "table space");
  H5Handle props = Check(H5Pcreate(H5P_DATASET_CREATE), "table properties");
  hsize_t chunk[1] = {RowsPerChunk(type)};
  CheckStatus(H5Pset_chunk(props.get(), 1, chunk), "table chunking");
  // Numbers: byte shuffle groups their mostly-zero high bytes. Strings are
  // already bytes, and deflate finds their repeats faster and smaller unshuffled
  // at level 1 (flagship events and actions: 2.9 MB at shuffle + level 4,
  // 2.4 MB and a third of the time without shuffle at level 1).
  const bool is_string = H5Tget_class(type) == H5T_STRING;
  if (!is_string) CheckStatus(H5Pset_shuffle(props.get()), "table shuffle");
  CheckStatus(H5Pset_deflate(props.get(), is_string ? 1 : 4), "table compression");
  // Rows are appended a whole chunk at a time and never revisited, so caching
  // chunks (1 MiB per column by default) only held memory that grew with the run.
  H5Handle access = Check(H5Pcreate(H5P_DATASET_ACCESS), "table access properties");
  CheckStatus(H5Pset_chunk_cache(access.get(), 0, 0, H5D_CHUNK_CACHE_W0_DEFAULT), "table chunk cache");
  return Check(H5Dcreate2(group, name.c_str(), type, space.get(), H5P_DEFAULT, props.get(), access.get()),
               "create table column " + name);
}

// Rows [offset, offset + count) of a 1-D dataset and a memory space of count rows.
std::pair<H5Handle, H5Handle> SelectRows(hid_t dataset, hsize_t offset, hsize_t count) {
  H5Handle file_space = Check(H5Dget_space(dataset), "table space");
  hsize_t start[1] = {offset};
  hsize_t n[1] = {count};
  CheckStatus(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, n, nullptr), "select rows");
  return {std::move(file_space), Check(H5Screate_simple(1, n, nullptr), "row space")};
}

void Append(hid_t dataset, hid_t mem_type, hsize_t offset, hsize_t count, const void* data) {
  hsize_t new_size[1] = {offset + count};
  CheckStatus(H5Dset_extent(dataset, new_size), "extend table");
  auto [file_space, mem_space] = SelectRows(dataset, offset, count);
  CheckStatus(H5Dwrite(dataset, mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, data), "write rows");
}
}  // namespace

TableWriter::TableWriter(hid_t parent, const std::string& group, const std::string& dim,
                         std::vector<Column> columns)
    : columns_(std::move(columns)) {
  group_ = Check(H5Gcreate2(parent, group.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create group " + group);
  // The dimension's own coordinate: the row index.
  dim_scale_ = CreateExtendible(group_.get(), dim, H5T_NATIVE_LLONG);
  CheckStatus(H5DSset_scale(dim_scale_.get(), dim.c_str()), "dimension scale " + dim);
  widths_.assign(columns_.size(), 0);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].type == Type::kString) widths_[c] = 1;
    datasets_.push_back(CreateColumn(c, columns_[c].name));
  }
  ints_.resize(columns_.size());
  doubles_.resize(columns_.size());
  strings_.resize(columns_.size());
}

H5Handle TableWriter::CreateColumn(std::size_t c, const std::string& link_name) {
  const Column& column = columns_[c];
  H5Handle string_type;
  hid_t type = column.type == Type::kInt ? H5T_NATIVE_LLONG : H5T_NATIVE_DOUBLE;
  if (column.type == Type::kString) {
    string_type = FixedUtf8StringType(widths_[c]);
    type = string_type.get();
  }
  H5Handle dataset = CreateExtendible(group_.get(), link_name, type);
  hsize_t size[1] = {static_cast<hsize_t>(written_)};
  CheckStatus(H5Dset_extent(dataset.get(), size), "size table column " + column.name);
  CheckStatus(H5DSattach_scale(dataset.get(), dim_scale_.get(), 0), "attach " + column.name);
  for (const auto& [k, v] : column.attributes) WriteStringAttribute(dataset.get(), k, v);
  // xarray decodes fixed-length byte strings to str only when told their encoding.
  if (column.type == Type::kString) WriteStringAttribute(dataset.get(), "_Encoding", "utf-8");
  return dataset;
}

void TableWriter::Widen(std::size_t c, std::size_t width) {
  const std::string& name = columns_[c].name;
  widths_[c] = width;
  const std::string temp_name = name + ".widening";
  H5Handle wide = CreateColumn(c, temp_name);
  H5Handle wide_type = FixedUtf8StringType(width);
  // Copy in blocks; HDF5 converts between string widths (null-padding the rest).
  std::vector<char> block;
  const hsize_t block_rows = std::max<hsize_t>(1, kWidenBlockBytes / width);
  for (hsize_t offset = 0; offset < static_cast<hsize_t>(written_); offset += block_rows) {
    const hsize_t count = std::min<hsize_t>(block_rows, static_cast<hsize_t>(written_) - offset);
    block.assign(count * width, '\0');
    {
      auto [file_space, mem_space] = SelectRows(datasets_[c].get(), offset, count);
      CheckStatus(H5Dread(datasets_[c].get(), wide_type.get(), mem_space.get(), file_space.get(), H5P_DEFAULT, block.data()),
                  "read column " + name);
    }
    auto [file_space, mem_space] = SelectRows(wide.get(), offset, count);
    CheckStatus(H5Dwrite(wide.get(), wide_type.get(), mem_space.get(), file_space.get(), H5P_DEFAULT, block.data()),
                "write column " + name);
  }
  // Detach before unlinking, so the dimension scale keeps no reference to a deleted dataset.
  CheckStatus(H5DSdetach_scale(datasets_[c].get(), dim_scale_.get(), 0), "detach " + name);
  datasets_[c].Reset();
  CheckStatus(H5Ldelete(group_.get(), name.c_str(), H5P_DEFAULT), "replace column " + name);
  CheckStatus(H5Lmove(group_.get(), temp_name.c_str(), group_.get(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT),
              "rename column " + name);
  datasets_[c] = std::move(wide);
}

void TableWriter::EndRow() {
  assert(next_col_ == columns_.size());
  next_col_ = 0;
  ++pending_;
  if (pending_ >= static_cast<long long>(kChunkRows)) Flush();
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
      case Type::kString: {
        std::size_t longest = 1;
        for (const auto& s : strings_[c]) longest = std::max(longest, s.size());
        if (longest > widths_[c]) Widen(c, std::max(longest, 2 * widths_[c]));
        const std::size_t width = widths_[c];
        H5Handle type = FixedUtf8StringType(width);
        // A chunk's worth at a time, so the packed buffer stays small for wide columns.
        const hsize_t block = RowsPerChunk(type.get());
        for (hsize_t first = 0; first < count; first += block) {
          const hsize_t rows = std::min(block, count - first);
          packed_.assign(rows * width, '\0');
          for (hsize_t k = 0; k < rows; ++k) {
            const std::string& value = strings_[c][first + k];
            std::memcpy(packed_.data() + k * width, value.data(), value.size());
          }
          Append(datasets_[c].get(), type.get(), offset + first, rows, packed_.data());
        }
        break;
      }
    }
    ints_[c].clear();
    doubles_[c].clear();
    strings_[c].clear();
  }
  written_ += pending_;
  pending_ = 0;
}

}  // namespace diplosim
