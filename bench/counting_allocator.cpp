#include "bench/counting_allocator.h"

#include <atomic>
#include <cstddef>

namespace {
std::atomic<long long> g_allocations{0};
}  // namespace

// glibc's own allocator, under its internal name.
extern "C" void* __libc_malloc(std::size_t size);

// The benchmark binary's malloc counts, then defers to glibc. Both operator new
// (libstdc++ calls malloc) and Eigen's heap storage (aligned_malloc uses malloc
// on glibc, whose blocks are already 16-byte aligned) go through it, so the
// count covers every heap allocation the engine makes.
extern "C" void* malloc(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}

namespace diplosim {

long long AllocationCount() { return g_allocations.load(std::memory_order_relaxed); }

}  // namespace diplosim
