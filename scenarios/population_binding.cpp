#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include "scenarios/binding.h"
#include "scenarios/csv_rows.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/node_reader.h"
#include "scenarios/number_text.h"
#include "scenarios/references.h"
#include "scenarios/yaml_io.h"

namespace diplosim {

namespace {

namespace fs = std::filesystem;

constexpr int kMaxAgents = 10'000'000;
constexpr int kMaxDenseAgents = 20'000;  // a dense listening matrix of 3.2 GB
constexpr std::size_t kMaxEdgeFileBytes = 1u << 30;  // 1 GiB: tens of millions of edges

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

// An integer agent index in a CSV cell, or nullopt after a located error.
std::optional<long long> AgentIndex(const CsvCell& cell, const SourceLocation& where, int size, Diagnostics& diags) {
  char* end = nullptr;
  const long long v = std::strtoll(cell.text.c_str(), &end, 10);
  if (cell.text.empty() || *end != '\0') {
    diags.Error(where, "'" + cell.text + "' is not an agent number; expected an integer in 0.." + std::to_string(size - 1));
    return std::nullopt;
  }
  if (v < 0 || v >= size) {
    diags.Error(where, "agent " + cell.text + " is outside the population; expected 0.." + std::to_string(size - 1) +
                           " (size " + std::to_string(size) + ")");
    return std::nullopt;
  }
  return v;
}

// An edge list: a CSV with a `from,to` or `from,to,weight` title line, agents
// numbered from 0. Relative paths are relative to the file that names them.
std::optional<Network> ReadEdgeList(const ConfigNode& file, int size, Diagnostics& diags,
                                    std::vector<std::string>& files) {
  const fs::path path = fs::path(file.location.file).parent_path() / file.scalar;
  const std::string where = path.string();
  Network net;
  net.size = size;
  const std::size_t errors_before = diags.count();
  std::vector<CsvCell> title;
  bool weighted = false;
  const auto keep_going = [&] { return diags.count() < errors_before + 5; };  // at most five errors a file
  // Row by row: a file of tens of millions of edges never exists as cells all at once.
  auto edge = [&](const CsvRow& row) {
    if (title.empty()) {
      title = row.cells;
      weighted = title.size() == 3 && title[2].text == "weight";
      if (title.size() < 2 || title.size() > 3 || title[0].text != "from" || title[1].text != "to" ||
          (title.size() == 3 && !weighted)) {
        diags.Error({where, row.line, 1}, "the title line must be 'from,to' or 'from,to,weight'");
        return false;
      }
      return true;
    }
    if (row.cells.size() != title.size()) {
      diags.Error({where, row.line, 1}, "this line has " + std::to_string(row.cells.size()) + " fields; expected " +
                                            std::to_string(title.size()) + " (" + (weighted ? "from,to,weight" : "from,to") + ")");
      return keep_going();
    }
    const auto from = AgentIndex(row.cells[0], {where, row.line, row.cells[0].column}, size, diags);
    const auto to = AgentIndex(row.cells[1], {where, row.line, row.cells[1].column}, size, diags);
    double weight = 1.0;
    if (weighted) {
      char* end = nullptr;
      weight = std::strtod(row.cells[2].text.c_str(), &end);
      if (row.cells[2].text.empty() || *end != '\0' || !(weight >= 0.0) || !std::isfinite(weight)) {
        diags.Error({where, row.line, row.cells[2].column},
                    "weight '" + row.cells[2].text + "' is not a number >= 0; expected e.g. 1 or 0.5");
        return keep_going();
      }
    }
    if (!from || !to) return keep_going();
    if (*from == *to) {
      diags.Error({where, row.line, row.cells[0].column},
                  "agent " + row.cells[0].text + " links to itself; self-links are implied (an agent keeps its anchor)");
      return keep_going();
    }
    net.edges.push_back({static_cast<int>(*from), static_cast<int>(*to), weight});
    return true;
  };
  try {
    ParseLimits limits;
    limits.max_bytes = kMaxEdgeFileBytes;
    const std::string text = ReadInputFile(path.string(), file.location, limits);
    net.edges.reserve(std::count(text.begin(), text.end(), '\n'));  // one edge a line: no copies of a growing list
    ForEachCsvRow(text, where, edge);
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) diags.Error(d.location, d.message);
    return std::nullopt;
  }
  files.push_back(where);
  if (title.empty()) {
    diags.Error({where, 1, 1}, "the edge list is empty; expected a title line from,to[,weight] and one edge per line");
    return std::nullopt;
  }
  if (diags.count() > errors_before) return std::nullopt;
  return net;
}

std::optional<Network> BindNetwork(const ConfigNode& node, const std::string& what, int size, const LinkBudget& budget,
                                   Diagnostics& diags, std::vector<std::string>& files) {
  MapReader r(node, what, {"model", "degree", "rewire", "links", "seed", "edges"}, diags);
  if (!r.ok()) return std::nullopt;
  if (const ConfigNode* edges = r.Get("edges")) {
    for (const char* k : {"model", "degree", "rewire", "links", "seed"})
      if (r.Get(k)) diags.Error(r.Get(k)->location, what + "." + k + " does not apply to a network read from edges");
    if (!edges->IsScalar() || edges->scalar.empty()) {
      diags.Error(edges->location, what + ".edges must be a path; got " + edges->Describe() +
                                       "; expected a CSV file such as links.csv");
      return std::nullopt;
    }
    return ReadEdgeList(*edges, size, diags, files);
  }
  const ConfigNode* model = r.Require("model", "small_world or scale_free (or edges: FILE)");
  if (!model) return std::nullopt;
  const auto name = ReadString(*model, what + ".model", diags);
  if (!name) return std::nullopt;
  const auto seed = static_cast<std::uint64_t>(
      r.Get("seed") ? ReadInteger(*r.Get("seed"), what + ".seed", 0, std::numeric_limits<long long>::max(), diags).value_or(1)
                    : 1);
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
  const ConfigNode::Entry* e = network.FindEntry("edges");
  if (e) return "edges from " + e->value.scalar;
  std::string out;
  for (const auto& entry : network.entries) out += (out.empty() ? "" : ", ") + entry.key + " " + entry.value.scalar;
  return out;
}

}  // namespace

void BindPopulations(const ConfigNode* node, World& world, Diagnostics& diags, std::vector<std::string>& files,
                     long long max_agents, long long max_links) {
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
      diags.Error(e.key_location, "population id '" + e.key + "' is not a valid identifier; expected letters, digits, '_' or '-'");
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
    if (const ConfigNode* s = r.Require("size", "the number of agents, e.g. 10000"))
      p.size = static_cast<int>(ReadInteger(*s, what + ".size", 1, kMaxAgents, diags).value_or(0));
    p.susceptibility = r.Number("susceptibility", p.susceptibility, Range::Unit());
    p.actor_pull = r.Number("actor_pull", p.actor_pull, Range::Unit());
    p.feedback = r.Number("feedback", p.feedback, Range::Unit());
    p.spread = r.Number("spread", p.spread, Range::NonNegative());
    if (const ConfigNode* s = r.Get("seed"))
      p.seed = static_cast<std::uint64_t>(ReadInteger(*s, what + ".seed", 0, std::numeric_limits<long long>::max(), diags).value_or(1));
    if (const ConfigNode* s = r.Get("storage")) {
      const auto v = ReadString(*s, what + ".storage", diags);
      if (v == "auto") p.storage = InfluenceStorage::kAuto;
      else if (v == "dense") p.storage = InfluenceStorage::kDense;
      else if (v == "sparse") p.storage = InfluenceStorage::kSparse;
      else if (v)
        diags.Error(s->location, what + ".storage = '" + *v + "'; expected auto, dense or sparse" +
                                     DidYouMean(*v, {"auto", "dense", "sparse"}));
    }
    // Checked before the network is built: a dense matrix too large to allocate
    // must be a located error, not an out-of-memory failure.
    const bool dense_too_large = p.storage == InfluenceStorage::kDense && p.size > kMaxDenseAgents;
    if (dense_too_large)
      diags.Error(r.Get("storage")->location,
                  what + ": dense storage of " + std::to_string(p.size) + " agents needs " +
                      ShortNumber(8.0 * p.size * p.size / 1e9) + " GB (size² numbers); expected sparse or auto, or at most " +
                      std::to_string(kMaxDenseAgents) + " agents stored dense");
    agents += p.size;
    if (agents > max_agents) {
      diags.Error(r.Get("size")->location, "populations hold " + std::to_string(agents) + " agents in all; the limit is " +
                                               std::to_string(max_agents));
      return;
    }
    const ConfigNode* net = r.Require("network", "{model: small_world, degree: 20, rewire: 0.1} or {edges: FILE}");
    if (!net || p.actor < 0 || p.size < 1 || dense_too_large || !r.ok()) continue;
    std::optional<Network> network = BindNetwork(*net, what + ".network", p.size, links, diags, files);
    if (!network) continue;
    if (!links.Allows(*net, what + ".network", static_cast<double>(network->edges.size()), diags)) continue;
    links.used += static_cast<long long>(network->edges.size());
    std::string why;
    if (!network->IsValid(&why)) {
      diags.Error(net->location, what + ".network: " + why);
      continue;
    }
    p.network_description = Describe(*net);
    SetWeights(p, *network);
    world.populations.push_back(std::move(p));
  }
}

}  // namespace diplosim
