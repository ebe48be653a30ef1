#include "scenarios/references.h"

#include <algorithm>

#include "scenarios/csv_rows.h"
#include "scenarios/did_you_mean.h"

namespace diplosim {

References::References(const World& world, Diagnostics& diags, SourceLocation calendar_end, const ConfigNode* events)
    : world_(world), diags_(diags), calendar_end_(std::move(calendar_end)), events_(events) {
  actor_index_.reserve(world.actors.size());
  for (int i = 0; i < world.NumActors(); ++i) actor_index_.emplace(world.actors[i].id, i);
}

int References::ActorIndex(const std::string& id) const {
  const auto it = actor_index_.find(id);
  return it == actor_index_.end() ? -1 : it->second;
}

std::string References::DisabledEventNote(const std::string& name) const {
  if (!events_ || !events_->IsSequence()) return "";
  for (const ConfigNode& item : events_->items) {
    const ConfigNode* n = item.IsMap() ? item.Find("name") : nullptr;
    const ConfigNode* enabled = item.IsMap() ? item.Find("enabled") : nullptr;
    if (n && n->IsScalar() && n->scalar == name && enabled && enabled->IsScalar() && enabled->scalar == "false")
      return " ('" + name + "' is disabled: enabled: false at " + enabled->location.ToString() + ")";
  }
  return "";
}

std::vector<std::string> References::ActorAndGroupNames() const {
  std::vector<std::string> names;
  for (const auto& a : world_.actors) names.push_back(a.id);
  for (const auto& [g, members] : world_.groups) names.push_back(g);
  return names;
}

std::optional<int> References::Actor(const ConfigNode& node, const std::string& what) const {
  if (!node.IsScalar()) {
    diags_.Error(node.location, what + " must name an actor; got " + node.Describe() + "; expected an actor id");
    return std::nullopt;
  }
  const int i = ActorIndex(node.scalar);
  if (i >= 0) return i;
  std::vector<std::string> ids;
  for (const auto& a : world_.actors) ids.push_back(a.id);
  diags_.Error(node.location, "unknown actor '" + node.scalar + "' in " + what + "; expected an actor id" +
                                  DidYouMean(node.scalar, ids));
  return std::nullopt;
}

std::string References::ExampleActor(int k) const {
  return k < world_.NumActors() ? world_.actors[k].id : std::string(1, static_cast<char>('A' + k));
}

std::string References::ExampleDimension() const { return world_.dimensions.empty() ? "DIM" : world_.dimensions[0].id; }

// "russia, iran": every comma-separated part is an actor or group.
bool References::ListWithoutBrackets(const std::string& name) const {
  if (name.find(',') == std::string::npos) return false;
  for (std::size_t start = 0; start <= name.size();) {
    std::size_t comma = name.find(',', start);
    if (comma == std::string::npos) comma = name.size();
    const std::string part = WithoutSpaces(std::string_view(name).substr(start, comma - start));
    if (ActorIndex(part) < 0 && !world_.groups.count(part)) return false;
    start = comma + 1;
  }
  return true;
}

std::optional<std::vector<int>> References::ActorsByName(const std::string& name, const SourceLocation& where,
                                                         const std::string& what) const {
  const int i = ActorIndex(name);
  if (i >= 0) return std::vector<int>{i};
  if (auto g = world_.groups.find(name); g != world_.groups.end()) return g->second;
  diags_.Error(where, "unknown actor or group '" + name + "' in " + what + "; expected an actor or group id" +
                          (ListWithoutBrackets(name) ? " (did you mean [" + name + "]? YAML reads '" + name +
                                                           "' as one name; a list needs brackets)"
                                                     : DidYouMean(name, ActorAndGroupNames())));
  return std::nullopt;
}

std::vector<int> References::Actors(const ConfigNode& node, const std::string& what) const {
  std::vector<int> out;
  auto add = [&](const ConfigNode& item) {
    if (!item.IsScalar()) {
      diags_.Error(item.location, what + " must name actors; got " + item.Describe() +
                                      "; expected an actor or group id, or a list of them");
      return;
    }
    if (auto members = ActorsByName(item.scalar, item.location, what))
      out.insert(out.end(), members->begin(), members->end());
  };
  if (node.IsSequence()) {
    for (const auto& item : node.items) add(item);
  } else {
    add(node);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<int> References::RequiredActors(const ConfigNode& node, const std::string& what) const {
  if (node.IsSequence() && node.items.empty())
    diags_.Error(node.location, what + " is an empty list; expected actor or group ids in it");
  return Actors(node, what);
}

std::optional<int> References::Dimension(const ConfigNode& node, const std::string& what) const {
  if (node.IsScalar()) {
    const int d = world_.DimensionIndex(node.scalar);
    if (d >= 0) return d;
  }
  std::vector<std::string> ids;
  for (const auto& d : world_.dimensions) ids.push_back(d.id);
  diags_.Error(node.location, "unknown dimension " + node.Describe() + " in " + what +
                                  "; expected a dimension id" +
                                  (node.IsScalar() ? DidYouMean(node.scalar, ids) : std::string()));
  return std::nullopt;
}

std::optional<int> References::Population(const ConfigNode& node, const std::string& what) const {
  std::vector<std::string> ids;
  for (std::size_t p = 0; p < world_.populations.size(); ++p) {
    if (node.IsScalar() && world_.populations[p].id == node.scalar) return static_cast<int>(p);
    ids.push_back(world_.populations[p].id);
  }
  diags_.Error(node.location,
               "unknown population " + node.Describe() + " in " + what + "; expected " +
                   (ids.empty() ? std::string("a scenario with populations (this one has none)")
                                : "the name of one of the scenario's populations" +
                                      (node.IsScalar() ? DidYouMean(node.scalar, ids) : std::string())));
  return std::nullopt;
}

std::optional<References::Targets> References::StatePath(const std::string& path,
                                                         const SourceLocation& where) const {
  static const std::vector<std::pair<std::string, StateField>> kFields = {
      {"position", StateField::kPosition},     {"anchor", StateField::kAnchor},
      {"salience", StateField::kSalience},     {"susceptibility", StateField::kSusceptibility},
      {"capability", StateField::kCapability}, {"affinity", StateField::kAffinity},
      {"dependency", StateField::kDependency}, {"hostility", StateField::kHostility},
      {"support", StateField::kSupport},
  };
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  const std::string form =
      "expected FIELD.ACTOR[.X] with FIELD one of position, anchor, salience, susceptibility, capability, "
      "affinity, dependency, hostility, support";
  std::vector<std::string> field_names;
  for (const auto& [n, f] : kFields) field_names.push_back(n);
  auto it = std::find_if(kFields.begin(), kFields.end(), [&](const auto& p) { return p.first == parts[0]; });
  if (it == kFields.end()) {
    // `actors.ACTOR.FIELD…` is how --set and overrides spell a scenario value; the
    // state path puts the field first.
    std::string hint = DidYouMean(parts[0], field_names);
    if (parts[0] == "actors" && parts.size() >= 3 &&
        std::find(field_names.begin(), field_names.end(), parts[2]) != field_names.end()) {
      std::string rewritten = parts[2] + "." + parts[1];
      for (std::size_t k = 3; k < parts.size(); ++k) rewritten += "." + parts[k];
      hint = " (did you mean '" + rewritten +
             "'? a state path names the field first; 'actors.…' is a scenario "
             "path, for --set and overrides)";
    }
    // `relations.A.B.FIELD` reads like the scenario's relations section; the state path is FIELD.A.B.
    if (parts[0] == "relations" && parts.size() == 4 &&
        std::find(field_names.begin(), field_names.end(), parts[3]) != field_names.end())
      hint = " (did you mean '" + parts[3] + "." + parts[1] + "." + parts[2] +
             "'? a state path names the field first, then the pair)";
    diags_.Error(where, "unknown state field '" + parts[0] + "' in path '" + path + "'; " + form + hint);
    return std::nullopt;
  }
  Targets out;
  out.field = it->second;
  const bool needs_third = out.field != StateField::kSusceptibility;
  if (parts.size() != (needs_third ? 3u : 2u)) {
    diags_.Error(where, "path '" + path + "' has " + std::to_string(parts.size()) + " parts; " + form);
    return std::nullopt;
  }
  auto actors = ActorsByName(parts[1], where, "path '" + path + "'");
  if (!actors) return std::nullopt;
  switch (out.field) {
    case StateField::kPosition:
    case StateField::kAnchor:
    case StateField::kSalience: {
      const int d = world_.DimensionIndex(parts[2]);
      if (d < 0) {
        std::vector<std::string> ids;
        for (const auto& dim : world_.dimensions) ids.push_back(dim.id);
        diags_.Error(where, "unknown dimension '" + parts[2] + "' in path '" + path + "'; expected a dimension id" +
                                DidYouMean(parts[2], ids));
        return std::nullopt;
      }
      out.dimension = d;
      for (int i : *actors) out.targets.push_back({out.field, i, d});
      break;
    }
    case StateField::kSusceptibility:
      for (int i : *actors) out.targets.push_back({out.field, i, 0});
      break;
    case StateField::kCapability: {
      const std::vector<std::string> comps = {"military", "economic", "diplomatic"};
      auto c = std::find(comps.begin(), comps.end(), parts[2]);
      if (c == comps.end()) {
        diags_.Error(where, "unknown capability component '" + parts[2] +
                                "'; expected military, economic or diplomatic" + DidYouMean(parts[2], comps));
        return std::nullopt;
      }
      for (int i : *actors) out.targets.push_back({out.field, i, static_cast<int>(c - comps.begin())});
      break;
    }
    case StateField::kAffinity:
    case StateField::kDependency:
    case StateField::kHostility:
    case StateField::kSupport: {
      auto others = ActorsByName(parts[2], where, "path '" + path + "'");
      if (!others) return std::nullopt;
      for (int i : *actors)
        for (int k : *others)
          if (i != k) out.targets.push_back({out.field, i, k});
      if (out.targets.empty()) {  // affinity.a.a: no shock or trigger means an actor's relation with itself
        diags_.Error(where, "path '" + path +
                                "' names no pair: an actor with itself is not a relation; expected two "
                                "different actors (or groups with different members)");
        return std::nullopt;
      }
      break;
    }
  }
  return out;
}

}  // namespace diplosim
