#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/config_node.h"
#include "scenarios/yaml_io.h"

namespace diplosim {

// A dotted-path override with the value to put there (already parsed).
struct PathOverride {
  std::string path;
  ConfigNode value;
  SourceLocation location;
};

struct SourceOptions {
  std::vector<std::string> profile_dirs;  // searched in order for <profile>.yaml
  // Searched after profile_dirs and after the profiles/ folder beside the file
  // that names the profile (a base scenario's own, when a variant elsewhere extends it).
  std::vector<std::string> stock_profile_dirs;
  std::vector<PathOverride> overrides;    // applied after the file's own (e.g. --set)
  ParseLimits limits;
  // Told, before a step that can take seconds (building or reading the network
  // of a population of hundreds of thousands of agents), what it is doing, so
  // that the CLI can say so; unset: nothing is told.
  std::function<void(const std::string&)> on_long_step;
};

// The scenario as one tree, after `extend` chains, actor profiles and
// overrides, with every node still pointing at the file it came from.
class NetworkCache;

struct ResolvedSource {
  ConfigNode tree;
  std::string main_file;
  std::string main_text;
  std::vector<std::string> files;  // every file read, in reading order
  ParseLimits limits;              // the options' limits, for binding
  // Set by a sweep: its points share the listening matrices of its base scenario.
  std::shared_ptr<NetworkCache> networks;
  std::function<void(const std::string&)> on_long_step;  // the options', for binding
};

// Resolution order: (1) the `extend` chain, each file merged onto its base;
// (2) `actors_from` stakeholder tables, the scenario's `actors` merged on top;
// (3) actor profiles, each actor's keys merged onto its profile;
// (4) `overrides` of every file in chain order, then the options' overrides.
ResolvedSource ResolveSource(const std::string& path, const SourceOptions& options);
ResolvedSource ResolveSourceText(const std::string& text, const std::string& name,
                                 const SourceOptions& options);

// Parses "path=value" (the CLI's --set) into an override; value is YAML.
PathOverride ParseOverrideArgument(const std::string& argument);

}  // namespace diplosim
