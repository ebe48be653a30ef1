#pragma once

#include <algorithm>

#include "sim/date.h"

namespace diplosim {

// Time points start, start + step, …, up to the last one not after `end`.
// Step k advances the world from DateOf(k) to DateOf(k + 1).
struct Calendar {
  Date start;
  Date end;
  int step_days = 1;

  int NumSteps() const { return (end - start) / step_days; }
  Date DateOf(int k) const { return start + k * step_days; }
  // The last time point: `end` itself only when end − start is a whole number of
  // steps. Nothing can happen on or after it, since no step starts there.
  Date LastDate() const { return DateOf(NumSteps()); }
  // The step during which something dated `d` happens (d in [start, LastDate())).
  int StepOf(Date d) const { return (d - start) / step_days; }
  // The whole number of steps closest to a week, at least one: 7 daily steps,
  // 2 three-day steps, 1 step of a week or longer. Ties round up (2-day steps: 4).
  int StepsNearestAWeek() const { return step_days > 0 ? std::max(1, (7 + step_days / 2) / step_days) : 7; }
};

}  // namespace diplosim
