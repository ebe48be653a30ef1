#pragma once

#include <atomic>

namespace diplosim {

// SIGINT/SIGTERM handling. Until EnableGracefulInterrupt, a signal ends the
// process at once with its default action: loading or validating has nothing
// to clean up, and a flag nobody polls would leave Ctrl-C without effect on a
// long load. After it, the first signal only sets a flag that the run polls,
// so it stops between replicates and removes its temporary file; a second
// signal ends the process at once (a kill leaves at most a temporary, which
// the next run removes), unless it comes within half a second of the first:
// that is the same request delivered twice (timeout(1) signals the process and
// then its process group), not a person insisting.
void InstallInterruptHandlers();
void EnableGracefulInterrupt();
const std::atomic<bool>& InterruptRequested();
int InterruptSignal();  // the signal received, 0 if none

}  // namespace diplosim
