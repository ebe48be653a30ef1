#pragma once

#include <memory>
#include <vector>

#include "app/point_source.h"

namespace diplosim {

// MPI for sweeps, when diplosim is built with it and launched by mpirun.
// Rank 0 coordinates (dynamic load balancing: each process asks for its next
// point when it has a free thread) and merges the ranks' journals at the end;
// every rank computes. Only the main thread calls MPI (MPI_THREAD_FUNNELED).
class MpiSession {
 public:
  // Initialises MPI if the process was started by mpirun (OMPI_COMM_WORLD_SIZE,
  // PMIX_RANK or PMI_RANK set); otherwise a single-process session.
  static std::unique_ptr<MpiSession> Start(int* argc, char*** argv);
  virtual ~MpiSession() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Ranks on this rank's node (sharing its memory), and this rank's place among them.
  virtual int node_size() const = 0;
  virtual int node_rank() const = 0;
  // A source that hands `todo` out across all ranks (identical on every rank).
  virtual std::unique_ptr<PointSource> SharedSource(std::vector<int> todo) = 0;
  virtual void Barrier() = 0;
  // Sends an int from rank 0 to all.
  virtual int Broadcast(int value) = 0;
  // The largest of every rank's `value`, on every rank: a decision that one
  // rank's circumstances force (its node's memory, say) taken by all together.
  virtual int MaxOverRanks(int value) = 0;
};

MpiSession& CurrentMpiSession();
void SetCurrentMpiSession(MpiSession* session);

}  // namespace diplosim
