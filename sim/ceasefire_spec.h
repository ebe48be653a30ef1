#pragma once

#include <string>
#include <vector>

#include "sim/date.h"

namespace diplosim {

// A ceasefire as the scenario declares it. It covers a dyad when both actors
// are parties or guarantors, neither is excluded, and neither is designated
// (designated actors are never covered). Actions may widen or narrow the scope
// during a run; that lives in State::Ceasefire::covered.
struct CeasefireSpec {
  std::string name;
  Date date;                    // comes into force at the start of this day
  std::vector<int> parties;
  std::vector<int> guarantors;
  std::vector<int> excluded;
  double residual = -1.0;       // covered dyads' hostility target as a share of H0; < 0: the mechanism's
  int collapse_after = -1;      // violations that collapse it; < 0: the mechanism's
  // Added to the hostility targets H0 between parties and excluded actors when it
  // comes into force: forces freed from covered fronts turn on the excluded.
  double excluded_hostility = 0.0;
};

}  // namespace diplosim
