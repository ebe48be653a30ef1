#include "output/cgroup.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace diplosim {

namespace {

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
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

// The mount of the v2 hierarchy (`v2`) or of the v1 hierarchy holding `controller`.
std::optional<CgroupMount> FindMount(const std::string& mountinfo, bool v2, const std::string& controller) {
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
        if (option == controller) wanted = true;
    }
    if (wanted) return CgroupMount{Unescaped(fields[3]), Unescaped(fields[4])};
  }
  return std::nullopt;
}

// This process's path in the v2 hierarchy ("0::/path") or the v1 one holding
// `controller` ("N:cpu,cpuacct:/path").
std::optional<std::string> CgroupPath(const std::string& cgroups, bool v2, const std::string& controller) {
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
      if (c == controller) return path;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ReadTextFile(const std::string& path) {
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
  const std::optional<std::string> text = ReadTextFile(path);
  return text ? ParseCount(*text) : std::nullopt;
}

std::optional<std::uint64_t> KeyedCount(const std::string& path, const std::string& key) {
  const std::optional<std::string> text = ReadTextFile(path);
  if (!text) return std::nullopt;
  for (const std::string& line : Split(*text, '\n')) {
    std::istringstream fields(line);
    std::string name, value;
    if (fields >> name >> value && name == key) return ParseCount(value);
  }
  return std::nullopt;
}

std::vector<CgroupChain> FindCgroupChains(const std::string& proc, const std::string& controller) {
  std::vector<CgroupChain> chains;
  const std::optional<std::string> mountinfo = ReadTextFile(proc + "/self/mountinfo");
  const std::optional<std::string> cgroups = ReadTextFile(proc + "/self/cgroup");
  if (!mountinfo || !cgroups) return chains;
  for (const bool v2 : {false, true}) {
    const std::optional<CgroupMount> mount = FindMount(*mountinfo, v2, controller);
    const std::optional<std::string> path = CgroupPath(*cgroups, v2, controller);
    if (!mount || !path) continue;
    // The path below the mount's top; "/docker/abc" is not above "/docker/abcdef".
    std::string relative = *path;
    const std::string& root = mount->root;
    const bool below_root =
        relative.compare(0, root.size(), root) == 0 && (relative.size() == root.size() || relative[root.size()] == '/');
    if (root != "/" && below_root)
      relative = relative.substr(root.size());
    else if (root != "/")
      relative.clear();
    while (!relative.empty() && relative.back() == '/') relative.pop_back();
    CgroupChain chain{v2, {}};
    for (;;) {
      chain.folders.push_back(mount->mount_point + relative);
      if (relative.empty()) break;
      const std::size_t slash = relative.rfind('/');
      relative = slash == std::string::npos ? std::string() : relative.substr(0, slash);
    }
    chains.push_back(std::move(chain));
  }
  return chains;
}

}  // namespace diplosim
