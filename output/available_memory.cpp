#include "output/available_memory.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/byte_text.h"

namespace diplosim {

namespace {

// At or above this a limit means "none" (cgroup v1 reports its page counter's
// maximum, 2^63 rounded down to a page).
constexpr std::uint64_t kUnlimited = std::uint64_t{1} << 60;

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<std::uint64_t> ParseCount(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> ReadCount(const std::string& path) {
  const std::optional<std::string> text = ReadFile(path);
  return text ? ParseCount(*text) : std::nullopt;
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

// The value of `key` in a "key value" file such as meminfo or memory.stat.
std::optional<std::uint64_t> KeyedCount(const std::string& path, const std::string& key) {
  const std::optional<std::string> text = ReadFile(path);
  if (!text) return std::nullopt;
  for (const std::string& line : Split(*text, '\n')) {
    std::istringstream fields(line);
    std::string name, value;
    if (fields >> name >> value && name == key) return ParseCount(value);
  }
  return std::nullopt;
}

// mountinfo escapes a space in a path as \040 (and tab, newline, backslash likewise).
std::string Unescaped(const std::string& field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      int code = 0;
      bool octal = true;
      for (std::size_t k = 1; k <= 3; ++k) {
        const char c = field[i + k];
        if (c < '0' || c > '7') octal = false;
        code = code * 8 + (c - '0');
      }
      if (octal) {
        out += static_cast<char>(code);
        i += 3;
        continue;
      }
    }
    out += field[i];
  }
  return out;
}

struct CgroupMount {
  std::string root;         // the cgroup path the mount shows at its top
  std::string mount_point;  // where it is mounted
};

// The mount of the v2 hierarchy (`v2`) or of the v1 hierarchy holding the memory controller.
std::optional<CgroupMount> FindMount(const std::string& mountinfo, bool v2) {
  for (const std::string& line : Split(mountinfo, '\n')) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string f; in >> f;) fields.push_back(f);
    std::size_t dash = 6;  // optional fields end at "-", then type, source, super options
    while (dash < fields.size() && fields[dash] != "-") ++dash;
    if (fields.size() < 7 || dash + 1 >= fields.size()) continue;
    const std::string& type = fields[dash + 1];
    const std::string options = dash + 3 < fields.size() ? fields[dash + 3] : "";
    bool wanted = false;
    if (v2) {
      wanted = type == "cgroup2";
    } else if (type == "cgroup") {
      for (const std::string& option : Split(options, ','))
        if (option == "memory") wanted = true;
    }
    if (wanted) return CgroupMount{Unescaped(fields[3]), Unescaped(fields[4])};
  }
  return std::nullopt;
}

// This process's path in the v2 hierarchy ("0::/path") or the v1 memory one ("N:memory,…:/path").
std::optional<std::string> CgroupPath(const std::string& cgroups, bool v2) {
  for (const std::string& line : Split(cgroups, '\n')) {
    const std::size_t first = line.find(':');
    const std::size_t second = first == std::string::npos ? first : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::string path = line.substr(second + 1);
    if (v2) {
      if (line.substr(0, first) == "0" && controllers.empty()) return path;
      continue;
    }
    for (const std::string& c : Split(controllers, ','))
      if (c == "memory") return path;
  }
  return std::nullopt;
}

// The tightest room under the limits of the cgroup folders from this
// process's up to the mount's top. Memory the kernel can reclaim at once
// (inactive page cache) counts as room, as it does when the kernel enforces the limit.
std::optional<AvailableMemory> CgroupRoom(const std::string& proc, bool v2) {
  const std::optional<std::string> mountinfo = ReadFile(proc + "/self/mountinfo");
  const std::optional<std::string> cgroups = ReadFile(proc + "/self/cgroup");
  if (!mountinfo || !cgroups) return std::nullopt;
  const std::optional<CgroupMount> mount = FindMount(*mountinfo, v2);
  const std::optional<std::string> path = CgroupPath(*cgroups, v2);
  if (!mount || !path) return std::nullopt;
  // Inside a cgroup namespace the mount's top is this process's own cgroup or an ancestor of it.
  std::string relative = *path;
  if (mount->root != "/" && relative.compare(0, mount->root.size(), mount->root) == 0)
    relative = relative.substr(mount->root.size());
  else if (mount->root != "/")
    relative.clear();
  while (!relative.empty() && relative.back() == '/') relative.pop_back();

  std::optional<AvailableMemory> tightest;
  for (;;) {
    const std::string folder = mount->mount_point + relative;
    // A missing or unreadable file, or v2's "max", is no limit; v1 writes "none" as a huge number.
    const std::uint64_t limit =
        ReadCount(folder + (v2 ? "/memory.max" : "/memory.limit_in_bytes")).value_or(kUnlimited);
    const std::optional<std::uint64_t> usage = ReadCount(folder + (v2 ? "/memory.current" : "/memory.usage_in_bytes"));
    const std::uint64_t reclaimable =
        KeyedCount(folder + "/memory.stat", v2 ? "inactive_file" : "total_inactive_file").value_or(0);
    if (limit < kUnlimited && usage) {
      const std::uint64_t used = *usage - std::min(*usage, reclaimable);
      const std::uint64_t room = limit - std::min(limit, used);
      if (!tightest || room < tightest->bytes)
        tightest = AvailableMemory{room, "this process's memory cgroup leaves (" + folder + ": limit " +
                                             HumanBytes(static_cast<double>(limit)) + ", " +
                                             HumanBytes(static_cast<double>(used)) + " in use)"};
    }
    if (relative.empty()) break;
    relative = relative.substr(0, relative.rfind('/'));
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
      return AvailableMemory{*mib * kMiB, "this Slurm job has on this node (SLURM_MEM_PER_NODE=" + *per_node + ")"};
  }
  const auto per_cpu = env("SLURM_MEM_PER_CPU");
  const auto cpus = env("SLURM_CPUS_ON_NODE");
  if (per_cpu && cpus) {
    const std::optional<std::uint64_t> mib = ParseCount(*per_cpu);
    const std::optional<std::uint64_t> count = ParseCount(*cpus);
    if (mib && count && *mib > 0 && *count > 0 && *mib < kLargest && *count < (std::uint64_t{1} << 20))
      return AvailableMemory{*mib * *count * kMiB, "this Slurm job has on this node (SLURM_MEM_PER_CPU=" + *per_cpu +
                                                       " × SLURM_CPUS_ON_NODE=" + *cpus + ")"};
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
  consider(CgroupRoom(sources.proc, /*v2=*/false));
  consider(CgroupRoom(sources.proc, /*v2=*/true));
  consider(SlurmMemory(sources));
  return smallest;
}

}  // namespace diplosim
