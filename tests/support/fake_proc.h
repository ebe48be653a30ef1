#pragma once

#include <string>

#include "tests/support/temp_dir.h"

namespace diplosim::testing {

// A folder laid out like /proc (meminfo, self/cgroup, self/mountinfo), with
// cgroup hierarchies mounted, as its mountinfo says, at folders inside it.
class FakeProc {
 public:
  void MemAvailable(std::uint64_t kib) {
    dir_.Write("proc/meminfo", "MemTotal:       24598644 kB\nMemFree:         1000000 kB\nMemAvailable:   " +
                                   std::to_string(kib) + " kB\n");
  }
  void Cgroups(const std::string& self_cgroup, const std::string& mountinfo) {
    dir_.Write("proc/self/cgroup", self_cgroup);
    dir_.Write("proc/self/mountinfo", mountinfo);
  }
  // Writes `name` in the cgroup folder `folder` (relative to Root()).
  void Set(const std::string& folder, const std::string& name, const std::string& text) {
    dir_.Write(folder + "/" + name, text);
  }
  std::string Root() const { return dir_.path().string(); }
  std::string Proc() const { return dir_.File("proc"); }

 private:
  TempDir dir_;
};

// mountinfo lines: a v1 hierarchy with the cpu and memory controllers whose top
// shows cgroup `root`, and the v2 (unified) hierarchy.
inline std::string V1Mount(const std::string& root, const std::string& mount_point) {
  return "30 25 0:26 / /sys/fs/cgroup rw,nosuid - tmpfs tmpfs ro,mode=755\n"
         "35 30 0:31 " +
         root + " " + mount_point +
         " rw,relatime shared:12 - cgroup cgroup rw,cpu,memory\n"
         "36 30 0:32 / /elsewhere rw,relatime - cgroup cgroup rw,pids\n";
}

inline std::string V2Mount(const std::string& mount_point) {
  return "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
         "40 22 0:35 / " +
         mount_point + " rw,nosuid,nodev - cgroup2 cgroup2 rw,nsdelegate\n";
}

}  // namespace diplosim::testing
