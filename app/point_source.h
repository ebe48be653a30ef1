#pragma once

#include <vector>

namespace diplosim {

// Hands out the points a process should run. Called only from the main
// thread. Next() returns false once no more points will come for this process.
class PointSource {
 public:
  virtual ~PointSource() = default;
  virtual bool Next(int* point) = 0;
  // Lets a coordinator answer other processes while the main thread waits.
  virtual void Serve() {}
  // True when this process may finish (a coordinator waits for its peers).
  virtual bool PeersDone() { return true; }
  // Points handed out so far by this source (for progress).
  virtual long long Dispatched() const = 0;
};

// The points of one process: the ones in `todo`, in order.
class ListSource final : public PointSource {
 public:
  explicit ListSource(std::vector<int> todo) : todo_(std::move(todo)) {}
  bool Next(int* point) override {
    if (next_ >= todo_.size()) return false;
    *point = todo_[next_++];
    return true;
  }
  long long Dispatched() const override { return static_cast<long long>(next_); }

 private:
  std::vector<int> todo_;
  std::size_t next_ = 0;
};

}  // namespace diplosim
