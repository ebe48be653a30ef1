#pragma once

#include <functional>
#include <string>

namespace diplosim {

// The HDF5 library trusts a file's metadata. A result whose object headers,
// global heap or dimension-scale references were altered after it was written
// (a bad copy, a failing disk, an edit) can crash it (a double free in
// H5DSis_scale, a segmentation fault in H5HG_read), make it allocate
// gigabytes, or keep it reading forever, where it should fail with an error.
// So the commands that read results do their reading in a child process
// first, with limits, and read for real only once the child has.
//
// Runs `read` (what the command will read of `path`, its output discarded) in
// a forked child whose address space may grow by max(2 GB, 64 × the file), at
// most the memory available, and whose CPU time is limited to 60 s + 1 s per
// 10 MB of file. Returns when the
// read succeeded there. Throws what the read threw (OutputError, or
// std::runtime_error with its message), so a failing read is not repeated
// without the limits. Throws OutputError naming `path` as damaged when the
// child was killed by a signal or by its CPU limit. Where no child can be
// started, returns at once and the command reads as before. Call it before
// any thread is started; the child dies with its parent.
void ProbeForDamage(const std::string& path, const std::function<void()>& read);

// The same with the child's CPU limit given (tests).
void ProbeForDamage(const std::string& path, const std::function<void()>& read, unsigned cpu_seconds);

}  // namespace diplosim
