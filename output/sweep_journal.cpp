#include "output/sweep_journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "output/output_error.h"

namespace diplosim {

namespace {

// How long a held lock is waited for before the sweep holding it is taken to
// be running: a sweep killed a moment ago (kill -9, or mpirun tearing down
// its ranks) may still be exiting, and the kernel drops its lock only then.
constexpr auto kLockGrace = std::chrono::seconds(3);

// Takes `fd`'s exclusive lock, waiting up to kLockGrace while another open
// file holds it. False only when one still does; a file system without flock
// counts as locked by us.
bool TryLock(int fd) {
  const auto deadline = std::chrono::steady_clock::now() + kLockGrace;
  for (;;) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return true;
    if (errno != EWOULDBLOCK) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// The process /proc/locks names as holding a lock on `path`'s inode, if any.
std::string LockOwner(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "a running process";
  char inode[64];
  std::snprintf(inode, sizeof inode, "%02x:%02x:%llu", major(st.st_dev), minor(st.st_dev),
                static_cast<unsigned long long>(st.st_ino));
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    std::istringstream fields(line);
    std::string index, kind, mode, access, pid, id;
    if (fields >> index >> kind >> mode >> access >> pid >> id && kind == "FLOCK" && id == inode)
      return "process " + pid;
  }
  return "a running process";
}

constexpr char kMagic[8] = {'D', 'P', 'S', 'J', 'R', 'N', 'L', '1'};
constexpr std::uint32_t kRecordMagic = 0x52454344;  // "RECD"

struct RawHeader {
  char magic[8];
  char sha256[64];
  std::int32_t num_points, num_outcomes, trajectory_rows, trajectory_cols;
};

RawHeader Encode(const JournalHeader& h) {
  RawHeader raw{};
  std::memcpy(raw.magic, kMagic, sizeof kMagic);
  std::memset(raw.sha256, 0, sizeof raw.sha256);
  std::memcpy(raw.sha256, h.sweep_sha256.data(), std::min<std::size_t>(64, h.sweep_sha256.size()));
  raw.num_points = h.num_points;
  raw.num_outcomes = h.num_outcomes;
  raw.trajectory_rows = h.trajectory_rows;
  raw.trajectory_cols = h.trajectory_cols;
  return raw;
}

void WriteAll(int fd, const void* data, std::size_t size, const std::string& path) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw OutputWriteError("cannot write journal '" + path + "': " + std::strerror(errno) +
                             "; the points it holds are kept: once it can grow (free space, a higher file-size limit), "
                             "continue with --resume");
    }
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

std::size_t PayloadDoubles(const JournalHeader& h) {
  return 1 + static_cast<std::size_t>(h.num_outcomes) * kNumStatistics +
         static_cast<std::size_t>(h.trajectory_rows) * h.trajectory_cols;
}

// Scans the journal; returns the byte offset just past the last valid record.
long long Scan(const std::string& path, const JournalHeader& expected, const std::function<void(const PointResult&)>* visit,
               int* count) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw OutputError("cannot open journal '" + path + "'");
  RawHeader raw{};
  in.read(reinterpret_cast<char*>(&raw), sizeof raw);
  const RawHeader want = Encode(expected);
  if (!in || std::memcmp(raw.magic, kMagic, sizeof kMagic) != 0)
    throw OutputError("'" + path + "' is not a diplosim sweep journal");
  if (std::memcmp(&raw, &want, sizeof raw) != 0)
    throw OutputError("journal '" + path + "' belongs to another sweep (different sweep file, base scenario or layout); "
                      "remove it or use --force to start afresh");
  long long good = static_cast<long long>(sizeof raw);
  const std::size_t doubles = PayloadDoubles(expected);
  *count = 0;
  while (true) {
    std::uint32_t head[4];
    if (!in.read(reinterpret_cast<char*>(head), sizeof head) || head[0] != kRecordMagic) break;
    std::vector<double> payload(doubles);
    if (!in.read(reinterpret_cast<char*>(payload.data()), static_cast<std::streamsize>(doubles * sizeof(double)))) break;
    if (head[3] > (1u << 20)) break;
    std::string error(head[3], '\0');
    if (!in.read(error.data(), head[3])) break;
    std::uint32_t crc = 0;
    if (!in.read(reinterpret_cast<char*>(&crc), sizeof crc)) break;
    uLong c = crc32(0L, Z_NULL, 0);
    c = crc32(c, reinterpret_cast<const Bytef*>(head), sizeof head);
    c = crc32(c, reinterpret_cast<const Bytef*>(payload.data()), static_cast<uInt>(doubles * sizeof(double)));
    c = crc32(c, reinterpret_cast<const Bytef*>(error.data()), static_cast<uInt>(error.size()));
    if (static_cast<std::uint32_t>(c) != crc) break;
    if (static_cast<int>(head[1]) < 0 || static_cast<int>(head[1]) >= expected.num_points) break;
    good = static_cast<long long>(in.tellg());
    ++*count;
    if (visit) {
      PointResult r;
      r.point = static_cast<int>(head[1]);
      r.failed = head[2] != 0;
      r.error = std::move(error);
      r.seconds = payload[0];
      r.summary = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
          payload.data() + 1, expected.num_outcomes, kNumStatistics);
      if (expected.trajectory_rows > 0)
        r.trajectory = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            payload.data() + 1 + expected.num_outcomes * kNumStatistics, expected.trajectory_rows, expected.trajectory_cols);
      (*visit)(r);
    }
  }
  return good;
}

}  // namespace

JournalWriter::JournalWriter(const std::string& path, const JournalHeader& header, bool resume)
    : path_(path), header_(header) {
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (resume && exists) {
    int count = 0;
    const long long good = Scan(path, header, nullptr, &count);
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) throw OutputError("cannot open journal '" + path + "': " + std::strerror(errno));
    Lock();
    // Drop a record cut short by a kill, then append after the valid ones.
    if (::ftruncate(fd_, good) != 0 || ::lseek(fd_, good, SEEK_SET) < 0)
      throw OutputError("cannot truncate journal '" + path + "': " + std::strerror(errno));
    return;
  }
  // Opened without O_TRUNC: the file is emptied only once its lock is ours.
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw OutputError("cannot create journal '" + path + "': " + std::strerror(errno));
  Lock();
  if (::ftruncate(fd_, 0) != 0) throw OutputError("cannot empty journal '" + path + "': " + std::strerror(errno));
  const RawHeader raw = Encode(header);
  WriteAll(fd_, &raw, sizeof raw, path_);
}

void JournalWriter::Lock() {
  if (TryLock(fd_)) return;
  const std::string owner = LockOwner(path_);
  ::close(fd_);
  fd_ = -1;
  throw OutputError(JournalBusy(path_, owner));
}

std::string JournalBusy(const std::string& path, const std::string& holder) {
  return "another sweep is writing this output: " + holder + " holds the lock on its journal '" + path +
         "'; wait for it to finish, or stop it and continue with --resume";
}

std::string JournalHolder(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  const bool free = TryLock(fd);
  ::close(fd);  // drops the test lock with the file
  return free ? "" : LockOwner(path);
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::Append(const PointResult& r) {
  const std::size_t doubles = PayloadDoubles(header_);
  std::vector<char> buf;
  const std::uint32_t head[4] = {kRecordMagic, static_cast<std::uint32_t>(r.point), r.failed ? 1u : 0u,
                                 static_cast<std::uint32_t>(r.error.size())};
  std::vector<double> payload(doubles, std::nan(""));
  payload[0] = r.seconds;
  if (r.summary.size() == header_.num_outcomes * kNumStatistics)
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(payload.data() + 1, header_.num_outcomes,
                                                                                       kNumStatistics) = r.summary;
  if (header_.trajectory_rows > 0 && r.trajectory.rows() == header_.trajectory_rows)
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        payload.data() + 1 + header_.num_outcomes * kNumStatistics, header_.trajectory_rows, header_.trajectory_cols) =
        r.trajectory;
  uLong c = crc32(0L, Z_NULL, 0);
  c = crc32(c, reinterpret_cast<const Bytef*>(head), sizeof head);
  c = crc32(c, reinterpret_cast<const Bytef*>(payload.data()), static_cast<uInt>(doubles * sizeof(double)));
  c = crc32(c, reinterpret_cast<const Bytef*>(r.error.data()), static_cast<uInt>(r.error.size()));
  const std::uint32_t crc = static_cast<std::uint32_t>(c);
  buf.insert(buf.end(), reinterpret_cast<const char*>(head), reinterpret_cast<const char*>(head) + sizeof head);
  buf.insert(buf.end(), reinterpret_cast<const char*>(payload.data()),
             reinterpret_cast<const char*>(payload.data()) + doubles * sizeof(double));
  buf.insert(buf.end(), r.error.begin(), r.error.end());
  buf.insert(buf.end(), reinterpret_cast<const char*>(&crc), reinterpret_cast<const char*>(&crc) + sizeof crc);
  // One write per record: a kill leaves either the whole record or a cut-off tail the reader drops.
  WriteAll(fd_, buf.data(), buf.size(), path_);
}

int ReadJournal(const std::string& path, const JournalHeader& expected,
                const std::function<void(const PointResult&)>& visit) {
  int count = 0;
  Scan(path, expected, &visit, &count);
  return count;
}

}  // namespace diplosim
