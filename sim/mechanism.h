#pragma once

#include <string_view>

#include "sim/step_context.h"

namespace diplosim {

// A mechanism advances part of the state by one step. Mechanisms run in the
// fixed order the world lists them, after events and decisions.
class Mechanism {
 public:
  virtual ~Mechanism() = default;
  virtual std::string_view Name() const = 0;
  virtual void Step(StepContext& ctx) const = 0;
};

}  // namespace diplosim
