#include "output/hdf5_handle.h"

#include <string_view>

#include "output/output_error.h"

namespace diplosim {

void H5Handle::Reset() {
  if (id_ < 0) return;
  switch (H5Iget_type(id_)) {
    case H5I_FILE: H5Fclose(id_); break;
    case H5I_GROUP: H5Gclose(id_); break;
    case H5I_DATASET: H5Dclose(id_); break;
    case H5I_DATASPACE: H5Sclose(id_); break;
    case H5I_DATATYPE: H5Tclose(id_); break;
    case H5I_ATTR: H5Aclose(id_); break;
    case H5I_GENPROP_LST: H5Pclose(id_); break;
    default: break;
  }
  id_ = H5I_INVALID_HID;
}

H5Handle Check(hid_t id, const std::string& what) {
  if (id < 0) throw OutputError("HDF5: " + what + " failed");
  return H5Handle(id);
}

void CheckStatus(herr_t status, const std::string& what) {
  if (status < 0) throw OutputError("HDF5: " + what + " failed");
}

void QuietHdf5Errors() {
  // A file whose writes failed (disk full, ulimit -f) cannot always be closed;
  // HDF5's atexit handler would then crash trying again. Our temporary file is
  // removed by then, so the handler has nothing to save. Must precede every
  // other HDF5 call (later calls of this function just fail quietly).
  H5dont_atexit();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

H5Handle InputFileAccess() {
  H5Handle fapl = Check(H5Pcreate(H5P_FILE_ACCESS), "file access properties");
  CheckStatus(H5Pset_file_locking(fapl.get(), true, true), "file locking");
  return fapl;
}

namespace {
// The first description on HDF5's error stack that contains `needle`, or "".
std::string StackDescription(const char* needle) {
  struct Search {
    const char* needle;
    std::string found;
  } search{needle, {}};
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned, const H5E_error2_t* error, void* data) -> herr_t {
        auto* s = static_cast<Search*>(data);
        const std::string desc = error->desc ? error->desc : "";
        if (s->found.empty() && desc.find(s->needle) != std::string::npos) s->found = desc;
        return 0;
      },
      &search);
  return search.found;
}
}  // namespace

std::string FileLockProblem() {
  // HDF5 keeps the failure's stack even with automatic printing off; its
  // lock failure reads "unable to lock file, errno = 11, error message = '…'".
  const std::string lock = StackDescription("unable to lock file");
  if (lock.empty()) return "";
  if (lock.find("errno = 11,") != std::string::npos)  // EAGAIN/EWOULDBLOCK: a conflicting lock is held
    return "another process has it open for writing (HDF5's file lock: " + lock +
           "); close it there (an h5py.File opened with 'a' or 'r+', say in a notebook) and try again";
  return "its file system refused HDF5's file lock (" + lock +
         "); where the file system has no working locks (some NFS and Lustre mounts), set "
         "HDF5_USE_FILE_LOCKING=FALSE in the environment";
}

std::string OpenFailureReason() {
  if (std::string lock = FileLockProblem(); !lock.empty()) return lock;
  // The file driver's failure reads "unable to open file: name = '…', errno = 2,
  // error message = 'No such file or directory', flags = …": the system's words.
  constexpr std::string_view kMarker = "error message = '";
  const std::string open = StackDescription(kMarker.data());
  const std::size_t start = open.find(kMarker);
  if (start == std::string::npos) return "";
  const std::size_t from = start + kMarker.size(), to = open.find('\'', from);
  return to == std::string::npos ? "" : open.substr(from, to - from);
}

H5Handle OutputFileAccess() {
  H5Handle fapl = InputFileAccess();
  CheckStatus(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_EARLIEST, H5F_LIBVER_V18), "format bounds");
  // HDF5's metadata cache may grow to 32 MiB as the chunk indexes grow with the
  // replicates or points; appending touches only their newest nodes, so a small
  // cap keeps peak memory flat (flagship, all variables, --every 30: 1,000 →
  // 10,000 replicates grew 29 → 40 MiB uncapped, 29 → 33 MiB capped) at no cost in time.
  H5AC_cache_config_t mdc;
  mdc.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  CheckStatus(H5Pget_mdc_config(fapl.get(), &mdc), "metadata cache settings");
  mdc.set_initial_size = true;
  mdc.initial_size = std::size_t{1} << 20;
  mdc.min_size = std::size_t{1} << 20;
  mdc.max_size = std::size_t{8} << 20;
  CheckStatus(H5Pset_mdc_config(fapl.get(), &mdc), "metadata cache cap");
  return fapl;
}

H5Handle CreateOutputFile(const std::string& path) {
  const H5Handle fapl = OutputFileAccess();  // closed only after OpenFailureReason has read the error stack
  H5Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()));
  if (!file.valid()) {
    const std::string why = OpenFailureReason();
    throw OutputError("cannot create '" + path + "'" + (why.empty() ? "" : ": " + why));
  }
  return file;
}

H5Handle Utf8StringType() {
  H5Handle t = Check(H5Tcopy(H5T_C_S1), "string type");
  CheckStatus(H5Tset_size(t.get(), H5T_VARIABLE), "string size");
  CheckStatus(H5Tset_cset(t.get(), H5T_CSET_UTF8), "string charset");
  return t;
}

namespace {
void WriteScalarAttribute(hid_t object, const std::string& name, hid_t type, const void* value) {
  if (H5Aexists(object, name.c_str()) > 0) H5Adelete(object, name.c_str());
  H5Handle space = Check(H5Screate(H5S_SCALAR), "attribute space");
  H5Handle attr = Check(H5Acreate2(object, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                        "create attribute " + name);
  CheckStatus(H5Awrite(attr.get(), type, value), "write attribute " + name);
}
}  // namespace

void WriteStringAttribute(hid_t object, const std::string& name, const std::string& value) {
  H5Handle type = Utf8StringType();
  const char* ptr = value.c_str();
  WriteScalarAttribute(object, name, type.get(), &ptr);
}

void WriteIntAttribute(hid_t object, const std::string& name, long long value) {
  WriteScalarAttribute(object, name, H5T_NATIVE_LLONG, &value);
}

void WriteUint64Attribute(hid_t object, const std::string& name, unsigned long long value) {
  WriteScalarAttribute(object, name, H5T_NATIVE_ULLONG, &value);
}

void WriteDoubleAttribute(hid_t object, const std::string& name, double value) {
  WriteScalarAttribute(object, name, H5T_NATIVE_DOUBLE, &value);
}

void WriteFlags(hid_t dataset, const std::vector<int>& values, const std::string& meanings) {
  if (H5Aexists(dataset, "flag_values") > 0) H5Adelete(dataset, "flag_values");
  const hsize_t count = values.size();
  H5Handle space = Check(H5Screate_simple(1, &count, nullptr), "attribute space");
  H5Handle type = Check(H5Dget_type(dataset), "dataset type");
  H5Handle attr = Check(H5Acreate2(dataset, "flag_values", type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                        "create attribute flag_values");
  CheckStatus(H5Awrite(attr.get(), H5T_NATIVE_INT, values.data()), "write attribute flag_values");  // converted
  WriteStringAttribute(dataset, "flag_meanings", meanings);
}

bool HasAttribute(hid_t object, const std::string& name) { return H5Aexists(object, name.c_str()) > 0; }

std::string ReadStringAttribute(hid_t object, const std::string& name) {
  if (!HasAttribute(object, name)) throw OutputError("missing attribute '" + name + "'");
  H5Handle attr = Check(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute " + name);
  H5Handle type = Check(H5Aget_type(attr.get()), "attribute type");
  if (H5Tget_class(type.get()) != H5T_STRING) throw OutputError("attribute '" + name + "' is not a string");
  if (H5Tis_variable_str(type.get()) > 0) {
    H5Handle mem = Utf8StringType();
    char* value = nullptr;
    CheckStatus(H5Aread(attr.get(), mem.get(), &value), "read attribute " + name);
    std::string out = value ? value : "";
    H5free_memory(value);
    return out;
  }
  const std::size_t size = H5Tget_size(type.get());
  std::string out(size, '\0');
  CheckStatus(H5Aread(attr.get(), type.get(), out.data()), "read attribute " + name);
  out.resize(out.find('\0') == std::string::npos ? size : out.find('\0'));
  return out;
}

long long ReadIntAttribute(hid_t object, const std::string& name) {
  if (!HasAttribute(object, name)) throw OutputError("missing attribute '" + name + "'");
  H5Handle attr = Check(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute " + name);
  long long value = 0;
  CheckStatus(H5Aread(attr.get(), H5T_NATIVE_LLONG, &value), "read attribute " + name);
  return value;
}

}  // namespace diplosim
