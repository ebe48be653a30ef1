#pragma once

// The benchmark binary replaces malloc with one that counts (then calls glibc),
// so a case can report how many heap allocations its step loop makes (the
// engine's hot loop should make none).
namespace diplosim {

long long AllocationCount();

}  // namespace diplosim
