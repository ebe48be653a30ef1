#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace diplosim {

// A result file could not be written or read (exists without --force, folder
// not writable, disk full, not a diplosim file, incompatible format version).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A result file given as input that is not there: the CLI adds where it was
// looked for and the closest name beside it.
class MissingResultError : public OutputError {
 public:
  MissingResultError(const std::string& message, std::string path) : OutputError(message), path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Writing failed part-way (disk full, a quota or file-size limit, an I/O
// error): the run went wrong, not the inputs or paths it was given, so
// commands exit 1 for it where they exit 2 for other output errors.
class OutputWriteError : public OutputError {
 public:
  using OutputError::OutputError;
};

// An HDF5 call that failed while a result was written to its temporary: the
// inputs were checked before, so the disk or a limit refused it.
inline OutputWriteError WriteFailure(const OutputError& e, const std::string& final_path) {
  return OutputWriteError(std::string(e.what()) + " while writing '" + final_path +
                          "' (disk full or a file-size limit?); no file was left under that name");
}

}  // namespace diplosim
