#include "output/available_memory.h"

#include <algorithm>
#include <cstdlib>

#include "output/cgroup.h"
#include "sim/byte_text.h"

namespace diplosim {

namespace {

// At or above this a limit means "none" (cgroup v1 reports its page counter's
// maximum, 2^63 rounded down to a page).
constexpr std::uint64_t kUnlimited = std::uint64_t{1} << 60;

// The tightest room under the limits of the cgroup folders from this
// process's up to the mount's top. Memory the kernel can reclaim at once
// (inactive page cache) counts as room, as it does when the kernel enforces the limit.
std::optional<AvailableMemory> CgroupRoom(const std::string& proc) {
  std::optional<AvailableMemory> tightest;
  for (const CgroupChain& chain : FindCgroupChains(proc, "memory")) {
    const bool v2 = chain.v2;
    for (const std::string& folder : chain.folders) {
      // A missing or unreadable file, or v2's "max", is no limit; v1 writes "none" as a huge number.
      const std::uint64_t limit =
          ReadCount(folder + (v2 ? "/memory.max" : "/memory.limit_in_bytes")).value_or(kUnlimited);
      const std::optional<std::uint64_t> usage =
          ReadCount(folder + (v2 ? "/memory.current" : "/memory.usage_in_bytes"));
      const std::uint64_t reclaimable =
          KeyedCount(folder + "/memory.stat", v2 ? "inactive_file" : "total_inactive_file").value_or(0);
      if (limit < kUnlimited && usage) {
        const std::uint64_t used = *usage - std::min(*usage, reclaimable);
        const std::uint64_t room = limit - std::min(limit, used);
        if (!tightest || room < tightest->bytes)
          tightest = AvailableMemory{room,
                                     "this process's memory cgroup leaves (" + folder + ": limit " +
                                         HumanBytes(static_cast<double>(limit)) + ", " +
                                         HumanBytes(static_cast<double>(used)) + " in use)",
                                     "raise that cgroup\'s limit (the container\'s or job\'s memory)"};
      }
    }
  }
  return tightest;
}

// A Slurm job's memory on this node: --mem gives SLURM_MEM_PER_NODE, --mem-per-cpu
// SLURM_MEM_PER_CPU (per allocated CPU on the node); both in MiB.
std::optional<AvailableMemory> SlurmMemory(const MemorySources& sources) {
  auto env = [&](const std::string& name) -> std::optional<std::string> {
    if (sources.env) return sources.env(name);
    const char* value = std::getenv(name.c_str());
    return value ? std::optional<std::string>(value) : std::nullopt;
  };
  if (!env("SLURM_JOB_ID")) return std::nullopt;
  constexpr std::uint64_t kMiB = 1024 * 1024;
  constexpr std::uint64_t kLargest = std::uint64_t{1} << 40;  // MiB: beyond any machine, and no overflow below
  if (const auto per_node = env("SLURM_MEM_PER_NODE")) {
    const std::optional<std::uint64_t> mib = ParseCount(*per_node);
    if (mib && *mib > 0 && *mib < kLargest)
      return AvailableMemory{*mib * kMiB, "this Slurm job has on this node (SLURM_MEM_PER_NODE=" + *per_node + ")",
                             "ask Slurm for more (--mem)"};
  }
  const auto per_cpu = env("SLURM_MEM_PER_CPU");
  const auto cpus = env("SLURM_CPUS_ON_NODE");
  if (per_cpu && cpus) {
    const std::optional<std::uint64_t> mib = ParseCount(*per_cpu);
    const std::optional<std::uint64_t> count = ParseCount(*cpus);
    if (mib && count && *mib > 0 && *count > 0 && *mib < kLargest && *count < (std::uint64_t{1} << 20))
      return AvailableMemory{
          *mib * *count * kMiB,
          "this Slurm job has on this node (SLURM_MEM_PER_CPU=" + *per_cpu + " × SLURM_CPUS_ON_NODE=" + *cpus + ")",
          "ask Slurm for more (--mem-per-cpu)"};
  }
  return std::nullopt;
}

}  // namespace

std::optional<AvailableMemory> QueryAvailableMemory(const MemorySources& sources) {
  std::optional<AvailableMemory> smallest;
  auto consider = [&](std::optional<AvailableMemory> candidate) {
    if (candidate && (!smallest || candidate->bytes < smallest->bytes)) smallest = std::move(candidate);
  };
  if (const std::optional<std::uint64_t> kib = KeyedCount(sources.proc + "/meminfo", "MemAvailable:"))
    consider(AvailableMemory{*kib * 1024, "this machine has available"});
  consider(CgroupRoom(sources.proc));
  consider(SlurmMemory(sources));
  return smallest;
}

}  // namespace diplosim
