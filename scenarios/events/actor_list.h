#pragma once

#include <string>
#include <vector>

#include "sim/world.h"

namespace diplosim {

// "russia,iran": the ids of `actors`, comma-separated (the events table's format).
inline std::string JoinIds(const World& world, const std::vector<int>& actors) {
  std::string out;
  for (int i : actors) out += (out.empty() ? "" : ",") + world.actors[i].id;
  return out;
}

}  // namespace diplosim
