#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "output/provenance.h"
#include "sim/record_spec.h"
#include "sim/trajectory.h"

namespace diplosim {

struct World;

// A replicate recording larger than this has each variable's values released
// as soon as they are encoded, so it is not held twice (values and chunks):
// with hundreds of actors that halves the memory a run needs. Smaller ones keep
// their buffers for the next replicate, which saves allocating them again.
inline constexpr std::size_t kReleaseRecordingAboveBytes = std::size_t{64} << 20;

// Writes one run to HDF5 in the layout of docs/output.md: coordinates as
// dimension scales (replicate, time, actor, actor_j, dimension), one chunked,
// compressed dataset per recorded variable, an events and an actions table,
// and provenance as root attributes. Replicates are written as they arrive, so
// memory does not grow with their number. The file appears under its final
// name only after Commit(); destroying the writer before that removes it.
// All calls must come from one thread (HDF5's high-level API is not thread-safe).
class RunWriter {
 public:
  RunWriter(const std::string& final_path, bool force, const World& world, const RecordSpec& spec, int replicates,
            const Provenance& provenance);
  ~RunWriter();

  // Compresses the replicate's chunks into trajectory.encoded(). Thread-safe and
  // optional: call it on worker threads and Write stores the prepared bytes
  // directly, leaving the writing thread only the I/O. Above
  // kReleaseRecordingAboveBytes (or the size set below) the trajectory's values
  // are released as they are encoded (Data is then empty until Reset).
  void Encode(Trajectory& trajectory) const;
  void ReleaseRecordingsAbove(std::size_t bytes) { release_above_ = bytes; }
  void Write(const Trajectory& trajectory);  // replicates 0, 1, 2, … in order
  void Commit();

 private:
  void WriteReplicate(const Trajectory& trajectory);
  void WriteEvents(const Trajectory& trajectory);
  void WriteActions(const Trajectory& trajectory);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t release_above_ = kReleaseRecordingAboveBytes;
};

// Chunk length along time for a variable whose time slice has `slice_values`
// doubles: about 1 MiB per chunk, never more than the number of time points.
unsigned long long TimeChunk(unsigned long long slice_values, unsigned long long num_times);

}  // namespace diplosim
