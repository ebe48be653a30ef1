#include "scenarios/config_node.h"

#include "scenarios/text_encoding.h"

namespace diplosim {

const ConfigNode::Entry* ConfigNode::FindEntry(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

const ConfigNode* ConfigNode::Find(std::string_view key) const {
  const Entry* e = FindEntry(key);
  return e ? &e->value : nullptr;
}

ConfigNode* ConfigNode::Find(std::string_view key) {
  for (auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

std::vector<std::string> ConfigNode::Keys() const {
  std::vector<std::string> keys;
  for (const auto& e : entries) keys.push_back(e.key);
  return keys;
}

std::string ConfigNode::Describe() const {
  switch (kind) {
    case Kind::kNull: return "nothing";
    case Kind::kSequence: return items.empty() ? "an empty list" : "a list";
    case Kind::kMap: return entries.empty() ? "an empty mapping" : "a mapping";
    case Kind::kScalar: {
      return "'" + ShortenedForMessage(scalar, 40) + "'";
    }
  }
  return "?";
}

ConfigNode ConfigNode::Scalar(std::string value, SourceLocation where) {
  ConfigNode node;
  node.kind = Kind::kScalar;
  node.scalar = std::move(value);
  node.location = std::move(where);
  return node;
}

}  // namespace diplosim
