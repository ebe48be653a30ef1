#include "output/run_reader.h"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <filesystem>

#include "diplosim/version.h"
#include "output/atomic_output.h"
#include "output/hdf5_handle.h"
#include "output/output_error.h"

namespace diplosim {

struct RunReader::Impl {
  std::string path;
  H5Handle file;

  // "read 'summary' of 'r.h5'": what failed, and in which file.
  std::string Of(const char* action, const std::string& dataset) const {
    return std::string(action) + " '" + dataset + "' of '" + path + "'";
  }

  H5Handle Open(const std::string& dataset) const {
    if (H5Lexists(file.get(), dataset.c_str(), H5P_DEFAULT) <= 0)
      throw OutputError("'" + path + "' has no dataset '" + dataset + "'");
    return Check(H5Dopen2(file.get(), dataset.c_str(), H5P_DEFAULT), Of("open", dataset));
  }

  std::vector<hsize_t> Shape(hid_t ds) const {
    H5Handle space = Check(H5Dget_space(ds), "space");
    const int rank = H5Sget_simple_extent_ndims(space.get());
    std::vector<hsize_t> dims(std::max(rank, 0));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    return dims;
  }
};

RunReader::RunReader(const std::string& path) : impl_(std::make_unique<Impl>()) {
  QuietHdf5Errors();
  impl_->path = path;
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status))
    throw OutputError("'" + path + "' is a folder; expected a result file (.h5) written by diplosim run, sweep or "
                      "merge");
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw OutputError("'" + path + "' is not a regular file (a device or a pipe); expected a result file (.h5)");
  if (!std::filesystem::is_regular_file(status)) {
    // A result takes its name only when complete; until then it is a temporary beside it.
    const std::vector<std::string> writing = FindStaleTemporaries(path);
    if (!writing.empty())
      throw OutputError("no such file: '" + path +
                        "' yet: a run is still writing it (or was killed while it did), as '" +
                        std::filesystem::path(writing.front()).filename().string() +
                        "'; the result takes its name when the run completes");
    throw MissingResultError("no such file: '" + path + "'", path);
  }
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    // A scenario or sweep file given where a result belongs: name the command that reads it.
    const std::string ext = std::filesystem::path(path).extension().string();
    throw OutputError(
        "'" + path + "' is not an HDF5 file" +
        (ext == ".yaml" || ext == ".yml"
             ? "; expected a result file (to check a scenario or sweep file: diplosim validate " + path + ")"
             : std::string("; expected a result file written by diplosim run, sweep or merge")));
  }
  const H5Handle fapl = InputFileAccess();  // closed only after FileLockProblem: any HDF5 call clears the error stack
  impl_->file = H5Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()));
  if (const std::string lock = impl_->file.valid() ? "" : FileLockProblem(); !lock.empty())
    throw OutputError("cannot open '" + path + "': " + lock);
  if (!impl_->file.valid())
    throw OutputError("cannot open '" + path + "': it starts as an HDF5 file but its structure cannot be read "
                      "(truncated or damaged, e.g. copied while it was written); expected a complete result file");
  if (!diplosim::HasAttribute(impl_->file.get(), "diplosim_format_version"))
    throw OutputError("'" + path + "' is not a diplosim result (no diplosim_format_version attribute)");
  const long long version = ReadIntAttribute(impl_->file.get(), "diplosim_format_version");
  if (version != kOutputFormatVersion)
    throw OutputError("'" + path + "' has format version " + std::to_string(version) + "; this diplosim reads " +
                      std::to_string(kOutputFormatVersion));
}

RunReader::~RunReader() = default;

std::string RunReader::StringAttribute(const std::string& name) const {
  return ReadStringAttribute(impl_->file.get(), name);
}

long long RunReader::IntAttribute(const std::string& name) const { return ReadIntAttribute(impl_->file.get(), name); }

bool RunReader::HasAttribute(const std::string& name) const {
  return diplosim::HasAttribute(impl_->file.get(), name);
}

bool RunReader::HasDataset(const std::string& path) const {
  return H5Lexists(impl_->file.get(), path.c_str(), H5P_DEFAULT) > 0;
}

std::vector<std::string> RunReader::Strings(const std::string& dataset) const {
  H5Handle ds = impl_->Open(dataset);
  const auto shape = impl_->Shape(ds.get());
  const std::size_t n = shape.empty() ? 0 : shape[0];
  std::vector<char*> raw(n, nullptr);
  H5Handle type = Utf8StringType();
  if (n > 0)
    CheckStatus(H5Dread(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), impl_->Of("read", dataset));
  std::vector<std::string> out;
  for (char* s : raw) {
    out.emplace_back(s ? s : "");
    H5free_memory(s);
  }
  return out;
}

std::vector<long long> RunReader::Ints(const std::string& dataset) const {
  H5Handle ds = impl_->Open(dataset);
  const auto shape = impl_->Shape(ds.get());
  std::size_t n = 1;
  for (auto s : shape) n *= s;
  std::vector<long long> out(n);
  if (n > 0)
    CheckStatus(H5Dread(ds.get(), H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
                impl_->Of("read", dataset));
  return out;
}

RunReader::Array RunReader::Doubles(const std::string& dataset) const {
  H5Handle ds = impl_->Open(dataset);
  Array out;
  const auto shape = impl_->Shape(ds.get());
  std::size_t n = 1;
  for (auto s : shape) {
    out.shape.push_back(s);
    n *= s;
  }
  out.values.resize(n);
  if (n > 0)
    CheckStatus(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.values.data()),
                impl_->Of("read", dataset));
  return out;
}

std::vector<std::string> RunReader::Variables() const {
  std::vector<std::string> names;
  H5G_info_t info{};
  CheckStatus(H5Gget_info(impl_->file.get(), &info), "group info");
  for (hsize_t k = 0; k < info.nlinks; ++k) {
    char name[256];
    if (H5Lget_name_by_idx(impl_->file.get(), ".", H5_INDEX_NAME, H5_ITER_INC, k, name, sizeof name, H5P_DEFAULT) < 0)
      continue;
    // H5Oopen + H5Iget_type avoids H5Oget_info, whose signature differs across HDF5 1.10/1.12/1.14.
    H5Handle object(H5Oopen(impl_->file.get(), name, H5P_DEFAULT));
    if (!object.valid() || H5Iget_type(object.get()) != H5I_DATASET) continue;
    H5Handle ds = impl_->Open(name);
    if (impl_->Shape(ds.get()).size() >= 2) names.emplace_back(name);
  }
  return names;
}

std::vector<std::string> RunReader::DimensionNames(const std::string& dataset) const {
  H5Handle ds = impl_->Open(dataset);
  const auto shape = impl_->Shape(ds.get());
  std::vector<std::string> names;
  for (unsigned axis = 0; axis < shape.size(); ++axis) {
    std::string found;
    H5DSiterate_scales(
        ds.get(), axis, nullptr,
        [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
          char name[256] = {0};
          H5DSget_scale_name(scale, name, sizeof name);
          *static_cast<std::string*>(out) = name;
          return 1;
        },
        &found);
    names.push_back(found);
  }
  return names;
}

}  // namespace diplosim
