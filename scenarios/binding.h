#pragma once

// The binding steps that turn a resolved scenario tree into a World, one
// section each. Internal to scenarios/; every step reports into `diags` and
// leaves the world consistent enough for the next step to run.

#include "scenarios/config_node.h"
#include "scenarios/scenario_error.h"
#include "scenarios/yaml_io.h"
#include "sim/world.h"

namespace diplosim {

class NetworkCache;

// calendar: start, end, step.
void BindCalendar(const ConfigNode* node, const SourceLocation& root, World& world, Diagnostics& diags);
// For messages about dates an event can happen on ([start, last time point)),
// " (…)" or "": why the last time point comes before calendar.end when end is
// off the step grid, and where calendar.end was set when that is worth saying
// (`set_at` not empty: it was set in another file than the message's).
std::string LastTimePointNote(const Calendar& c, const std::string& set_at = "");
// dimensions: id → label, low, high, range.
void BindDimensions(const ConfigNode* node, const SourceLocation& root, World& world, Diagnostics& diags);
// actors: id → name, groups, capability, position, salience, …; also fills world.groups.
// Fails (without binding any) when the actors' dense state would pass the limits.
void BindActors(const ConfigNode* node, const SourceLocation& root, World& world, Diagnostics& diags,
                const ParseLimits& limits);
// relations: defaults and pairs; sizes the initial relation matrices.
void BindRelations(const ConfigNode* node, World& world, Diagnostics& diags);
// mechanisms: capability_weights, influence, affinity.
void BindMechanisms(const ConfigNode* node, World& world, Diagnostics& diags);
// populations: agent groups attached to actors, with their networks; files
// read (edge lists) are appended to `files` for provenance. With a cache,
// listening matrices built before for the same settings are shared. A network
// of kLongNetworkAgents or more is announced to `on_long_step` before it is built.
void BindPopulations(const ConfigNode* node, World& world, Diagnostics& diags, std::vector<std::string>& files,
                     long long max_agents, long long max_links, NetworkCache* cache = nullptr,
                     const std::function<void(const std::string&)>& on_long_step = nullptr);
// events: a list of typed events, via the event registry.
void BindEvents(const ConfigNode* node, World& world, Diagnostics& diags, const SourceLocation& calendar_end = {});

}  // namespace diplosim
