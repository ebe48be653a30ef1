#pragma once

#include <atomic>

namespace diplosim {

// SIGINT/SIGTERM set a flag that long work polls, so a run stops between
// replicates and cleans up (no final-named file) instead of dying mid-write.
void InstallInterruptHandlers();
const std::atomic<bool>& InterruptRequested();
int InterruptSignal();  // the signal received, 0 if none

}  // namespace diplosim
