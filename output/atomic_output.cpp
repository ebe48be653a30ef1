#include "output/atomic_output.h"

#include <fcntl.h>  // AT_FDCWD
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "output/output_error.h"

namespace diplosim {

namespace fs = std::filesystem;

namespace {
constexpr const char* kTempMarker = ".partial-";
}

std::string ThisHost() {
  char name[256] = {0};
  if (::gethostname(name, sizeof name - 1) != 0) return "";
  std::string host;
  for (const char* c = name; *c && host.size() < 64; ++c)
    if (std::isalnum(static_cast<unsigned char>(*c)) || *c == '.' || *c == '_' || *c == '-') host += *c;
  return host;
}

TemporaryOwner OwnerOfTemporary(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  const std::size_t marker = name.rfind(kTempMarker);
  if (marker == std::string::npos) return {};
  const std::string tail = name.substr(marker + std::strlen(kTempMarker));  // HOST-PID or PID
  const std::size_t dash = tail.rfind('-');
  const std::string digits = dash == std::string::npos ? tail : tail.substr(dash + 1);
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return {};
  return TemporaryOwner{dash == std::string::npos ? "" : tail.substr(0, dash), std::stol(digits)};
}

void CheckOutputTarget(const std::string& final_path, bool force) {
  if (final_path.empty()) throw OutputError("no output file given; expected -o FILE.h5");
  if (final_path == "-")
    throw OutputError("output '-': results are HDF5 files, not a stream for standard output; expected -o FILE.h5");
  std::error_code ec;
  const fs::path final_p(final_path);
  const fs::file_status status = fs::status(final_p, ec);
  if (fs::is_directory(status))
    throw OutputError("output path '" + final_path + "' is a directory; expected a file name, e.g. -o " +
                      (final_p / "result.h5").lexically_normal().string());
  // The result replaces the path by a rename, so --force on /dev/null (as root)
  // or a FIFO would put a regular file in the device's place.
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw OutputError("output path '" + final_path + "' is " +
                      (fs::is_character_file(status) || fs::is_block_file(status) ? "a device"
                       : fs::is_fifo(status)                                     ? "a named pipe"
                                                                                 : "not a regular file") +
                      ", which the result would replace; expected a file name (--force does not apply)");
  if (fs::exists(status) && !force)
    throw OutputError("output file '" + final_path + "' already exists; use --force to overwrite it");
  const fs::path dir = final_p.has_parent_path() ? final_p.parent_path() : fs::path(".");
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw OutputError("output folder '" + dir.string() + "' is a file, not a folder; expected a path in a folder");
  if (!fs::is_directory(dir, ec))
    throw OutputError("output folder '" + dir.string() + "' does not exist; create it first (mkdir -p '" +
                      dir.string() + "')");
  if (::access(dir.c_str(), W_OK) != 0)
    throw OutputError("output folder '" + dir.string() + "' is not writable: " + std::strerror(errno));
}

void CheckNotAnInput(const std::string& final_path, const std::vector<std::string>& inputs) {
  std::error_code ec;
  if (!fs::exists(final_path, ec)) return;
  for (const auto& input : inputs)
    if (fs::equivalent(final_path, input, ec))
      throw OutputError("output file '" + final_path + "' is an input this command reads" +
                        (input != final_path ? " (as '" + input + "')" : "") +
                        "; expected another file name (--force replaces earlier results, never inputs)");
}

AtomicOutput::AtomicOutput(std::string final_path, bool force) : final_path_(std::move(final_path)), force_(force) {
  CheckOutputTarget(final_path_, force);
  const std::string host = ThisHost();
  temp_path_ = final_path_ + kTempMarker + (host.empty() ? "" : host + "-") + std::to_string(::getpid());
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) std::remove(temp_path_.c_str());
}

namespace {

// fsync of `path` (a file, or a folder for the names in it); false with errno set.
bool SyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return ok;
}

}  // namespace

void AtomicOutput::CommitDurably() {
  if (!SyncPath(temp_path_, 0))
    throw OutputWriteError("cannot write '" + temp_path_ + "' to disk: " + std::strerror(errno) +
                           "; no file was left under '" + final_path_ + "'");
  Commit();
  // The folder's entry: a file system that cannot sync a folder (EINVAL) orders renames itself.
  const fs::path folder = fs::path(final_path_).parent_path();
  if (!SyncPath(folder.empty() ? "." : folder.string(), O_DIRECTORY) && errno != EINVAL && errno != EROFS)
    throw OutputWriteError("wrote '" + final_path_ +
                           "' but cannot write its folder's entry to disk: " + std::strerror(errno));
}

void AtomicOutput::Commit() {
  // The check at construction left a window as long as the run: two runs to
  // one output both found it free. RENAME_NOREPLACE closes it where the file
  // system has it (ext4, xfs, btrfs, tmpfs); elsewhere (NFS) a plain rename.
  if (!force_) {
    if (::renameat2(AT_FDCWD, temp_path_.c_str(), AT_FDCWD, final_path_.c_str(), RENAME_NOREPLACE) == 0) {
      committed_ = true;
      return;
    }
    if (errno == EEXIST)
      throw OutputError("output file '" + final_path_ +
                        "' appeared while this command wrote its result (another run to the same output?); it was "
                        "left as it is and this result was not kept: use another -o, or --force to replace it");
    if (errno != EINVAL && errno != ENOSYS)
      throw OutputWriteError("cannot rename '" + temp_path_ + "' to '" + final_path_ + "': " + std::strerror(errno));
  }
  if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0)
    throw OutputWriteError("cannot rename '" + temp_path_ + "' to '" + final_path_ + "': " + std::strerror(errno));
  committed_ = true;
}

std::vector<std::string> FindStaleTemporaries(const std::string& final_path) {
  std::vector<std::string> found;
  const fs::path final_p(final_path);
  const fs::path dir = final_p.has_parent_path() ? final_p.parent_path() : fs::path(".");
  const std::string prefix = final_p.filename().string() + kTempMarker;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) found.push_back(entry.path().string());
  }
  return found;
}

}  // namespace diplosim
