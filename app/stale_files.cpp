#include "app/stale_files.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "output/atomic_output.h"

namespace diplosim {

void CleanStaleTemporaries(const std::string& output) {
  for (const std::string& stale : FindStaleTemporaries(output)) {
    const std::size_t dash = stale.rfind('-');
    const long pid = dash == std::string::npos ? 0 : std::atol(stale.c_str() + dash + 1);
    if (pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) == 0) continue;
    std::cerr << "diplosim: removing '" << stale << "', left by an interrupted run\n";
    std::error_code ec;
    std::filesystem::remove(stale, ec);
  }
}

}  // namespace diplosim
