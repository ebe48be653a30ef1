#pragma once

#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>

namespace diplosim {

// Owns one HDF5 identifier and closes it with the right H5?close call.
class H5Handle {
 public:
  H5Handle() = default;
  explicit H5Handle(hid_t id) : id_(id) {}
  H5Handle(const H5Handle&) = delete;
  H5Handle& operator=(const H5Handle&) = delete;
  H5Handle(H5Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)) {}
  H5Handle& operator=(H5Handle&& o) noexcept {
    if (this != &o) {
      Reset();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~H5Handle() { Reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  void Reset();
  // Gives up ownership without closing (for closes whose status must be checked).
  hid_t Release() { return std::exchange(id_, H5I_INVALID_HID); }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// Throws OutputError(`what`) if `id` is negative; returns it wrapped otherwise.
H5Handle Check(hid_t id, const std::string& what);
void CheckStatus(herr_t status, const std::string& what);

// Silences HDF5's automatic error printing (failures become OutputError) and its
// atexit handler. Call before any other HDF5 function.
void QuietHdf5Errors();

// File access properties for the files diplosim writes: the 1.8 format, which
// every HDF5 and netCDF reader in use reads, a capped metadata cache, and
// best-effort file locking (InputFileAccess).
H5Handle OutputFileAccess();

// Creates (truncating) the file diplosim writes at `path` with OutputFileAccess;
// OutputError naming the path, and HDF5's file lock where that was the cause.
H5Handle CreateOutputFile(const std::string& path);

// File access properties for the files diplosim reads: HDF5's file lock where
// the file system has locks, and none where it reports them unsupported
// (Lustre without flock), which would otherwise make every open fail.
H5Handle InputFileAccess();

// Why the last HDF5 call on this thread could not open or create a file, when
// it was HDF5's file lock (call it before any other HDF5 call, closing a
// property list included: each clears the error stack): "another process has it open for writing …" or "its
// file system refused HDF5's file lock …", with what to do. Empty otherwise.
std::string FileLockProblem();

// Why the last HDF5 call on this thread could not open or create a file: the
// lock problem above, else the system's error message the file driver recorded
// ("No such file or directory", "Permission denied"). Empty when neither is on
// the stack. The same caveat: call it before any other HDF5 call.
std::string OpenFailureReason();

// Variable-length UTF-8 string type (what h5py/xarray read back as str).
H5Handle Utf8StringType();

void WriteStringAttribute(hid_t object, const std::string& name, const std::string& value);
void WriteIntAttribute(hid_t object, const std::string& name, long long value);
void WriteUint64Attribute(hid_t object, const std::string& name, unsigned long long value);
void WriteDoubleAttribute(hid_t object, const std::string& name, double value);
// CF's flag_values and flag_meanings of a coded dataset: the values as an array
// of the dataset's own type (as CF asks), the meanings as one string.
void WriteFlags(hid_t dataset, const std::vector<int>& values, const std::string& meanings);
std::string ReadStringAttribute(hid_t object, const std::string& name);
long long ReadIntAttribute(hid_t object, const std::string& name);
bool HasAttribute(hid_t object, const std::string& name);

}  // namespace diplosim
