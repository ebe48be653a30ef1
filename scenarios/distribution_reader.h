#pragma once

#include <optional>
#include <string>

#include "scenarios/config_node.h"
#include "scenarios/scenario_error.h"
#include "sim/sampling/distribution.h"

namespace diplosim {

// One sweep parameter's distribution (docs/sweeps.md): {uniform: [low, high]},
// {log_uniform: [low, high]}, {normal: [mean, sd], range: [low, high]} or
// {levels: [v1, v2, …]}. Dates and names among the levels are refused with the
// advice to write variant scenarios instead. `what` names the parameter in
// messages; nullopt after reporting errors.
std::optional<Distribution> ReadDistribution(const ConfigNode& node, const std::string& what, Diagnostics& diags);

}  // namespace diplosim
