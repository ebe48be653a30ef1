#include "app/mpi_session.h"

#include <cstdlib>
#include <stdexcept>

#ifdef DIPLOSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace diplosim {

namespace {

class SingleProcess final : public MpiSession {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  int node_size() const override { return 1; }
  int node_rank() const override { return 0; }
  std::unique_ptr<PointSource> SharedSource(std::vector<int> todo) override {
    return std::make_unique<ListSource>(std::move(todo));
  }
  void Barrier() override {}
  int Broadcast(int value) override { return value; }
  int MaxOverRanks(int value) override { return value; }
};

MpiSession* g_session = nullptr;

#ifdef DIPLOSIM_HAVE_MPI
constexpr int kRequestTag = 71;
constexpr int kReplyTag = 72;

// Rank 0: hands out `todo` to itself and, on request, to the other ranks.
class CoordinatorSource final : public PointSource {
 public:
  CoordinatorSource(std::vector<int> todo, int size) : todo_(std::move(todo)), peers_(size - 1) {}
  bool Next(int* point) override {
    Serve();
    if (next_ >= todo_.size()) return false;
    *point = todo_[next_++];
    return true;
  }
  void Serve() override {
    for (;;) {
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, kRequestTag, MPI_COMM_WORLD, &flag, &status);
      if (!flag) return;
      int dummy = 0;
      MPI_Recv(&dummy, 1, MPI_INT, status.MPI_SOURCE, kRequestTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      int reply = -1;
      if (next_ < todo_.size()) reply = todo_[next_++];
      else ++finished_peers_;
      MPI_Send(&reply, 1, MPI_INT, status.MPI_SOURCE, kReplyTag, MPI_COMM_WORLD);
    }
  }
  bool PeersDone() override {
    Serve();
    return finished_peers_ >= peers_;
  }
  long long Dispatched() const override { return static_cast<long long>(next_); }

 private:
  std::vector<int> todo_;
  std::size_t next_ = 0;
  int peers_;
  int finished_peers_ = 0;
};

// Other ranks: ask rank 0 for each point.
class WorkerSource final : public PointSource {
 public:
  bool Next(int* point) override {
    if (done_) return false;
    int request = 0, reply = -1;
    MPI_Send(&request, 1, MPI_INT, 0, kRequestTag, MPI_COMM_WORLD);
    MPI_Recv(&reply, 1, MPI_INT, 0, kReplyTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (reply < 0) {
      done_ = true;
      return false;
    }
    *point = reply;
    ++dispatched_;
    return true;
  }
  long long Dispatched() const override { return dispatched_; }

 private:
  bool done_ = false;
  long long dispatched_ = 0;
};

class MpiWorld final : public MpiSession {
 public:
  MpiWorld(int* argc, char*** argv) {
    int provided = 0;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    if (provided < MPI_THREAD_FUNNELED) throw std::runtime_error("MPI does not provide MPI_THREAD_FUNNELED");
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    // The ranks that can share memory are those on one node.
    MPI_Comm node;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
    MPI_Comm_rank(node, &node_rank_);
    MPI_Comm_size(node, &node_size_);
    MPI_Comm_free(&node);
  }
  ~MpiWorld() override { MPI_Finalize(); }
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int node_size() const override { return node_size_; }
  int node_rank() const override { return node_rank_; }
  std::unique_ptr<PointSource> SharedSource(std::vector<int> todo) override {
    if (rank_ == 0) return std::make_unique<CoordinatorSource>(std::move(todo), size_);
    return std::make_unique<WorkerSource>();
  }
  void Barrier() override { MPI_Barrier(MPI_COMM_WORLD); }
  int Broadcast(int value) override {
    MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return value;
  }
  int MaxOverRanks(int value) override {
    int largest = value;
    MPI_Allreduce(&value, &largest, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return largest;
  }

 private:
  int rank_ = 0, size_ = 1;
  int node_rank_ = 0, node_size_ = 1;
};
#endif

}  // namespace

std::unique_ptr<MpiSession> MpiSession::Start(int* argc, char*** argv) {
#ifdef DIPLOSIM_HAVE_MPI
  const bool launched = std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") || std::getenv("PMI_RANK");
  if (launched) return std::make_unique<MpiWorld>(argc, argv);
#endif
  (void)argc;
  (void)argv;
  return std::make_unique<SingleProcess>();
}

MpiSession& CurrentMpiSession() {
  static SingleProcess fallback;
  return g_session ? *g_session : fallback;
}

void SetCurrentMpiSession(MpiSession* session) { g_session = session; }

}  // namespace diplosim
