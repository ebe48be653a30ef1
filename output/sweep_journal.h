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
class JournalWriter {
 public:
  // Creates the journal, or with `resume` reopens an existing one after checking
  // its header (throws OutputError if it belongs to another sweep).
  JournalWriter(const std::string& path, const JournalHeader& header, bool resume);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  void Append(const PointResult& result);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  JournalHeader header_;
  int fd_ = -1;
};

// Calls `visit` for every valid record of the journal, in file order, and
// returns how many there were. Throws OutputError if the header does not match.
int ReadJournal(const std::string& path, const JournalHeader& expected,
                const std::function<void(const PointResult&)>& visit);

}  // namespace diplosim
