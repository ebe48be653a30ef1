#include "app/progress_bar.h"

#include <unistd.h>

#include <cstdlib>

namespace diplosim {

namespace {

constexpr double kDefaultLogSeconds = 60.0;

// DIPLOSIM_PROGRESS_INTERVAL, when it is a positive number of seconds.
double LogIntervalSeconds() {
  const char* text = std::getenv("DIPLOSIM_PROGRESS_INTERVAL");
  if (!text) return kDefaultLogSeconds;
  char* end = nullptr;
  const double seconds = std::strtod(text, &end);
  return end != text && *end == '\0' && seconds > 0.0 ? seconds : kDefaultLogSeconds;
}

}  // namespace

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressBar::Style ProgressStyle(bool enabled) {
  if (!enabled) return ProgressBar::Style::kOff;
  return StderrIsTerminal() ? ProgressBar::Style::kTerminal : ProgressBar::Style::kLog;
}

ProgressBar::ProgressBar(std::string unit, Style style)
    : unit_(std::move(unit)),
      style_(style),
      log_interval_(LogIntervalSeconds()),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ProgressBar::Update(long long done, long long total) {
  if (style_ == Style::kOff || total <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  const double eta = done > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  if (style_ == Style::kLog) {
    // The end is reported by the command's own summary; a line per interval before it.
    if (done >= total || now - last_draw_ < log_interval_) return;
    last_draw_ = now;
    std::fprintf(stderr, "progress: %lld/%lld %s (%.0f %%), %.0f s, about %.0f s to go\n", done, total, unit_.c_str(),
                 100.0 * fraction, elapsed, eta);
    std::fflush(stderr);
    return;
  }
  if (done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(filled, '=');
  if (filled < kWidth) bar += '>' + std::string(kWidth - filled - 1, ' ');
  std::fprintf(stderr, "\r[%s] %lld/%lld %s  %.1f s  ETA %.1f s ", bar.c_str(), done, total, unit_.c_str(), elapsed,
               eta);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (drawn_) std::fprintf(stderr, "\n");
  drawn_ = false;
}

}  // namespace diplosim
