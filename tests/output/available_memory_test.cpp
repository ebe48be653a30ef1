#include "output/available_memory.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "tests/support/fake_proc.h"
#include "tests/support/temp_dir.h"

namespace diplosim {
namespace {

using testing::TempDir;
using testing::V1Mount;
using testing::V2Mount;

constexpr std::uint64_t kMiB = 1024 * 1024;

// The fake machine: `kib` of MemAvailable, cgroups and environment as each test sets them.
class FakeSystem : public testing::FakeProc {
 public:
  explicit FakeSystem(std::uint64_t mem_available_kib) { MemAvailable(mem_available_kib); }
  std::optional<AvailableMemory> Query(std::map<std::string, std::string> env = {}) const {
    MemorySources sources;
    sources.proc = Proc();
    sources.env = [env](const std::string& name) -> std::optional<std::string> {
      const auto it = env.find(name);
      return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    return QueryAvailableMemory(sources);
  }
};

TEST(AvailableMemory, MachineOnly) {
  FakeSystem system(2048 * 1024);  // 2 GiB
  const auto memory = system.Query();
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 2048 * kMiB);
  EXPECT_EQ(memory->source, "this machine has available");
  EXPECT_EQ(memory->remedy, "set --max-memory");
}

TEST(AvailableMemory, NothingKnown) {
  TempDir empty;
  MemorySources sources;
  sources.proc = empty.File("proc");
  sources.env = [](const std::string&) { return std::nullopt; };
  EXPECT_FALSE(QueryAvailableMemory(sources));
}

TEST(AvailableMemory, CgroupV1LimitOnAnAncestorCountsReclaimableCacheAsFree) {
  FakeSystem system(4096 * 1024);
  const std::string mount = system.Root() + "/cg/memory";
  system.Cgroups("5:pids:/\n4:cpu,memory:/job_7/step_0\n0::/\n", V1Mount("/", mount));
  // The step has no limit of its own (the kernel's "none"); the job has 100 MiB,
  // of which 30 MiB is charged and 10 MiB of that is inactive page cache.
  system.Set("cg/memory/job_7/step_0", "memory.limit_in_bytes", "9223372036854771712\n");
  system.Set("cg/memory/job_7/step_0", "memory.usage_in_bytes", std::to_string(5 * kMiB) + "\n");
  system.Set("cg/memory/job_7", "memory.limit_in_bytes", std::to_string(100 * kMiB) + "\n");
  system.Set("cg/memory/job_7", "memory.usage_in_bytes", std::to_string(30 * kMiB) + "\n");
  system.Set("cg/memory/job_7", "memory.stat",
             "cache 1\ninactive_file 999\ntotal_inactive_file " + std::to_string(10 * kMiB) + "\n");
  const auto memory = system.Query();
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 80 * kMiB);
  EXPECT_EQ(memory->remedy, "raise that cgroup's limit (the container's or job's memory)");
  EXPECT_EQ(memory->source,
            "this process's memory cgroup leaves (" + mount + "/job_7: limit 104.9 MB, 21.0 MB in use)");
}

TEST(AvailableMemory, CgroupV2TightestLevelWins) {
  FakeSystem system(4096 * 1024);
  const std::string mount = system.Root() + "/cg2";
  system.Cgroups("0::/user.slice/job\n", V2Mount(mount));
  system.Set("cg2/user.slice/job", "memory.max", "max\n");
  system.Set("cg2/user.slice/job", "memory.current", std::to_string(45 * kMiB) + "\n");
  system.Set("cg2/user.slice", "memory.max", std::to_string(50 * kMiB) + "\n");
  system.Set("cg2/user.slice", "memory.current", std::to_string(45 * kMiB) + "\n");
  system.Set("cg2/user.slice", "memory.stat", "anon 1\ninactive_file " + std::to_string(5 * kMiB) + "\n");
  system.Set("cg2", "memory.max", std::to_string(1000 * kMiB) + "\n");  // a looser limit higher up
  system.Set("cg2", "memory.current", std::to_string(500 * kMiB) + "\n");
  const auto memory = system.Query();
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 10 * kMiB);  // 50 − (45 − 5) under user.slice; 500 at the top
  EXPECT_NE(memory->source.find(mount + "/user.slice: limit"), std::string::npos) << memory->source;
}

TEST(AvailableMemory, UsageAboveTheLimitLeavesNothing) {
  FakeSystem system(4096 * 1024);
  const std::string mount = system.Root() + "/cg2";
  system.Cgroups("0::/full\n", V2Mount(mount));
  system.Set("cg2/full", "memory.max", std::to_string(10 * kMiB));
  system.Set("cg2/full", "memory.current", std::to_string(12 * kMiB));
  const auto memory = system.Query();
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 0u);
}

TEST(AvailableMemory, CgroupNamespaceMountRootIsStripped) {
  // A container sees its own cgroup mounted at the hierarchy's top: the
  // mount's root (/docker/abc) is a prefix of the path /proc/self/cgroup shows.
  FakeSystem system(4096 * 1024);
  const std::string mount = system.Root() + "/cg/mem\\040ory";  // a space, as mountinfo escapes it
  system.Cgroups("4:memory:/docker/abc/app\n", V1Mount("/docker/abc", mount));
  const std::string folder = "cg/mem ory/app";
  system.Set(folder, "memory.limit_in_bytes", std::to_string(64 * kMiB));
  system.Set(folder, "memory.usage_in_bytes", std::to_string(4 * kMiB));
  const auto memory = system.Query();
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 60 * kMiB);
}

TEST(AvailableMemory, APathBesideTheMountRootIsNotBelowIt) {
  // "/docker/abc" is the mount's top; "/docker/abcdef/app" only shares its
  // first letters, so its limits are not looked for under the mount as "def/app".
  FakeSystem system(4096 * 1024);
  const std::string mount = system.Root() + "/cg/memory";
  system.Cgroups("4:memory:/docker/abcdef/app\n", V1Mount("/docker/abc", mount));
  system.Set("cg/memory/def/app", "memory.limit_in_bytes", std::to_string(kMiB));
  system.Set("cg/memory/def/app", "memory.usage_in_bytes", "0");
  system.Set("cg/memory", "memory.limit_in_bytes", std::to_string(64 * kMiB));
  system.Set("cg/memory", "memory.usage_in_bytes", std::to_string(4 * kMiB));
  const auto memory = system.Query();
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 60 * kMiB);
}

TEST(AvailableMemory, SlurmJobMemory) {
  FakeSystem system(4096 * 1024);
  auto per_node = system.Query({{"SLURM_JOB_ID", "12"}, {"SLURM_MEM_PER_NODE", "512"}});
  ASSERT_TRUE(per_node);
  EXPECT_EQ(per_node->bytes, 512 * kMiB);
  EXPECT_EQ(per_node->source, "this Slurm job has on this node (SLURM_MEM_PER_NODE=512)");
  EXPECT_EQ(per_node->remedy, "ask Slurm for more (--mem)");  // not --max-memory: the job would be killed above it
  auto per_cpu = system.Query({{"SLURM_JOB_ID", "12"}, {"SLURM_MEM_PER_CPU", "100"}, {"SLURM_CPUS_ON_NODE", "4"}});
  ASSERT_TRUE(per_cpu);
  EXPECT_EQ(per_cpu->bytes, 400 * kMiB);
  // Outside a job the variables are strays, and more memory than the machine has is no limit.
  EXPECT_EQ(system.Query({{"SLURM_MEM_PER_NODE", "512"}})->bytes, 4096 * kMiB);
  EXPECT_EQ(system.Query({{"SLURM_JOB_ID", "12"}, {"SLURM_MEM_PER_NODE", "8192"}})->bytes, 4096 * kMiB);
}

TEST(AvailableMemory, MalformedFilesAreSkipped) {
  FakeSystem system(1024 * 1024);
  const std::string mount = system.Root() + "/cg2";
  system.Cgroups("garbage\n::\n0::\n0::/x\n", "short line\n- cgroup2\n" + V2Mount(mount) + "1 2 3\n");
  system.Set("cg2/x", "memory.max", "lots\n");
  system.Set("cg2/x", "memory.current", "-5\n");
  system.Set("cg2", "memory.max", "99999999999999999999999\n");  // beyond 64 bits
  system.Set("cg2", "memory.current", "");
  auto memory = system.Query(
      {{"SLURM_JOB_ID", "1"}, {"SLURM_MEM_PER_NODE", "12G"}, {"SLURM_MEM_PER_CPU", "x"}, {"SLURM_CPUS_ON_NODE", "4"}});
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 1024 * kMiB);
  EXPECT_EQ(memory->source, "this machine has available");
  // A path without its leading slash ends the walk up (it once looped forever).
  FakeSystem slashless(1024 * 1024);
  slashless.Cgroups("0::x/y\n", V2Mount(slashless.Root() + "/cg2"));
  EXPECT_EQ(slashless.Query()->bytes, 1024 * kMiB);
}

}  // namespace
}  // namespace diplosim
