#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenarios/source_location.h"

namespace diplosim {

// A parsed YAML document as a plain tree in which every node remembers the file,
// line and column it came from. Scenarios are merged (extend, profiles,
// overrides) on this tree, so an error can always point into the right file.
struct ConfigNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  struct Entry;

  Kind kind = Kind::kNull;
  std::string scalar;
  std::vector<ConfigNode> items;  // sequence
  std::vector<Entry> entries;     // mapping, in document order
  SourceLocation location;

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  bool IsMap() const { return kind == Kind::kMap; }

  const ConfigNode* Find(std::string_view key) const;
  ConfigNode* Find(std::string_view key);
  const Entry* FindEntry(std::string_view key) const;
  std::vector<std::string> Keys() const;
  // "a mapping", "a list", "'text'", "nothing": for "got …" in messages.
  std::string Describe() const;

  static ConfigNode Scalar(std::string value, SourceLocation where);
};

struct ConfigNode::Entry {
  std::string key;
  SourceLocation key_location;
  ConfigNode value;
};

}  // namespace diplosim
