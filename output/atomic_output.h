#pragma once

#include <string>
#include <vector>

namespace diplosim {

// Throws OutputError unless a result could be written to `final_path`: not a
// folder, not an existing file (unless `force`), in a writable folder that exists.
void CheckOutputTarget(const std::string& final_path, bool force);

// Throws OutputError when `final_path` is the same file as one of `inputs`
// (the files the command reads): `--force` replaces earlier results, never
// the scenario, a table or a shard being read (`run s.yaml -o s.yaml --force`
// replaced the scenario with its own result).
void CheckNotAnInput(const std::string& final_path, const std::vector<std::string>& inputs);

// Guards a result's final path. Construction refuses an existing file unless
// `force`, and checks that the folder exists and is writable; work is written
// to temp_path() in the same folder and only Commit() renames it into place,
// so a final-named file is always complete. Without Commit the temporary file
// is removed. Without `force`, Commit never replaces a file that appeared at
// the final path meanwhile (another run to the same output): it throws, and
// that file stays as it is.
class AtomicOutput {
 public:
  AtomicOutput(std::string final_path, bool force);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput();

  const std::string& final_path() const { return final_path_; }
  const std::string& temp_path() const { return temp_path_; }
  void Commit();
  // Commit, with the file's data on disk before the rename and the rename on
  // disk after it (fsync of the file, then of its folder), so that a power
  // loss right after cannot leave an empty file under the final name. For
  // results whose loss costs more than the wait, or that others' removal
  // hangs on: a sweep's, whose journals are removed next, and analyze's,
  // which replaces the sweep. A run's result is written plain: its fsync
  // would add a sixth to a default run (0.10 s for 212 MB after 0.56 s), and
  // a run lost is repeated at the run's cost.
  void CommitDurably();

 private:
  std::string final_path_;
  std::string temp_path_;
  bool force_ = false;
  bool committed_ = false;
};

// Temporary files left next to `final_path` by runs that were killed.
std::vector<std::string> FindStaleTemporaries(const std::string& final_path);

// Who wrote a temporary file: FILE.partial-HOST-PID, so that a machine sharing
// the folder (NFS, a cluster's scratch) or another container never takes a
// process of its own with the same number for the writer. `host` is empty for
// names without one (FILE.partial-PID, as earlier versions wrote), read as this machine's.
struct TemporaryOwner {
  std::string host;
  long pid = 0;  // 0 when the name holds no process number
};
TemporaryOwner OwnerOfTemporary(const std::string& path);

// This machine's name as temporary files carry it: letters, digits, '.', '_'
// and '-' only, at most 64 characters.
std::string ThisHost();

}  // namespace diplosim
