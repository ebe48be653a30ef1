#include "output/damage_probe.h"

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <stdexcept>
#include <string>

#include "output/output_error.h"

namespace diplosim {
namespace {

// A read that crashes the process, as the HDF5 library does on some damaged files.
[[noreturn]] void Crash(int signal) {
  std::signal(signal, SIG_DFL);  // the sanitizers' handlers would report it as a finding
  std::raise(signal);
  std::abort();
}

// A file to probe: the probe reads regular files only, so it must exist (its
// contents do not matter, since each test's read stands in for the library's).
const std::string& AFile() {
  static const std::string path = [] {
    const std::string p = testing::TempDir() + "damage-probe-r.h5";
    std::ofstream(p) << "x";
    return p;
  }();
  return path;
}

std::string MessageOf(const std::function<void()>& probe) {
  try {
    probe();
  } catch (const OutputError& e) {
    return e.what();
  }
  return "";
}

TEST(DamageProbe, AReadThatCrashesNamesTheFileAsDamaged) {
  for (const int signal : {SIGSEGV, SIGABRT, SIGBUS}) {
    const std::string what = MessageOf([signal] { ProbeForDamage(AFile(), [signal] { Crash(signal); }); });
    EXPECT_NE(what.find("'" + AFile() + "' is damaged: the HDF5 library crashed reading it ("), std::string::npos)
        << what;
    EXPECT_NE(what.find(strsignal(signal)), std::string::npos) << what;
  }
}

// A damaged size field can have the library loop or read for ever.
TEST(DamageProbe, AReadThatDoesNotEndWithinItsCpuTimeIsDamage) {
  const std::string what = MessageOf([] {
    ProbeForDamage(
        AFile(),
        [] {
          std::atomic<unsigned long long> spin{0};  // a loop with a side effect the compiler keeps
          for (;;) spin.fetch_add(1, std::memory_order_relaxed);
        },
        1);
  });
  EXPECT_NE(what.find("'" + AFile() + "' is damaged: the HDF5 library did not finish reading it in 1 s of CPU time"),
            std::string::npos)
      << what;
}

// Or allocate more than the child may (a size field asking for terabytes).
TEST(DamageProbe, AReadThatRunsOutOfItsMemoryIsDamage) {
  const std::string what = MessageOf([] { ProbeForDamage(AFile(), [] { throw std::bad_alloc(); }); });
  EXPECT_NE(what.find("'" + AFile() + "' is damaged: reading it asked for more than the "), std::string::npos) << what;
}

// An error the library reports is the command's to report, once: the probe
// passes it on rather than have the command read again without the limits.
TEST(DamageProbe, AReadThatFailsPassesItsErrorOn) {
  EXPECT_EQ(MessageOf([] { ProbeForDamage(AFile(), [] { throw OutputError("'r.h5' is not an HDF5 file"); }); }),
            "'r.h5' is not an HDF5 file");
  try {
    ProbeForDamage(AFile(), [] { throw std::runtime_error("other"); });
    FAIL() << "no error";
  } catch (const OutputError&) {
    FAIL() << "another error became an output error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "other");
  }
}

TEST(DamageProbe, AReadThatSucceedsReturnsAndRanInTheChild) {
  int calls = 0;
  EXPECT_NO_THROW(ProbeForDamage(AFile(), [&calls] { ++calls; }));
  EXPECT_EQ(calls, 0);  // the child's memory is its own
}

// A missing path, a folder or a device has no structure to damage: the probe
// leaves it to the read, which names it with its own kind of error (a missing
// result's carries the path, for a did-you-mean); it used to pass on that error
// as a plain OutputError, losing its kind.
TEST(DamageProbe, WhatIsNotARegularFileIsNotProbed) {
  for (const std::string& path :
       {testing::TempDir() + "no-such-result.h5", testing::TempDir(), std::string("/dev/null")}) {
    EXPECT_NO_THROW(ProbeForDamage(path, [] { Crash(SIGSEGV); })) << path;
    EXPECT_NO_THROW(ProbeForDamage(path, [] { throw OutputError("read"); })) << path;
  }
  EXPECT_FALSE(std::filesystem::exists(testing::TempDir() + "no-such-result.h5"));
}

// An interrupt that reaches the child is the user's, not the file's.
TEST(DamageProbe, AChildEndedByAnInterruptIsNotDamage) {
  EXPECT_NO_THROW(ProbeForDamage(AFile(), [] { Crash(SIGINT); }));
  EXPECT_NO_THROW(ProbeForDamage(AFile(), [] { Crash(SIGTERM); }));
}

}  // namespace
}  // namespace diplosim
