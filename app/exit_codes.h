#pragma once

namespace diplosim {

// Process exit codes of the diplosim command.
enum ExitCode : int {
  kExitOk = 0,
  kExitRunFailed = 1,   // a run went wrong (numerical failure, disk full, …)
  kExitBadInput = 2,    // bad scenario, options or output path
  kExitInterrupted = 128,  // + signal number (130 SIGINT, 143 SIGTERM)
};

}  // namespace diplosim
