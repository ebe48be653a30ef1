#pragma once

#include <utility>
#include <vector>

#include "scenarios/config_node.h"
#include "scenarios/references.h"

namespace diplosim {

// Reads `stance: {dimension: position, …}` (natural units) into
// (dimension index, unit position) pairs, reporting located errors.
std::vector<std::pair<int, double>> ReadStance(const ConfigNode& node, const References& refs);

}  // namespace diplosim
