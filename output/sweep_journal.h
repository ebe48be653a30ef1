#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/point_runner.h"

namespace diplosim {

// What a journal belongs to; a journal whose header differs is refused.
struct JournalHeader {
  std::string sweep_sha256;
  int num_points = 0;        // points in the whole design
  int num_outcomes = 0;
  int trajectory_rows = 0;   // time points of the median trajectories (0: none)
  int trajectory_cols = 0;   // dimensions
};

// An append-only file of finished points, written as each point finishes so a
// sweep killed at any moment (SIGKILL included) loses at most the record being
// written. Each record carries a CRC-32; reading stops at the first incomplete
// or corrupt record, and reopening for resume truncates the file there.
//
// The writer holds an exclusive flock on the journal for its life, so a second
// sweep to the same output (started by hand, or a Slurm task requeued while the
// first still runs) is refused instead of truncating or appending to the same
// file. The kernel drops the lock when its process dies, SIGKILL included, so a
// killed sweep's --resume is never blocked; a held lock is waited for 3 s first,
// for a sweep killed a moment ago that is still exiting. File systems without
// flock go unlocked.
class JournalWriter {
 public:
  // Creates the journal, or with `resume` reopens an existing one after checking
  // its header (throws OutputError if it belongs to another sweep, or if a
  // running process holds its lock).
  JournalWriter(const std::string& path, const JournalHeader& header, bool resume);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  void Append(const PointResult& result);
  const std::string& path() const { return path_; }

 private:
  // Takes the journal's lock, or closes it and throws OutputError naming the holder.
  void Lock();

  std::string path_;
  JournalHeader header_;
  int fd_ = -1;
};

// Whether a running process holds `path`'s journal lock (waiting up to 3 s for
// one that is exiting to let go): "" if none (or the
// file or its lock cannot be tried), else who, e.g. "process 1234" or "a
// running process" where /proc/locks does not say.
std::string JournalHolder(const std::string& path);

// The refusal when `holder` (as JournalHolder names it) holds `path`'s lock.
std::string JournalBusy(const std::string& path, const std::string& holder);

// Calls `visit` for every valid record of the journal, in file order, and
// returns how many there were. Throws OutputError if the header does not match.
int ReadJournal(const std::string& path, const JournalHeader& expected,
                const std::function<void(const PointResult&)>& visit);

}  // namespace diplosim
