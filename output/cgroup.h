#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diplosim {

// Reading the kernel's limits on this process: its cgroups and /proc files.
// (Here beside the output's size estimates, which are what these limits bound.)

// One cgroup hierarchy's folders for this process: its own first, then each
// ancestor up to the hierarchy's top as this process sees it mounted.
struct CgroupChain {
  bool v2 = false;
  std::vector<std::string> folders;
};

// The chains of the hierarchies that can limit `controller` ("memory", "cpu"):
// the v1 hierarchy mounted with that controller, and the v2 (unified) one.
// Found through `proc`/self/cgroup and `proc`/self/mountinfo; inside a cgroup
// namespace the mount's top is this process's own cgroup or an ancestor of it.
// Missing or malformed files give no chain.
std::vector<CgroupChain> FindCgroupChains(const std::string& proc, const std::string& controller);

// The whole text of a file; nullopt when it cannot be read.
std::optional<std::string> ReadTextFile(const std::string& path);
// A file holding one unsigned number (a trailing newline allowed).
std::optional<std::uint64_t> ReadCount(const std::string& path);
// An unsigned number, the whole text (trailing newlines and spaces allowed).
std::optional<std::uint64_t> ParseCount(std::string_view text);
// The number after `key` in a "key value" file such as meminfo or memory.stat.
std::optional<std::uint64_t> KeyedCount(const std::string& path, const std::string& key);

}  // namespace diplosim
