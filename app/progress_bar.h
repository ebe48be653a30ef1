#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace diplosim {

// A one-line progress bar with rate and ETA on stderr, drawn only when stderr
// is a terminal (so logs and pipes stay clean) and at most ten times a second.
class ProgressBar {
 public:
  ProgressBar(std::string unit, bool enabled);
  void Update(long long done, long long total);
  void Finish();

 private:
  std::string unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// True when stderr is an interactive terminal.
bool StderrIsTerminal();

}  // namespace diplosim
