#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/SparseCore>

namespace diplosim {

// A directed, weighted graph on agents 0..size−1: agent `from` listens to `to`.
struct Network {
  struct Edge {
    int from = 0;
    int to = 0;
    double weight = 1.0;
  };
  int size = 0;
  std::vector<Edge> edges;

  // Checks indices, weights (finite, ≥ 0) and self-loops; false with a reason.
  bool IsValid(std::string* why) const;
  // Row-stochastic listening matrix: row k averages k's out-neighbours by weight.
  // An agent with no neighbours listens to itself (W_kk = 1).
  Eigen::SparseMatrix<double, Eigen::RowMajor> RowStochastic() const;
  double MeanDegree() const { return size > 0 ? static_cast<double>(edges.size()) / size : 0.0; }
};

// Watts–Strogatz small world: a ring where each agent is linked to its `degree`
// nearest neighbours (degree/2 on each side, degree even), then each link's far
// end rewired with probability `rewire` to an agent drawn uniformly (no self-
// loops, no duplicates). Links are undirected: both directions are listed.
Network SmallWorldNetwork(int size, int degree, double rewire, std::uint64_t seed);

// Barabási–Albert scale-free network: start from a clique of links+1 agents;
// each further agent links to `links` distinct earlier agents chosen with
// probability proportional to their degree. Undirected, both directions listed;
// mean degree ≈ 2·links.
Network ScaleFreeNetwork(int size, int links, std::uint64_t seed);

}  // namespace diplosim
