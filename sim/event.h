#pragma once

#include <string>

#include "sim/date.h"
#include "sim/step_context.h"

namespace diplosim {

// A scheduled event. The scenario loader resolves every reference (actors,
// dimensions) into indices when it builds the event, so Apply cannot fail on
// bad input. Events run in (date, priority, sequence) order at the start of the
// step whose interval [date_k, date_k+1) contains their date.
class Event {
 public:
  struct Header {
    std::string type;
    std::string name;
    Date date;
    int priority = 0;  // lower runs first on the same date
    int sequence = 0;  // position in the scenario file; the final tie-break
  };

  explicit Event(Header header) : header_(std::move(header)) {}
  virtual ~Event() = default;
  const Header& header() const { return header_; }
  virtual void Apply(StepContext& ctx) const = 0;

 private:
  Header header_;
};

}  // namespace diplosim
