#include "output/available_cores.h"

#include <gtest/gtest.h>
#include <sched.h>

#include <algorithm>
#include <thread>

#include "tests/support/fake_proc.h"

namespace diplosim {
namespace {

using testing::FakeProc;
using testing::V1Mount;
using testing::V2Mount;

// What this process may run on without any quota, computed here independently.
int UnquotedCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  const int online = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (sched_getaffinity(0, sizeof set, &set) != 0) return online;
  return std::min(online, CPU_COUNT(&set));
}

TEST(AvailableCores, WithoutCgroupsTheAffinityAndTheMachineDecide) {
  FakeProc proc;  // no self/cgroup, no mountinfo
  const AvailableCores cores = QueryAvailableCores(proc.Proc());
  EXPECT_EQ(cores.count, UnquotedCores());
  const int online = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (cores.count == online) {
    EXPECT_EQ(cores.source, "this machine's " + std::to_string(online) + (online == 1 ? " core" : " cores"));
  } else {
    EXPECT_NE(cores.source.find("this process may run on (its CPU affinity)"), std::string::npos) << cores.source;
  }
}

TEST(AvailableCores, CgroupV1QuotaOnAnAncestorRoundsUp) {
  FakeProc proc;
  const std::string mount = proc.Root() + "/cg/cpu";
  proc.Cgroups("4:cpu,memory:/kube/pod\n", V1Mount("/", mount));
  proc.Set("cg/cpu/kube/pod", "cpu.cfs_quota_us", "-1\n");  // none of its own
  proc.Set("cg/cpu/kube/pod", "cpu.cfs_period_us", "100000\n");
  proc.Set("cg/cpu/kube", "cpu.cfs_quota_us", "50000\n");  // half a CPU: one thread
  proc.Set("cg/cpu/kube", "cpu.cfs_period_us", "100000\n");
  const AvailableCores cores = QueryAvailableCores(proc.Proc());
  EXPECT_EQ(cores.count, 1);
  if (UnquotedCores() > 1) {  // else the affinity, as tight, is named
    EXPECT_EQ(cores.source, "the 1 core of this process's CPU quota (" + mount +
                                "/kube: cpu.cfs_quota_us 50000 per cpu.cfs_period_us 100000)");
  }
}

TEST(AvailableCores, CgroupV2Quota) {
  FakeProc proc;
  const std::string mount = proc.Root() + "/cg2";
  proc.Cgroups("0::/docker/app\n", V2Mount(mount));
  proc.Set("cg2/docker/app", "cpu.max", "max 100000\n");
  proc.Set("cg2/docker", "cpu.max", "150000 100000\n");  // 1.5 CPUs: two threads, each part of the time
  const AvailableCores cores = QueryAvailableCores(proc.Proc());
  EXPECT_EQ(cores.count, std::min(2, UnquotedCores()));
  if (UnquotedCores() > 2) {
    EXPECT_NE(cores.source.find("/docker: cpu.max 150000 100000"), std::string::npos) << cores.source;
  }
  proc.Set("cg2/docker/app", "cpu.max", "20000 100000\n");  // the tighter level wins
  const AvailableCores tight = QueryAvailableCores(proc.Proc());
  EXPECT_EQ(tight.count, 1);
  if (UnquotedCores() > 1) {
    EXPECT_EQ(tight.source, "the 1 core of this process's CPU quota (" + mount + "/docker/app: cpu.max 20000 100000)");
  }
}

TEST(AvailableCores, MalformedQuotasAreSkipped) {
  FakeProc proc;
  const std::string mount = proc.Root() + "/cg2";
  proc.Cgroups("0::/x\n", V2Mount(mount));
  proc.Set("cg2/x", "cpu.max", "lots\n");
  proc.Set("cg2", "cpu.max", "0 0\n");
  EXPECT_EQ(QueryAvailableCores(proc.Proc()).count, UnquotedCores());
}

}  // namespace
}  // namespace diplosim
