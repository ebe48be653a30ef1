#pragma once

#include <string>

namespace diplosim {

// Removes temporary files (FILE.partial-HOST-PID) that killed runs left next to
// `output`, unless the process that owns one is still running, or ran on
// another machine (HOST), which this one cannot check; says so on stderr.
void CleanStaleTemporaries(const std::string& output);

}  // namespace diplosim
