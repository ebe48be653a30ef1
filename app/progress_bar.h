#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace diplosim {

// Progress on stderr, with rate and ETA. On a terminal, a one-line bar redrawn
// at most ten times a second. Elsewhere (a Slurm job's log, nohup, a pipe), a
// plain line at most once an interval (default 60 s, DIPLOSIM_PROGRESS_INTERVAL
// seconds), and none for work done within the first: a long job's log says how
// far it got, a short one's stays clean.
class ProgressBar {
 public:
  enum class Style { kOff, kTerminal, kLog };
  ProgressBar(std::string unit, Style style);
  void Update(long long done, long long total);
  void Finish();

 private:
  std::string unit_;
  Style style_;
  std::chrono::duration<double> log_interval_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// True when stderr is an interactive terminal.
bool StderrIsTerminal();

// Off when quiet (or for processes that must not print, such as MPI ranks other
// than 0), else the terminal bar or the log lines, by what stderr is.
ProgressBar::Style ProgressStyle(bool enabled);

}  // namespace diplosim
