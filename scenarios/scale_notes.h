#pragma once

#include <string>
#include <vector>

#include "scenarios/config_node.h"
#include "sim/world.h"

namespace diplosim {

// Notes on a valid scenario that probably mixes up scales: every actor's
// position on a dimension with a wide natural range (such as [0, 100]) lies
// in [0, 1], as if written as shares. Each note starts with file:line:col.
std::vector<std::string> ScaleNotes(const ConfigNode& root, const World& world);

}  // namespace diplosim
