#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include "scenarios/binding.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/edge_list.h"
#include "scenarios/network_cache.h"
#include "scenarios/node_reader.h"
#include "scenarios/number_text.h"
#include "scenarios/references.h"
#include "scenarios/yaml_io.h"

namespace diplosim {

namespace {

namespace fs = std::filesystem;

constexpr int kMaxAgents = 10'000'000;
constexpr int kMaxDenseAgents = 20'000;  // a dense listening matrix of 3.2 GB

// Directed links over all populations. A generated network is checked before it
// is built, so an absurd degree is a located error instead of exhausting memory.
struct LinkBudget {
  long long max = 0;   // over all populations
  long long used = 0;  // by the populations bound so far
  bool Allows(const ConfigNode& key, const std::string& what, double links, Diagnostics& diags) const {
    if (links <= static_cast<double>(max - used)) return true;
    const std::string left =
        used > 0 ? ", " + ShortNumber(static_cast<double>(max - used)) + " left after the populations above" : "";
    diags.Error(key.location, what + " makes about " + ShortNumber(links) + " directed links; populations may hold " +
                                  ShortNumber(static_cast<double>(max)) + " in all" + left +
                                  "; expected fewer links per agent or fewer agents");
    return false;
  }
};

// Networks announced before they are built (BindPopulations' on_long_step).
constexpr int kLongNetworkAgents = 500'000;
constexpr std::uintmax_t kLongEdgeFileBytes = 20'000'000;

std::uintmax_t FileBytes(const std::string& path) {
  std::error_code ec;
  const std::uintmax_t bytes = fs::file_size(path, ec);
  return ec ? 0 : bytes;
}

// The file a network is read from ("" for a generated one); relative paths are
// relative to the file that names them.
std::string EdgeFile(const ConfigNode& network) {
  const ConfigNode::Entry* e = network.IsMap() ? network.FindEntry("edges") : nullptr;
  if (!e || !e->value.IsScalar() || e->value.scalar.empty()) return "";
  return (fs::path(e->value.location.file).parent_path() / e->value.scalar).string();
}

// Everything that determines a population's listening matrix, for NetworkCache:
// the network's settings, the size (0: from the file), the storage, and a
// file's path, length and time.
std::string NetworkKey(const ConfigNode& network, int size, InfluenceStorage storage) {
  std::string key = EmitYaml(network) + "\nsize " + std::to_string(size) + ", storage " +
                    std::to_string(static_cast<int>(storage));
  if (const std::string file = EdgeFile(network); !file.empty()) {
    std::error_code ec;
    key += "\nfile " + file + ", " + std::to_string(fs::file_size(file, ec)) + " bytes, modified " +
           std::to_string(fs::last_write_time(file, ec).time_since_epoch().count());
  }
  return key;
}

// A network read from a file of links. `size` is 0 when the population's size
// comes from the file; `max_agents` bounds it then.
std::optional<Network> BindEdgeFile(const MapReader& r, const std::string& what, int size, long long max_agents,
                                    Diagnostics& diags, std::vector<std::string>& files) {
  const ConfigNode& edges = *r.Get("edges");
  for (const char* k : {"model", "degree", "rewire", "links", "seed"})
    if (r.Get(k)) diags.Error(r.Get(k)->location, what + "." + k + " does not apply to a network read from edges");
  if (!edges.IsScalar() || edges.scalar.empty()) {
    diags.Error(edges.location, what + ".edges must be a path; got " + edges.Describe() +
                                    "; expected a file of links such as links.csv");
    return std::nullopt;
  }
  const std::size_t errors_before = diags.count();
  EdgeListOptions options;
  options.size = size;
  options.max_agents = max_agents;
  if (const ConfigNode* d = r.Get("directed")) options.directed = ReadBool(*d, what + ".directed", diags).value_or(true);
  if (const ConfigNode* ids = r.Get("ids")) {
    const auto v = ReadString(*ids, what + ".ids", diags);
    if (v == "labels") options.labels = true;
    else if (v && *v != "index")
      diags.Error(ids->location, what + ".ids = '" + *v + "'; expected index (agents numbered from 0) or labels "
                                        "(agents named by any text)" + DidYouMean(*v, {"index", "labels"}));
  }
  if (diags.count() > errors_before) return std::nullopt;
  const std::string path = EdgeFile(r.node());
  std::optional<Network> net = ReadEdgeList(path, edges.location, options, diags);
  if (net) files.push_back(path);
  return net;
}

std::optional<Network> BindNetwork(const ConfigNode& node, const std::string& what, int size, long long max_agents,
                                   const LinkBudget& budget, Diagnostics& diags, std::vector<std::string>& files) {
  MapReader r(node, what, {"model", "degree", "rewire", "links", "seed", "edges", "directed", "ids"}, diags);
  if (!r.ok()) return std::nullopt;
  if (r.Get("edges")) return BindEdgeFile(r, what, size, max_agents, diags, files);
  for (const char* k : {"directed", "ids"})
    if (r.Get(k)) diags.Error(r.Get(k)->location, what + "." + k + " applies only to a network read from edges");
  const ConfigNode* model = r.Require("model", "small_world or scale_free (or edges: FILE)");
  if (!model) return std::nullopt;
  const auto name = ReadString(*model, what + ".model", diags);
  if (!name) return std::nullopt;
  const std::uint64_t seed = r.Get("seed") ? ReadSeed(*r.Get("seed"), what + ".seed", diags).value_or(1) : 1;
  auto only = [&](std::initializer_list<const char*> keys, const std::string& model_name) {
    for (const char* k : {"degree", "rewire", "links"}) {
      bool allowed = false;
      for (const char* a : keys) allowed |= std::string_view(a) == k;
      if (!allowed && r.Get(k)) diags.Error(r.Get(k)->location, what + "." + k + " does not apply to model " + model_name);
    }
  };
  if (*name == "small_world") {
    only({"degree", "rewire"}, "small_world");
    const ConfigNode* d = r.Require("degree", "an even number of neighbours per agent, e.g. 20");
    if (d && size < 3) {  // a ring of degree ≥ 2 needs three agents; fewer would link an agent to itself
      diags.Error(model->location, what +
                                       ": a small world needs at least 3 agents (a ring with 2 or more "
                                       "neighbours each); got size " +
                                       std::to_string(size) + "; expected a larger size, or links from an edge list");
      return std::nullopt;
    }
    const auto degree = d ? ReadInteger(*d, what + ".degree", 2, std::max(2, size - 1), diags) : std::nullopt;
    if (degree && *degree % 2 != 0) diags.Error(d->location, what + ".degree = " + std::to_string(*degree) + " is odd; expected an even number (half on each side of the ring)");
    const double rewire = r.Number("rewire", 0.1, Range::Unit());
    if (!degree || *degree % 2 != 0 || !r.ok()) return std::nullopt;
    if (!budget.Allows(*d, what, static_cast<double>(size) * *degree, diags)) return std::nullopt;
    return SmallWorldNetwork(size, static_cast<int>(*degree), rewire, seed);
  }
  if (*name == "scale_free") {
    only({"links"}, "scale_free");
    const ConfigNode* l = r.Require("links", "the number of links each new agent makes, e.g. 10");
    const auto links = l ? ReadInteger(*l, what + ".links", 1, std::max(1, size - 1), diags) : std::nullopt;
    if (!links || !r.ok()) return std::nullopt;
    if (!budget.Allows(*l, what, 2.0 * static_cast<double>(size) * *links, diags)) return std::nullopt;
    return ScaleFreeNetwork(size, static_cast<int>(*links), seed);
  }
  diags.Error(model->location, "unknown network model '" + *name + "'; expected small_world or scale_free" +
                                   DidYouMean(*name, {"small_world", "scale_free"}));
  return std::nullopt;
}

std::string Describe(const ConfigNode& network) {
  if (const ConfigNode::Entry* e = network.FindEntry("edges")) {
    std::string out = "edges from " + e->value.scalar;
    if (const ConfigNode::Entry* d = network.FindEntry("directed"); d && d->value.scalar == "false") out += ", undirected";
    if (const ConfigNode::Entry* ids = network.FindEntry("ids"); ids && ids->value.scalar == "labels") out += ", agents by name";
    return out;
  }
  std::string out;
  for (const auto& entry : network.entries) out += (out.empty() ? "" : ", ") + entry.key + " " + entry.value.scalar;
  return out;
}

}  // namespace

void BindPopulations(const ConfigNode* node, World& world, Diagnostics& diags, std::vector<std::string>& files,
                     long long max_agents, long long max_links, NetworkCache* cache,
                     const std::function<void(const std::string&)>& on_long_step) {
  if (!node) return;
  if (!node->IsMap()) {
    diags.Error(node->location, "populations must be a mapping of population ids; got " + node->Describe() +
                                    "; expected e.g. {communities: {actor: ..., size: 10000, network: {...}}}");
    return;
  }
  const References refs(world, diags);
  long long agents = 0;
  LinkBudget links{max_links, 0};
  for (const auto& e : node->entries) {
    if (!IsValidId(e.key)) {
      diags.Error(e.key_location, InvalidIdMessage("population id", e.key));
      continue;
    }
    const std::string what = "population '" + e.key + "'";
    MapReader r(e.value, what,
                {"actor", "size", "network", "susceptibility", "actor_pull", "feedback", "spread", "seed", "storage"}, diags);
    if (!r.ok()) continue;
    PopulationSpec p;
    p.id = e.key;
    if (const ConfigNode* a = r.Require("actor", "the id of the actor the agents belong to"))
      p.actor = refs.Actor(*a, what + ".actor").value_or(-1);
    // A network read from a file may leave the size to the file.
    const ConfigNode* net = r.Get("network");
    const bool from_file = net && net->IsMap() && net->FindEntry("edges");
    const ConfigNode* size = from_file ? r.Get("size") : r.Require("size", "the number of agents, e.g. 10000");
    if (size) p.size = static_cast<int>(ReadInteger(*size, what + ".size", 1, kMaxAgents, diags).value_or(0));
    p.susceptibility = r.Number("susceptibility", p.susceptibility, Range::Unit());
    p.actor_pull = r.Number("actor_pull", p.actor_pull, Range::Unit());
    p.feedback = r.Number("feedback", p.feedback, Range::Unit());
    p.spread = r.Number("spread", p.spread, Range::NonNegative());
    if (const ConfigNode* s = r.Get("seed"))
      p.seed = ReadSeed(*s, what + ".seed", diags).value_or(1);
    if (const ConfigNode* s = r.Get("storage")) {
      const auto v = ReadString(*s, what + ".storage", diags);
      if (v == "auto") p.storage = InfluenceStorage::kAuto;
      else if (v == "dense") p.storage = InfluenceStorage::kDense;
      else if (v == "sparse") p.storage = InfluenceStorage::kSparse;
      else if (v)
        diags.Error(s->location, what + ".storage = '" + *v + "'; expected auto, dense or sparse" +
                                     DidYouMean(*v, {"auto", "dense", "sparse"}));
    }
    // Checked before the network is built when the size is known: a dense
    // matrix too large to allocate must be a located error, not an
    // out-of-memory failure.
    const auto dense_too_large = [&] {
      if (p.storage != InfluenceStorage::kDense || p.size <= kMaxDenseAgents) return false;
      diags.Error(r.Get("storage")->location,
                  what + ": dense storage of " + std::to_string(p.size) + " agents needs " +
                      ShortNumber(8.0 * p.size * p.size / 1e9) + " GB (size² numbers); expected sparse or auto, or at most " +
                      std::to_string(kMaxDenseAgents) + " agents stored dense");
      return true;
    };
    if (size && dense_too_large()) continue;
    if (size) {
      agents += p.size;
      if (agents > max_agents) {
        diags.Error(size->location, "populations hold " + std::to_string(agents) + " agents in all; the limit is " +
                                        std::to_string(max_agents));
        return;
      }
    }
    if (!net) r.Require("network", "{model: small_world, degree: 20, rewire: 0.1} or {edges: FILE}");
    if (!net || p.actor < 0 || (size && p.size < 1) || !r.ok()) continue;
    // A sweep's points find their base scenario's matrix in the cache.
    const std::string key = cache ? NetworkKey(*net, size ? p.size : 0, p.storage) : "";
    std::shared_ptr<const ListeningMatrix> weights = cache ? cache->Find(key) : nullptr;
    std::optional<Network> network;
    if (weights) {
      p.size = static_cast<int>(weights->IsSparse() ? weights->sparse.rows() : weights->dense.rows());
      if (!size) agents += p.size;
      if (const std::string file = EdgeFile(*net); !file.empty()) files.push_back(file);
    } else {
      // About 6 s a million agents at degree 20 on a 2-core machine; a file's size is known once it is read.
      if (on_long_step && (from_file || p.size >= kLongNetworkAgents))
        if (const std::string file = EdgeFile(*net); !from_file || FileBytes(file) >= kLongEdgeFileBytes)
          on_long_step("building the network of " + what + " (" +
                       (from_file ? "edges from " + file : std::to_string(p.size) + " agents; " + Describe(*net)) +
                       ")…");
      network = BindNetwork(*net, what + ".network", size ? p.size : 0, max_agents - agents, links, diags, files);
      if (!network) continue;
      if (!size) {
        p.size = network->size;
        agents += p.size;  // within the limit: the file could name at most what was left
        if (dense_too_large()) continue;
      }
    }
    const long long link_count = weights ? weights->links : static_cast<long long>(network->edges.size());
    if (!links.Allows(*net, what + ".network", static_cast<double>(link_count), diags)) continue;
    links.used += link_count;
    if (!weights) {
      std::string why;
      if (!network->IsValid(&why)) {
        diags.Error(net->location, what + ".network: " + why);
        continue;
      }
      weights = MakeListeningMatrix(*network, p.storage);
      if (cache) cache->Add(key, weights);
    }
    p.weights = std::move(weights);
    p.network_description = Describe(*net);
    world.populations.push_back(std::move(p));
  }
}

}  // namespace diplosim
