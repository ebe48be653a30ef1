#include "app/interrupt.h"

#include <csignal>

namespace diplosim {

namespace {
std::atomic<bool> g_graceful{false};
std::atomic<bool> g_requested{false};
std::atomic<int> g_signal{0};

extern "C" void OnSignal(int sig) {
  if (!g_graceful.load() || g_requested.load()) {
    // signal() and raise() are async-signal-safe: die as if never handled.
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
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
