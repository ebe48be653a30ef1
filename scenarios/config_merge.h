#pragma once

#include <string_view>

#include "scenarios/config_node.h"
#include "scenarios/scenario_error.h"

namespace diplosim {

// Deep merge of `overlay` onto `base`: mappings merge key by key and the
// overlay wins everywhere else, except that the top-level `events` list merges
// by event `name` (an overlay event with a known name is merged onto that event,
// others are appended). `path` is the dotted path of `base` ("" at the root).
void MergeInto(ConfigNode& base, const ConfigNode& overlay, std::string_view path = "");

// Replaces the node at a dotted path (e.g. actors.russia.capability.military)
// with `value`. Mapping segments are keys; list segments match an item's `name`
// or `id`, or an index. Every segment but the last must exist; the last may
// add a key to an existing mapping. A path into nothing is a located error
// with a did-you-mean.
void ApplyOverride(ConfigNode& root, std::string_view path, const ConfigNode& value,
                   const SourceLocation& where, Diagnostics& diags);

}  // namespace diplosim
