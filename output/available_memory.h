#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace diplosim {

// How much memory a run may take, and what set that figure. A process can be
// held below what the machine has free: by its memory cgroup (a container, a
// systemd unit, Slurm's task/cgroup plugin), whose kernel kills it at the
// limit, or by the memory its Slurm job was given. The smallest of these wins.
struct AvailableMemory {
  std::uint64_t bytes = 0;
  // Completes "more than the <bytes> …", e.g. "this machine has available".
  std::string source;
  // How to have more, completing "…, or <remedy>": --max-memory can only
  // lower a cgroup's or a Slurm job's limit safely (the kernel kills above it).
  std::string remedy = "set --max-memory";
};

// Where the figures are read. Tests point `proc` at a folder laid out like
// /proc (meminfo, self/cgroup, self/mountinfo, whose mount points name the
// cgroup folders) and `env` at a table of their own.
struct MemorySources {
  std::string proc = "/proc";
  std::function<std::optional<std::string>(const std::string&)> env;  // unset: the process environment
};

// The smallest of: MemAvailable; the room left under every memory cgroup
// limit from this process's cgroup up to the hierarchy's root (v1 and v2;
// page cache the kernel can drop counts as free); a Slurm job's memory on this
// node (SLURM_MEM_PER_NODE, or SLURM_MEM_PER_CPU × SLURM_CPUS_ON_NODE).
// nullopt where none is known. Files that are missing or malformed are skipped.
std::optional<AvailableMemory> QueryAvailableMemory(const MemorySources& sources = {});

}  // namespace diplosim
