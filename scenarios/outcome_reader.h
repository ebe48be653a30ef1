#pragma once

#include <optional>
#include <string>

#include "scenarios/config_node.h"
#include "scenarios/scenario_error.h"
#include "sim/outcome.h"
#include "sim/world.h"

namespace diplosim {

// One named outcome of a sweep file (docs/sweeps.md, "Outcomes"): exactly one
// indicator, its actors, dimensions, population, negotiation or ceasefire
// resolved in the base scenario's `world`, and `at:` (end, or a date on the
// calendar's time points). `events` is the base's events node, so that a name
// of a disabled event is said to be one. nullopt after reporting errors.
std::optional<OutcomeSpec> ReadOutcome(const std::string& name, const ConfigNode& node, const World& world,
                                       const ConfigNode* events, Diagnostics& diags);

}  // namespace diplosim
