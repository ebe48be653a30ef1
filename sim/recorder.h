#pragma once

#include <string>
#include <string_view>

#include "sim/date.h"

namespace diplosim {

struct State;

// One row of the events table.
struct EventRecord {
  int replicate = 0;
  Date date;
  std::string type;
  std::string name;
  std::string actors;   // actor ids joined by ','
  std::string outcome;  // e.g. applied, fired, agreement, collapse
  double value = 0.0;   // a type-specific magnitude (e.g. an agreement share)
};

// One row of the actions table (actor decisions).
struct ActionRecord {
  int replicate = 0;
  Date date;
  std::string actor;
  std::string action;
  std::string target;
};

// Where the step loop reports. The core never writes files: a recorder keeps
// what it wants in memory and output/ persists it.
class Recorder {
 public:
  virtual ~Recorder() = default;
  // Called with the state at time index k (0 = initial) after each step.
  virtual void OnState(int k, const State& state) = 0;
  virtual void OnEvent(const EventRecord& record) = 0;
  virtual void OnAction(const ActionRecord& record) = 0;
  // Whether OnEvent wants rows of this type, and OnAction any rows: the step
  // loop builds a row (and its strings) only for a recorder that keeps it, so
  // summary recording makes no heap allocation for them.
  virtual bool WantsEvent(std::string_view /*type*/) const { return true; }
  virtual bool WantsActions() const { return true; }
};

}  // namespace diplosim
