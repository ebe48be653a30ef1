#pragma once

#include <string>
#include <vector>

#include "scenarios/config_node.h"
#include "scenarios/yaml_io.h"

namespace diplosim {

// Reads a stakeholder table (CSV) of the kind analysts keep for Bueno de
// Mesquita-style and KTAB models: one row per actor with a name, an optional
// description, a power (capability) and, per dimension, a position and a
// salience (0–100). Two layouts are accepted:
//   - KTAB's: a title line "name,description,actors,dimensions[,]" then the
//     header "Actor,Description,Power,Pstn1,Sal1,…";
//   - a plain header "Actor,[Description,]Power,Pstn1,Sal1,…".
// Trailing commas are allowed. The rows become actor definitions (a mapping
// id → {name, description, capability, position, salience, intensity}) whose
// nodes point at the CSV cells, so validation errors name file:line:column.
// Mapping: capability components all = Power; position = Pstn (the dimension's
// natural units); intensity = Sal/100; salience = Sal normalised over the row
// (uniform if all zero). `dimensions` names the scenario dimension of each
// Pstn/Sal pair, in order. Throws ScenarioError on malformed tables.
ConfigNode ReadStakeholderTable(const std::string& path, const SourceLocation& referenced_from,
                                const std::vector<std::string>& dimensions, const ParseLimits& limits);

}  // namespace diplosim
