#include "app/interrupt.h"

#include <csignal>

namespace diplosim {

namespace {
std::atomic<bool> g_requested{false};
std::atomic<int> g_signal{0};

extern "C" void OnSignal(int sig) {
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

const std::atomic<bool>& InterruptRequested() { return g_requested; }
int InterruptSignal() { return g_signal.load(); }

}  // namespace diplosim
