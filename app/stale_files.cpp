#include "app/stale_files.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "output/atomic_output.h"

namespace diplosim {

void CleanStaleTemporaries(const std::string& output) {
  const std::string here = ThisHost();
  for (const std::string& stale : FindStaleTemporaries(output)) {
    const TemporaryOwner owner = OwnerOfTemporary(stale);
    if (!owner.host.empty() && owner.host != here) {
      // Its process number means nothing here: the run may still be writing it.
      std::cerr << "diplosim: leaving '" << stale << "': written by process " << owner.pid << " on " << owner.host
                << ", which this machine cannot check; remove it once that run has ended\n";
      continue;
    }
    const long pid = owner.pid;
    if (pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) == 0) continue;
    std::cerr << "diplosim: removing '" << stale << "', left by an interrupted run\n";
    std::error_code ec;
    std::filesystem::remove(stale, ec);
  }
}

}  // namespace diplosim
