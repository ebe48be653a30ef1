#include "output/damage_probe.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <new>
#include <stdexcept>

#include "output/available_memory.h"
#include "output/output_error.h"

namespace diplosim {

namespace {

// The child's address space now, in bytes (the limit is set above it: under
// AddressSanitizer it already holds terabytes of reserved shadow memory).
unsigned long long AddressSpaceNow() {
  unsigned long long pages = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%llu", &pages) != 1) pages = 0;
    std::fclose(f);
  }
  return pages * static_cast<unsigned long long>(sysconf(_SC_PAGESIZE));
}

// What the child's reading may allocate: far more than any reading of a sound
// file needs (its data decompressed, 64 × the file, 2 GB at least), but not
// more than the machine has free, where a damaged size field asking for
// terabytes would otherwise have the kernel's OOM killer end some process.
unsigned long long MemoryRoom(unsigned long long file_bytes) {
  unsigned long long room = std::max(2ull << 30, 64 * file_bytes);
  if (const auto available = QueryAvailableMemory()) room = std::min<unsigned long long>(room, available->bytes);
  return room;
}

void WriteAll(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// In the child: limits, then the read; reports how it went on `report` and ends.
[[noreturn]] void ChildRead(const std::function<void()>& read, int report, pid_t parent, unsigned long long file_bytes,
                            unsigned cpu_seconds) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // a parent killed meanwhile takes the child with it
  if (getppid() != parent) _exit(0);
  // What the read prints goes nowhere: the parent prints it when it reads for real.
  if (const int null = open("/dev/null", O_WRONLY); null >= 0) {
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
  }
  const unsigned long long room = MemoryRoom(file_bytes);
  const rlimit memory{AddressSpaceNow() + room, AddressSpaceNow() + room};
  setrlimit(RLIMIT_AS, &memory);
  const rlimit cpu{cpu_seconds, cpu_seconds + 1};  // SIGXCPU at the soft limit
  setrlimit(RLIMIT_CPU, &cpu);
  try {
    read();
  } catch (const OutputError& e) {
    WriteAll(report, std::string("O") + e.what());
  } catch (const std::bad_alloc&) {
    WriteAll(report, "M");
  } catch (const std::exception& e) {
    WriteAll(report, std::string("X") + e.what());
  } catch (...) {
    WriteAll(report, "Xan unknown error");
  }
  _exit(0);  // no exit handlers: they belong to the parent
}

std::string ReadAll(int fd) {
  std::string text;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0)
      text.append(buf, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR)
      return text;
  }
}

unsigned long long FileBytes(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 ? static_cast<unsigned long long>(info.st_size) : 0;
}

}  // namespace

void ProbeForDamage(const std::string& path, const std::function<void()>& read) {
  ProbeForDamage(path, read, static_cast<unsigned>(60 + FileBytes(path) / 10'000'000));
}

void ProbeForDamage(const std::string& path, const std::function<void()>& read, unsigned cpu_seconds) {
  // A missing file, a folder or a device holds no structure to be damaged, and the
  // read itself says what it is, with the kind of error the caller acts on.
  struct stat file {};
  if (stat(path.c_str(), &file) != 0 || !S_ISREG(file.st_mode)) return;
  const unsigned long long bytes = FileBytes(path);
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) return;
  const pid_t parent = getpid();
  const pid_t child = fork();
  if (child == 0) {
    close(report[0]);
    ChildRead(read, report[1], parent, bytes, cpu_seconds);
  }
  close(report[1]);
  if (child < 0) {  // no room for a child: read as before
    close(report[0]);
    return;
  }
  const std::string said = ReadAll(report[0]);
  close(report[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0)
    if (errno != EINTR) return;
  const std::string damaged = "'" + path + "' is damaged: ";
  const std::string advice =
      "; that happens when a file's internal structure was altered after it was written (a copy gone wrong, a "
      "failing disk, an edit), and no command can read it. Copy it again from where it was made, or make it again";
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    // Ctrl-C or a kill reaches the child too: that is not the file's doing.
    if (signal == SIGINT || signal == SIGTERM || signal == SIGHUP) return;
    if (signal == SIGXCPU)
      throw OutputError(damaged + "the HDF5 library did not finish reading it in " + std::to_string(cpu_seconds) +
                        " s of CPU time" + advice);
    if (signal == SIGKILL) return;  // the kernel's OOM killer, or a user: the real read will tell
    throw OutputError(damaged + "the HDF5 library crashed reading it (" + strsignal(signal) + ")" + advice);
  }
  if (said.empty()) return;
  if (said[0] == 'O') throw OutputError(said.substr(1));
  if (said[0] == 'M')
    throw OutputError(damaged + "reading it asked for more than the " + std::to_string(MemoryRoom(bytes) >> 20) +
                      " MB that reading any sound file of its size needs" + advice);
  throw std::runtime_error(said.substr(1));
}

}  // namespace diplosim
