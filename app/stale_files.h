#pragma once

#include <string>

namespace diplosim {

// Removes temporary files (FILE.partial-PID) that killed runs left next to
// `output`, unless the process that owns one is still running; says so on stderr.
void CleanStaleTemporaries(const std::string& output);

}  // namespace diplosim
