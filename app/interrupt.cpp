#include "app/interrupt.h"

#include <time.h>

#include <csignal>

namespace diplosim {

namespace {
std::atomic<bool> g_graceful{false};
std::atomic<bool> g_requested{false};
std::atomic<int> g_signal{0};
std::atomic<long long> g_first_at_ns{0};

// A second signal this soon after the first is the same request delivered twice:
// timeout(1) signals its child and then the child's whole process group, and a
// job scheduler may do the same. A person pressing Ctrl-C again takes longer.
constexpr long long kSameRequestNs = 500'000'000;

long long MonotonicNs() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);  // async-signal-safe (POSIX)
  return static_cast<long long>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

extern "C" void OnSignal(int sig) {
  const long long now = MonotonicNs();
  if (g_graceful.load() && g_requested.load() && now - g_first_at_ns.load() < kSameRequestNs) return;
  if (!g_graceful.load() || g_requested.load()) {
    // signal() and raise() are async-signal-safe: die as if never handled.
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  g_first_at_ns.store(now);
  g_signal.store(sig);
  g_requested.store(true);
}
}  // namespace

void InstallInterruptHandlers() {
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  // Past a file-size limit (ulimit -f) a write should fail with EFBIG and be
  // reported, not kill the process and leave a temporary file behind.
  signal(SIGXFSZ, SIG_IGN);
}

void EnableGracefulInterrupt() { g_graceful.store(true); }

const std::atomic<bool>& InterruptRequested() { return g_requested; }
int InterruptSignal() { return g_signal.load(); }

}  // namespace diplosim
