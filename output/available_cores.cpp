#include "output/available_cores.h"

#include <sched.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <sstream>
#include <thread>

#include "output/cgroup.h"

namespace diplosim {

namespace {

std::string Cores(int count) { return std::to_string(count) + (count == 1 ? " core" : " cores"); }

// CPUs in this process's affinity mask; the mask is sized for machines of up
// to 64k CPUs, beyond the fixed cpu_set_t's 1,024.
std::optional<int> AffinityCpus() {
  constexpr int kMaxCpus = 65536;
  cpu_set_t* set = CPU_ALLOC(kMaxCpus);
  if (!set) return std::nullopt;
  const std::size_t size = CPU_ALLOC_SIZE(kMaxCpus);
  CPU_ZERO_S(size, set);
  std::optional<int> count;
  if (sched_getaffinity(0, size, set) == 0) count = CPU_COUNT_S(size, set);
  CPU_FREE(set);
  if (count && *count < 1) count.reset();
  return count;
}

// The tightest CPU quota on the cgroup folders from this process's up, as
// whole CPUs (rounded up: a quota of 1.5 CPUs still runs two threads, each
// part of the time).
std::optional<AvailableCores> CgroupQuota(const std::string& proc) {
  std::optional<AvailableCores> tightest;
  for (const CgroupChain& chain : FindCgroupChains(proc, "cpu")) {
    for (const std::string& folder : chain.folders) {
      std::optional<std::uint64_t> quota, period;
      std::string shown;
      if (chain.v2) {
        // "max 100000" (no quota) or "150000 100000".
        const std::optional<std::string> text = ReadTextFile(folder + "/cpu.max");
        if (!text) continue;
        std::istringstream fields(*text);
        std::string q, p;
        if (!(fields >> q >> p)) continue;
        quota = ParseCount(q);
        period = ParseCount(p);
        shown = "cpu.max " + q + " " + p;
      } else {
        // cpu.cfs_quota_us is -1 without a quota, which ParseCount refuses.
        quota = ReadCount(folder + "/cpu.cfs_quota_us");
        period = ReadCount(folder + "/cpu.cfs_period_us");
        if (quota && period)
          shown = "cpu.cfs_quota_us " + std::to_string(*quota) + " per cpu.cfs_period_us " + std::to_string(*period);
      }
      if (!quota || !period || *quota == 0 || *period == 0) continue;
      const std::uint64_t cpus = (*quota + *period - 1) / *period;
      const int count = static_cast<int>(std::min<std::uint64_t>(cpus, 1 << 20));
      if (!tightest || count < tightest->count)
        tightest = AvailableCores{
            count, "the " + Cores(count) + " of this process's CPU quota (" + folder + ": " + shown + ")"};
    }
  }
  return tightest;
}

}  // namespace

AvailableCores QueryAvailableCores(const std::string& proc) {
  const int online = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  AvailableCores cores{online, "this machine's " + Cores(online)};
  if (const std::optional<int> affinity = AffinityCpus(); affinity && *affinity < cores.count)
    cores = AvailableCores{*affinity, "the " + Cores(*affinity) + " this process may run on (its CPU affinity)"};
  if (const std::optional<AvailableCores> quota = CgroupQuota(proc); quota && quota->count < cores.count)
    cores = *quota;
  return cores;
}

}  // namespace diplosim
