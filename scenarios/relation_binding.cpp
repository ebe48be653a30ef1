#include "scenarios/binding.h"
#include "scenarios/node_reader.h"
#include "scenarios/references.h"

namespace diplosim {

namespace {

struct RelationValues {
  std::optional<double> affinity, dependency, hostility, support;
};

RelationValues ReadValues(MapReader& r) {
  RelationValues v;
  v.affinity = r.Number("affinity", Range::Between(-1.0, 1.0));
  v.dependency = r.Number("dependency", Range::Unit());
  v.hostility = r.Number("hostility", Range::NonNegative());
  v.support = r.Number("support", Range::NonNegative());
  return v;
}

// What `between` with one side or many likely meant: the pairs within a group, or
// among several actors, are written with the same side twice (self-pairs are skipped).
std::string BetweenHint(const ConfigNode& between) {
  const ConfigNode* one = between.IsScalar() ? &between : nullptr;
  if (between.IsSequence() && between.items.size() == 1 && between.items[0].IsScalar()) one = &between.items[0];
  if (one)
    return " (to relate the members of '" + one->scalar + "' to each other, write between: [" + one->scalar + ", " +
           one->scalar + "])";
  if (!between.IsSequence() || between.items.size() < 3) return "";
  std::string list;
  for (const auto& item : between.items) {
    if (!item.IsScalar()) return "";
    list += (list.empty() ? "" : ", ") + item.scalar;
  }
  return " (to relate every pair among these " + std::to_string(between.items.size()) +
         ", give the same list on both sides: between: [[" + list + "], [" + list + "]])";
}

}  // namespace

void BindRelations(const ConfigNode* node, World& world, Diagnostics& diags) {
  const int n = world.NumActors();
  State& s = world.initial;
  s.affinity.setZero(n, n);
  s.dependency.setZero(n, n);
  s.hostility.setZero(n, n);
  s.support.setZero(n, n);
  if (!node) return;
  MapReader r(*node, "relations", {"defaults", "pairs"}, diags);
  if (!r.ok()) return;

  if (const ConfigNode* defaults = r.Get("defaults")) {
    MapReader d(*defaults, "relations.defaults", {"affinity", "dependency", "hostility"}, diags);
    const RelationValues v = ReadValues(d);
    if (v.affinity) s.affinity.setConstant(*v.affinity);
    if (v.dependency) s.dependency.setConstant(*v.dependency);
    if (v.hostility) s.hostility.setConstant(*v.hostility);
    s.affinity.diagonal().setOnes();
    s.dependency.diagonal().setZero();
    s.hostility.diagonal().setZero();
  }

  const ConfigNode* pairs = r.Get("pairs");
  if (!pairs) return;
  const References refs(world, diags);
  if (!pairs->IsSequence()) {
    diags.Error(pairs->location, "relations.pairs must be a list; got " + pairs->Describe() +
                                     "; expected items like '{between: [" + refs.ExampleActor(0) + ", " +
                                     refs.ExampleActor(1) + "], affinity: 0.5}'");
    return;
  }
  for (const auto& item : pairs->items) {
    MapReader p(item, "relation", {"between", "from", "to", "affinity", "dependency", "hostility", "support"}, diags);
    if (!p.ok()) continue;
    std::vector<int> from, to;
    bool both_directions = false;
    if (const ConfigNode* between = p.Get("between")) {
      if (p.Get("from") || p.Get("to"))
        diags.Error(item.location, "a relation uses either 'between' or 'from'/'to'; got both; expected one form");
      if (!between->IsSequence() || between->items.size() != 2) {
        diags.Error(between->location, "between must list two actors or groups; got " + between->Describe() +
                                           "; expected [a, b]" + BetweenHint(*between));
        continue;
      }
      from = refs.RequiredActors(between->items[0], "relation");
      to = refs.RequiredActors(between->items[1], "relation");
      both_directions = true;
    } else {
      const ConfigNode* f = p.Require("from", "'between: [a, b]' or 'from: a' with 'to: b'");
      const ConfigNode* t = f ? p.Require("to", "the actor(s) the relation points to") : nullptr;
      if (!f || !t) continue;
      from = refs.RequiredActors(*f, "relation 'from'");
      to = refs.RequiredActors(*t, "relation 'to'");
    }
    const RelationValues v = ReadValues(p);
    if (!v.affinity && !v.dependency && !v.hostility && !v.support)
      diags.Error(item.location, "relation sets nothing; expected affinity, dependency, hostility or support");
    // Pairs of an actor with itself are skipped; if that is every pair, the entry does nothing.
    if (from.size() == 1 && to == from)
      diags.Error(item.location, "relation pairs '" + world.actors[from[0]].id +
                                     "' with itself only, and an actor with itself is not a relation; expected two "
                                     "different actors (or groups with different members)");
    for (int i : from) {
      for (int j : to) {
        if (i == j) continue;
        if (v.affinity) {
          s.affinity(i, j) = *v.affinity;
          if (both_directions) s.affinity(j, i) = *v.affinity;
        }
        if (v.dependency) {
          s.dependency(i, j) = *v.dependency;
          if (both_directions) s.dependency(j, i) = *v.dependency;
        }
        if (v.hostility) s.hostility(i, j) = s.hostility(j, i) = *v.hostility;  // always symmetric
        if (v.support) {
          s.support(i, j) = *v.support;
          if (both_directions) s.support(j, i) = *v.support;
        }
      }
    }
  }
}

}  // namespace diplosim
