#pragma once

#include <Eigen/Dense>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/record_spec.h"
#include "sim/recorder.h"

namespace diplosim {

struct World;

// Bytes a sink prepared from a replicate on a worker thread (a compressed
// chunk, say), with a word of the sink's own meaning (for the HDF5 writer, the
// mask of filters the chunk skipped). Opaque to the engine.
struct PreparedChunk {
  std::vector<unsigned char> bytes;
  std::uint32_t flags = 0;
};

// Values in one time slice of a variable of this shape in this world (N·D, N, N·N, …).
std::size_t SliceValues(const World& world, VariableShape shape);

// In-memory record of one replicate: each enabled variable as a row-major
// array [time][…], natural units where the variable says so, plus its events
// and actions. Reset sizes the buffers before each replicate is recorded; they
// are reused across replicates (a released one is sized again).
class Trajectory final : public Recorder {
 public:
  Trajectory(const World& world, const RecordSpec& spec);

  void Reset(int replicate);
  void OnState(int k, const State& state) override;
  void OnEvent(const EventRecord& record) override { events_.push_back(record); }
  void OnAction(const ActionRecord& record) override {
    if (spec_.actions) actions_.push_back(record);
  }
  // Events are always kept (the run summary counts them); actions only when recorded.
  bool WantsActions() const override { return spec_.actions; }

  int replicate() const { return replicate_; }
  const RecordSpec& spec() const { return spec_; }
  const std::vector<int>& time_indices() const { return time_indices_; }
  // Values per time slice of a variable (N·D, N, N·N or D).
  std::size_t SliceSize(Variable v) const;
  const std::vector<double>& Data(Variable v) const { return data_[static_cast<int>(v)]; }
  // Bytes of the recorded variables' buffers (events, actions and encoded chunks not counted).
  std::size_t RecordedBytes() const;
  // Frees a variable's buffer once a sink has what it needs from it (its encoded
  // chunks), so a large replicate is not held twice; Reset sizes it again.
  void ReleaseData(Variable v) { std::vector<double>().swap(data_[static_cast<int>(v)]); }
  // The recorded variables' buffers, exchanged whole: a worker thread keeps one
  // set warm in its cache and lends it to each trajectory it fills.
  using Buffers = std::array<std::vector<double>, kNumVariables>;
  void SwapBuffers(Buffers& other) { data_.swap(other); }
  const std::vector<EventRecord>& events() const { return events_; }
  const std::vector<ActionRecord>& actions() const { return actions_; }
  // The forecast at the last time point (natural units), kept whatever is recorded.
  const Eigen::VectorXd& final_forecast() const { return final_forecast_; }
  // Each ceasefire's status at the last time point (State::CeasefireStatus values).
  const std::vector<int>& final_ceasefires() const { return final_ceasefires_; }
  // What a sink prepared from this replicate on the worker thread; Reset empties the list.
  std::vector<PreparedChunk>& encoded() { return encoded_; }
  const std::vector<PreparedChunk>& encoded() const { return encoded_; }

 private:
  void SizeBuffers();  // each recorded variable's buffer, unless it has its size

  const World& world_;
  RecordSpec spec_;
  int replicate_ = 0;
  int num_steps_ = 0;
  std::vector<int> time_indices_;
  std::vector<int> slot_of_step_;  // step → time slot, or −1 if not recorded
  Buffers data_;
  std::vector<EventRecord> events_;
  std::vector<ActionRecord> actions_;
  Eigen::VectorXd forecast_;        // unit scale, workspace
  Eigen::VectorXd final_forecast_;  // natural units
  std::vector<int> final_ceasefires_;
  std::vector<PreparedChunk> encoded_;
};

}  // namespace diplosim
