#pragma once

#include <string>

namespace diplosim {

// How many threads can run at once, and what set that number. A process may
// be held to fewer CPUs than the machine has: by its affinity (taskset,
// Slurm's --cpus-per-task with CPU binding, mpirun's binding of ranks to
// cores) or by its cgroup's CPU quota (Docker's --cpus, systemd's CPUQuota=,
// Kubernetes limits). std::thread::hardware_concurrency sees neither.
struct AvailableCores {
  int count = 1;
  // Completes "more than …", e.g. "this machine's 2 cores".
  std::string source;
};

// The smallest of: the machine's online CPUs, the CPUs in this process's
// affinity mask, and every CPU quota from its cgroup up to the hierarchy's
// top (v1 cpu.cfs_quota_us / cpu.cfs_period_us, v2 cpu.max), rounded up;
// at least 1. `proc` is read for the cgroups (tests point it at a folder of
// their own); the affinity is always this process's.
AvailableCores QueryAvailableCores(const std::string& proc = "/proc");

}  // namespace diplosim
