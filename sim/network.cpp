#include "sim/network.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

#include "sim/rng.h"

namespace diplosim {

namespace {

// Networks are part of the scenario (the same for every replicate): their
// stream depends only on the network's own seed.
Rng NetworkRng(std::uint64_t seed) {
  StreamKey key;
  key.seed = seed;
  key.purpose = StreamPurpose::kNetwork;
  return Rng(key);
}

int UniformIndex(Rng& rng, int n) { return std::min(n - 1, static_cast<int>(rng.Uniform() * n)); }

// Undirected links between agents, kept as per-agent lists of higher-numbered
// neighbours for the small world's look-ups while it rewires: a red-black tree
// of pairs did the same several times slower (it dominated loading a network
// of 100,000 agents or more).
class UndirectedLinks {
 public:
  explicit UndirectedLinks(int size) : higher_(size) {}
  bool Has(int a, int b) const {
    const auto& list = higher_[std::min(a, b)];
    return std::find(list.begin(), list.end(), std::max(a, b)) != list.end();
  }
  void Add(int a, int b) { higher_[std::min(a, b)].push_back(std::max(a, b)); }
  void Remove(int a, int b) {
    auto& list = higher_[std::min(a, b)];
    const auto it = std::find(list.begin(), list.end(), std::max(a, b));
    if (it != list.end()) {
      *it = list.back();
      list.pop_back();
    }
  }
  // Both directions of every link, in ascending (low, high) order: the order
  // does not change the listening matrix, but it keeps a network's edge list
  // a function of its seed alone.
  Network ToNetwork() {
    Network net;
    net.size = static_cast<int>(higher_.size());
    std::size_t count = 0;
    for (const auto& list : higher_) count += list.size();
    net.edges.reserve(2 * count);
    for (int a = 0; a < net.size; ++a) {
      auto& list = higher_[a];
      std::sort(list.begin(), list.end());
      for (int b : list) {
        net.edges.push_back({a, b, 1.0});
        net.edges.push_back({b, a, 1.0});
      }
      std::vector<int>().swap(list);  // release as we go: the edge list is the larger copy
    }
    return net;
  }

 private:
  std::vector<std::vector<int>> higher_;
};

}  // namespace

bool Network::IsValid(std::string* why) const {
  auto fail = [&](std::string msg) {
    if (why) *why = std::move(msg);
    return false;
  };
  if (size < 1) return fail("a network needs at least one agent");
  for (const Edge& e : edges) {
    if (e.from < 0 || e.from >= size || e.to < 0 || e.to >= size)
      return fail("edge " + std::to_string(e.from) + " -> " + std::to_string(e.to) + " names an agent outside 0.." +
                  std::to_string(size - 1));
    if (e.from == e.to) return fail("edge " + std::to_string(e.from) + " -> itself: self-links are not allowed");
    if (!(std::isfinite(e.weight) && e.weight >= 0.0))
      return fail("edge " + std::to_string(e.from) + " -> " + std::to_string(e.to) + " has weight " +
                  std::to_string(e.weight) + "; expected a finite number >= 0");
  }
  return true;
}

Eigen::SparseMatrix<double, Eigen::RowMajor> Network::RowStochastic() const {
  // Built straight into the compressed rows: Eigen's setFromTriplets would hold
  // the triplets and a column-major copy besides, twice the memory of the
  // result for a million-agent network.
  std::vector<double> out_weight(size, 0.0);
  for (const Edge& e : edges) out_weight[e.from] += e.weight;
  Eigen::SparseMatrix<double, Eigen::RowMajor> w(size, size);
  int* outer = w.outerIndexPtr();  // entries per row first, then where each row starts
  for (const Edge& e : edges) outer[e.from + 1] += out_weight[e.from] > 0.0 && e.weight > 0.0;
  for (int k = 0; k < size; ++k) outer[k + 1] += outer[k] + (out_weight[k] > 0.0 ? 0 : 1);
  w.resizeNonZeros(outer[size]);
  std::vector<int> fill(outer, outer + size);
  for (int k = 0; k < size; ++k)
    if (out_weight[k] <= 0.0) {
      w.innerIndexPtr()[fill[k]] = k;
      w.valuePtr()[fill[k]++] = 1.0;
    }
  for (const Edge& e : edges)
    if (out_weight[e.from] > 0.0 && e.weight > 0.0) {
      w.innerIndexPtr()[fill[e.from]] = e.to;
      w.valuePtr()[fill[e.from]++] = e.weight / out_weight[e.from];
    }
  // Each row in column order (generated networks already are; edge lists may
  // not be); duplicate edges add up, in the order they were listed.
  int* inner = w.innerIndexPtr();
  double* value = w.valuePtr();
  std::vector<std::pair<int, double>> row;
  int kept = 0;
  for (int k = 0; k < size; ++k) {
    const int begin = outer[k], end = outer[k + 1];
    if (!std::is_sorted(inner + begin, inner + end)) {
      row.clear();
      for (int p = begin; p < end; ++p) row.emplace_back(inner[p], value[p]);
      std::stable_sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (int p = begin; p < end; ++p) std::tie(inner[p], value[p]) = row[p - begin];
    }
    outer[k] = kept;
    for (int p = begin; p < end; ++p) {
      if (kept > outer[k] && inner[kept - 1] == inner[p]) {
        value[kept - 1] += value[p];
        continue;
      }
      inner[kept] = inner[p];
      value[kept++] = value[p];
    }
  }
  outer[size] = kept;
  w.resizeNonZeros(kept);
  return w;
}

Network SmallWorldNetwork(int size, int degree, double rewire, std::uint64_t seed) {
  Rng rng = NetworkRng(seed);
  const int half = degree / 2;
  UndirectedLinks links(size);
  for (int a = 0; a < size; ++a)
    for (int s = 1; s <= half; ++s)
      if (!links.Has(a, (a + s) % size)) links.Add(a, (a + s) % size);
  // Rewire in a fixed order (agent, then distance) so the result depends only on the seed.
  for (int s = 1; s <= half; ++s) {
    for (int a = 0; a < size; ++a) {
      const int b = (a + s) % size;
      if (!rng.Bernoulli(rewire)) continue;
      if (!links.Has(a, b)) continue;  // already rewired away
      // A new far end: not a itself, not already linked to a. Give up after a
      // few tries in (nearly) complete graphs rather than loop.
      for (int attempt = 0; attempt < 32; ++attempt) {
        const int c = UniformIndex(rng, size);
        if (c == a || links.Has(a, c)) continue;
        links.Remove(a, b);
        links.Add(a, c);
        break;
      }
    }
  }
  return links.ToNetwork();
}

Network ScaleFreeNetwork(int size, int links, std::uint64_t seed) {
  Rng rng = NetworkRng(seed);
  // Every link as a consecutive pair of ends, in the order made. Each end is
  // listed once, so a uniform draw from it is a draw proportional to degree.
  std::vector<int> ends;
  const int core = std::min(size, links + 1);
  ends.reserve(static_cast<std::size_t>(core) * (core - 1) + 2 * static_cast<std::size_t>(links) * (size - core));
  for (int a = 0; a < core; ++a)
    for (int b = a + 1; b < core; ++b) {
      ends.push_back(a);
      ends.push_back(b);
    }
  std::vector<int> targets;
  for (int a = core; a < size; ++a) {
    targets.clear();
    while (static_cast<int>(targets.size()) < links) {
      const int t = ends[std::min(ends.size() - 1, static_cast<std::size_t>(rng.Uniform() * ends.size()))];
      if (std::find(targets.begin(), targets.end(), t) == targets.end()) targets.push_back(t);
    }
    for (int t : targets) {  // new links: t is an earlier agent and distinct from the other targets
      ends.push_back(a);
      ends.push_back(t);
    }
  }
  // Grouped by their lower agent (a counting sort, in the order made) the links
  // come out in ascending (low, high) order, as the small world's, since the
  // higher agent of a new link is the newest agent so far.
  Network net;
  net.size = size;
  std::vector<std::size_t> first(static_cast<std::size_t>(size) + 1, 0);
  for (std::size_t k = 0; k < ends.size(); k += 2) ++first[std::min(ends[k], ends[k + 1]) + 1];
  for (int a = 0; a < size; ++a) first[a + 1] += first[a];
  net.edges.resize(ends.size());
  for (std::size_t k = 0; k < ends.size(); k += 2) {
    const int low = std::min(ends[k], ends[k + 1]), high = std::max(ends[k], ends[k + 1]);
    const std::size_t at = 2 * first[low]++;
    net.edges[at] = {low, high, 1.0};
    net.edges[at + 1] = {high, low, 1.0};
  }
  return net;
}

}  // namespace diplosim
