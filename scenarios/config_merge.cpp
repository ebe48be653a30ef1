#include "scenarios/config_merge.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <unordered_map>
#include <vector>

#include "scenarios/did_you_mean.h"
#include "scenarios/event_registry.h"

namespace diplosim {

namespace {

// Mappings keyed by the scenario's own names: a missing key there is a misspelt
// name (did-you-mean), never a section to create.
bool NamesItems(const std::string& path) {
  return path == "actors" || path == "dimensions" || path == "populations";
}

std::string ItemName(const ConfigNode& item) {
  if (!item.IsMap()) return "";
  for (const char* key : {"name", "id"})
    if (const ConfigNode* n = item.Find(key); n && n->IsScalar()) return n->scalar;
  return "";
}

// Whether an overlay event names a type other than the base event's.
bool DifferentType(const ConfigNode& base, const ConfigNode& overlay) {
  const ConfigNode* a = base.IsMap() ? base.Find("type") : nullptr;
  const ConfigNode* b = overlay.IsMap() ? overlay.Find("type") : nullptr;
  return a && b && a->IsScalar() && b->IsScalar() && a->scalar != b->scalar;
}

void MergeEventLists(ConfigNode& base, const ConfigNode& overlay) {
  // The last item of each name, by index (pushing items moves them): event lists
  // drawn from event data run to tens of thousands, and a scan per item was quadratic.
  std::unordered_map<std::string, std::size_t> by_name;
  for (std::size_t k = 0; k < base.items.size(); ++k)
    if (std::string name = ItemName(base.items[k]); !name.empty()) by_name[std::move(name)] = k;
  for (const auto& item : overlay.items) {
    const std::string name = ItemName(item);
    ConfigNode* target = nullptr;
    if (!name.empty())
      if (const auto it = by_name.find(name); it != by_name.end()) target = &base.items[it->second];
    if (target && DifferentType(*target, item)) {
      // Another kind of event under the same name: it keeps the base's date,
      // priority and the like unless it gives them, but none of the base type's own keys.
      ConfigNode replaced = item;
      for (const auto& e : target->entries)
        if (!replaced.Find(e.key) && std::ranges::find(CommonEventKeys(), e.key) != CommonEventKeys().end())
          replaced.entries.push_back(e);
      *target = std::move(replaced);
    } else if (target) {
      MergeInto(*target, item, "events." + name);
    } else {
      if (!name.empty()) by_name[name] = base.items.size();
      base.items.push_back(item);
    }
  }
}

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    parts.emplace_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

}  // namespace

void MergeInto(ConfigNode& base, const ConfigNode& overlay, std::string_view path) {
  if (base.IsMap() && overlay.IsMap()) {
    for (const auto& e : overlay.entries) {
      const std::string child_path = path.empty() ? e.key : std::string(path) + "." + e.key;
      if (ConfigNode* existing = base.Find(e.key)) {
        MergeInto(*existing, e.value, child_path);
      } else {
        base.entries.push_back(e);
      }
    }
    return;
  }
  if (path == "events" && base.IsSequence() && overlay.IsSequence()) {
    MergeEventLists(base, overlay);
    return;
  }
  base = overlay;
}

void ApplyOverride(ConfigNode& root, std::string_view path, const ConfigNode& value,
                   const SourceLocation& where, Diagnostics& diags) {
  const std::vector<std::string> parts = Split(path);
  for (const auto& p : parts) {
    if (p.empty()) {
      diags.Error(where, "malformed override path '" + std::string(path) +
                             "'; expected dot-separated names such as actors.ACTOR.capability.military");
      return;
    }
  }
  ConfigNode* node = &root;
  std::string walked;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const std::string& seg = parts[k];
    const bool last = k + 1 == parts.size();
    const std::string here = walked.empty() ? "the scenario" : "'" + walked + "'";
    // A section left out or left empty (`mechanisms:`) stands for its defaults.
    if (node->IsNull() && !walked.empty()) node->kind = ConfigNode::Kind::kMap;
    if (node->IsMap()) {
      ConfigNode* child = node->Find(seg);
      if (!child && last) {
        node->entries.push_back(ConfigNode::Entry{seg, where, value});
        return;
      }
      if (!child && NamesItems(walked)) {
        diags.Error(where, "override path '" + std::string(path) + "' leads into nothing: " + here +
                               " has no key '" + seg + "'; expected one of its keys" +
                               DidYouMean(seg, node->Keys()));
        return;
      }
      if (!child) {
        // A section left to its defaults (mechanisms.affinity, an actor's
        // parameters) is created. The binder checks every key it then holds, so
        // a misspelt one is still an error with a did-you-mean.
        ConfigNode section;
        section.kind = ConfigNode::Kind::kMap;
        section.location = where;
        node->entries.push_back(ConfigNode::Entry{seg, where, std::move(section)});
        child = &node->entries.back().value;
      }
      node = child;
    } else if (node->IsSequence()) {
      ConfigNode* child = nullptr;
      std::vector<std::string> names;
      for (auto& item : node->items) {
        const std::string name = ItemName(item);
        if (!name.empty()) names.push_back(name);
        if (name == seg) child = &item;
      }
      std::size_t index = 0;
      auto [ptr, ec] = std::from_chars(seg.data(), seg.data() + seg.size(), index);
      if (!child && ec == std::errc() && ptr == seg.data() + seg.size() && index < node->items.size())
        child = &node->items[index];
      if (!child) {
        diags.Error(where, "override path '" + std::string(path) + "' leads into nothing: " + here +
                               " has no item named '" + seg + "'; expected an item name or " +
                               (node->items.empty() ? std::string("index (the list is empty)")
                                                    : "an index from 0 to " + std::to_string(node->items.size() - 1)) +
                               DidYouMean(seg, names));
        return;
      }
      node = child;
    } else {
      diags.Error(where, "override path '" + std::string(path) + "' leads into nothing: " + here + " is " +
                             node->Describe() + ", not a mapping or list; expected a path to a value");
      return;
    }
    walked += (walked.empty() ? "" : ".") + seg;
  }
  *node = value;
}

}  // namespace diplosim
