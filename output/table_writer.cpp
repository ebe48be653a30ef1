#include "output/table_writer.h"

#include <hdf5_hl.h>

#include <cassert>

#include "output/output_error.h"

namespace diplosim {

namespace {
constexpr hsize_t kChunkRows = 4096;

H5Handle CreateExtendible(hid_t group, const std::string& name, hid_t type) {
  hsize_t dims[1] = {0};
  hsize_t max_dims[1] = {H5S_UNLIMITED};
  H5Handle space = Check(H5Screate_simple(1, dims, max_dims), "table space");
  H5Handle props = Check(H5Pcreate(H5P_DATASET_CREATE), "table properties");
  hsize_t chunk[1] = {kChunkRows};
  CheckStatus(H5Pset_chunk(props.get(), 1, chunk), "table chunking");
  CheckStatus(H5Pset_shuffle(props.get()), "table shuffle");
  CheckStatus(H5Pset_deflate(props.get(), 4), "table compression");
  // Rows are appended a whole chunk at a time and never revisited, so caching
  // chunks (1 MiB per column by default) only held memory that grew with the run.
  H5Handle access = Check(H5Pcreate(H5P_DATASET_ACCESS), "table access properties");
  CheckStatus(H5Pset_chunk_cache(access.get(), 0, 0, H5D_CHUNK_CACHE_W0_DEFAULT), "table chunk cache");
  return Check(H5Dcreate2(group, name.c_str(), type, space.get(), H5P_DEFAULT, props.get(), access.get()),
               "create table column " + name);
}

void Append(hid_t dataset, hid_t mem_type, hsize_t offset, hsize_t count, const void* data) {
  hsize_t new_size[1] = {offset + count};
  CheckStatus(H5Dset_extent(dataset, new_size), "extend table");
  H5Handle file_space = Check(H5Dget_space(dataset), "table space");
  hsize_t start[1] = {offset};
  hsize_t n[1] = {count};
  CheckStatus(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, n, nullptr), "select rows");
  H5Handle mem_space = Check(H5Screate_simple(1, n, nullptr), "row space");
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
  H5Handle str_type = Utf8StringType();
  for (const auto& c : columns_) {
    const hid_t type = c.type == Type::kInt ? H5T_NATIVE_LLONG : c.type == Type::kDouble ? H5T_NATIVE_DOUBLE : str_type.get();
    datasets_.push_back(CreateExtendible(group_.get(), c.name, type));
    CheckStatus(H5DSattach_scale(datasets_.back().get(), dim_scale_.get(), 0), "attach " + dim);
    for (const auto& [k, v] : c.attributes) WriteStringAttribute(datasets_.back().get(), k, v);
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

void TableWriter::Flush() {
  if (pending_ == 0) return;
  const hsize_t offset = static_cast<hsize_t>(written_);
  const hsize_t count = static_cast<hsize_t>(pending_);
  std::vector<long long> index(count);
  for (hsize_t k = 0; k < count; ++k) index[k] = static_cast<long long>(offset + k);
  Append(dim_scale_.get(), H5T_NATIVE_LLONG, offset, count, index.data());
  H5Handle str_type = Utf8StringType();
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    switch (columns_[c].type) {
      case Type::kInt: Append(datasets_[c].get(), H5T_NATIVE_LLONG, offset, count, ints_[c].data()); break;
      case Type::kDouble: Append(datasets_[c].get(), H5T_NATIVE_DOUBLE, offset, count, doubles_[c].data()); break;
      case Type::kString: {
        std::vector<const char*> ptrs;
        for (const auto& s : strings_[c]) ptrs.push_back(s.c_str());
        Append(datasets_[c].get(), str_type.get(), offset, count, ptrs.data());
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
