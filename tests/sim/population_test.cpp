#include "sim/population.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "sim/invariants.h"
#include "sim/network.h"
#include "sim/simulation.h"
#include "sim/world.h"
#include "tests/support/test_world.h"

namespace diplosim {
namespace {

std::map<int, int> OutDegrees(const Network& net) {
  std::map<int, int> deg;
  for (const auto& e : net.edges) ++deg[e.from];
  return deg;
}

std::set<std::pair<int, int>> EdgeSet(const Network& net) {
  std::set<std::pair<int, int>> s;
  for (const auto& e : net.edges) s.insert({e.from, e.to});
  return s;
}

// Generated networks list each undirected link as (low, high) then (high, low),
// links in ascending (low, high) order: the edge list is a function of the seed
// alone, whatever container the generator used on the way.
void ExpectCanonicalOrder(const Network& net) {
  ASSERT_EQ(net.edges.size() % 2, 0u);
  for (std::size_t k = 0; k < net.edges.size(); k += 2) {
    const auto& e = net.edges[k];
    const auto& back = net.edges[k + 1];
    ASSERT_LT(e.from, e.to) << k;
    ASSERT_TRUE(back.from == e.to && back.to == e.from) << k;
    if (k > 0) {
      const auto& prev = net.edges[k - 2];
      ASSERT_LT(std::pair(prev.from, prev.to), std::pair(e.from, e.to)) << k;
    }
  }
}

TEST(SmallWorldNetwork, WithoutRewiringIsTheRingLattice) {
  const Network net = SmallWorldNetwork(100, 6, 0.0, 3);
  ASSERT_TRUE(net.IsValid(nullptr));
  EXPECT_EQ(net.edges.size(), 600u);
  for (const auto& [agent, degree] : OutDegrees(net)) EXPECT_EQ(degree, 6) << agent;
  const auto edges = EdgeSet(net);
  for (int a = 0; a < 100; ++a)
    for (int s = 1; s <= 3; ++s) {
      EXPECT_TRUE(edges.count({a, (a + s) % 100}));
      EXPECT_TRUE(edges.count({(a + s) % 100, a}));
    }
}

TEST(SmallWorldNetwork, RewiringKeepsTheLinkCountAndMovesAboutThatShare) {
  const int size = 4000, degree = 10;
  const double rewire = 0.2;
  const Network net = SmallWorldNetwork(size, degree, rewire, 11);
  ASSERT_TRUE(net.IsValid(nullptr));
  EXPECT_EQ(net.edges.size(), static_cast<std::size_t>(size * degree));  // no link lost, no duplicate
  EXPECT_EQ(EdgeSet(net).size(), net.edges.size());
  int off_ring = 0;
  for (const auto& e : net.edges) {
    const int gap = std::min((e.to - e.from + size) % size, (e.from - e.to + size) % size);
    off_ring += gap > degree / 2;
  }
  // Each link is rewired with probability 0.2 (a rewired link rarely lands back on the ring).
  EXPECT_NEAR(static_cast<double>(off_ring) / net.edges.size(), rewire, 0.02);
  // The same seed gives the same network; another seed another one.
  ExpectCanonicalOrder(net);
  EXPECT_EQ(EdgeSet(SmallWorldNetwork(size, degree, rewire, 11)), EdgeSet(net));
  EXPECT_NE(EdgeSet(SmallWorldNetwork(size, degree, rewire, 12)), EdgeSet(net));
}

TEST(ScaleFreeNetwork, HasTheExpectedLinksAndAHeavyTail) {
  const int size = 20000, links = 3;
  const Network net = ScaleFreeNetwork(size, links, 5);
  ASSERT_TRUE(net.IsValid(nullptr));
  // A clique of links+1 agents, then `links` new links per further agent, each listed both ways.
  const std::size_t undirected = (links + 1) * links / 2 + static_cast<std::size_t>(links) * (size - links - 1);
  EXPECT_EQ(net.edges.size(), 2 * undirected);
  EXPECT_EQ(EdgeSet(net).size(), net.edges.size());
  int max_degree = 0, min_degree = size;
  for (const auto& [agent, degree] : OutDegrees(net)) {
    max_degree = std::max(max_degree, degree);
    min_degree = std::min(min_degree, degree);
  }
  EXPECT_EQ(min_degree, links);
  EXPECT_NEAR(net.MeanDegree(), 2.0 * links, 0.01);
  // Preferential attachment: hubs far above the mean (a ring lattice has none).
  EXPECT_GT(max_degree, 20 * net.MeanDegree());
  ExpectCanonicalOrder(net);
  EXPECT_EQ(EdgeSet(ScaleFreeNetwork(size, links, 5)), EdgeSet(net));
}

TEST(Network, RowStochasticAveragesNeighboursAndKeepsIsolatedAgents) {
  Network net;
  net.size = 4;
  net.edges = {{0, 1, 1.0}, {0, 2, 3.0}, {1, 0, 2.0}};  // 2 and 3 listen to no one
  const Eigen::MatrixXd w(net.RowStochastic());
  Eigen::MatrixXd expected(4, 4);
  expected << 0, 0.25, 0.75, 0,  //
      1, 0, 0, 0,                //
      0, 0, 1, 0,                //
      0, 0, 0, 1;
  EXPECT_TRUE(w.isApprox(expected, 1e-15)) << w;
  std::string why;
  net.edges.push_back({3, 3, 1.0});
  EXPECT_FALSE(net.IsValid(&why));
  EXPECT_NE(why.find("self-links"), std::string::npos);
  net.edges.back() = {3, 9, 1.0};
  EXPECT_FALSE(net.IsValid(&why));
  EXPECT_NE(why.find("outside 0..3"), std::string::npos);
}

// An edge listed twice (as an edge-list file may) counts with both weights;
// zero-weight edges are no links, and an agent whose edges all weigh zero keeps
// its own position. Rows come out in column order whatever the listing order.
TEST(Network, RowStochasticAddsDuplicateEdgesAndSortsEachRow) {
  Network net;
  net.size = 5;
  net.edges = {{0, 4, 1.0}, {0, 1, 0.5}, {0, 4, 1.5}, {0, 2, 0.0}, {1, 3, 0.0}, {2, 1, 2.0}, {2, 0, 2.0}};
  const Eigen::SparseMatrix<double, Eigen::RowMajor> w = net.RowStochastic();
  Eigen::MatrixXd expected = Eigen::MatrixXd::Zero(5, 5);
  expected(0, 1) = 0.5 / 3.0;
  expected(0, 4) = 2.5 / 3.0;
  expected(1, 1) = 1.0;
  expected(2, 0) = expected(2, 1) = 0.5;
  expected(3, 3) = expected(4, 4) = 1.0;
  EXPECT_TRUE(Eigen::MatrixXd(w).isApprox(expected, 1e-15)) << Eigen::MatrixXd(w);
  EXPECT_EQ(w.nonZeros(), 7);  // no stored zeros, one entry per duplicate pair
  for (int k = 0; k < w.outerSize(); ++k)
    for (int p = w.outerIndexPtr()[k] + 1; p < w.outerIndexPtr()[k + 1]; ++p)
      EXPECT_LT(w.innerIndexPtr()[p - 1], w.innerIndexPtr()[p]) << "row " << k;
  EXPECT_TRUE(w.isCompressed());
}

PopulationSpec Spec(int size, const Network& net, InfluenceStorage storage) {
  PopulationSpec p;
  p.id = "p";
  p.actor = 0;
  p.size = size;
  p.susceptibility = 0.7;
  p.actor_pull = 0.25;
  p.storage = storage;
  SetWeights(p, net);
  return p;
}

// With the actor held still, x* = (I − λ(1−β)W)⁻¹ (λβ 1 x_a + (1−λ) U): a dense
// LU solve, independent of the iteration, to 1e-10.
TEST(Population, ConvergesToTheFriedkinJohnsenFixedPoint) {
  const int size = 80;
  const Network net = SmallWorldNetwork(size, 6, 0.3, 2);
  const PopulationSpec p = Spec(size, net, InfluenceStorage::kSparse);
  Eigen::RowVectorXd actor(3);
  actor << 0.9, 0.1, 0.5;
  PopulationSpec loose = p;
  loose.spread = 0.3;
  const Eigen::MatrixXd anchor = InitialPopulationPositions(loose, actor, 0);
  Eigen::MatrixXd x = anchor, work(size, 3);
  Eigen::MatrixXd held = actor;
  for (int t = 0; t < 3000; ++t) {
    Eigen::RowVectorXd a = actor;
    StepPopulation(p, anchor, x, work, a);
    ASSERT_EQ(a, actor);  // no feedback: the actor is untouched
  }
  const Eigen::MatrixXd W(net.RowStochastic());
  const double lambda = p.susceptibility, beta = p.actor_pull;
  const Eigen::MatrixXd A = Eigen::MatrixXd::Identity(size, size) - lambda * (1 - beta) * W;
  const Eigen::MatrixXd rhs = lambda * beta * Eigen::VectorXd::Ones(size) * held + (1 - lambda) * anchor;
  const Eigen::MatrixXd expected = A.partialPivLu().solve(rhs);
  EXPECT_LT((x - expected).cwiseAbs().maxCoeff(), 1e-10);
}

TEST(Population, DenseAndSparseStorageGiveTheSamePositions) {
  const int size = 300;
  const Network net = SmallWorldNetwork(size, 20, 0.1, 4);
  const PopulationSpec sparse = Spec(size, net, InfluenceStorage::kSparse);
  const PopulationSpec dense = Spec(size, net, InfluenceStorage::kDense);
  ASSERT_TRUE(sparse.IsSparse());
  ASSERT_FALSE(dense.IsSparse());
  Eigen::RowVectorXd actor = Eigen::RowVectorXd::Constant(5, 0.4);
  PopulationSpec loose = sparse;
  loose.spread = 0.2;
  const Eigen::MatrixXd anchor = InitialPopulationPositions(loose, actor, 1);
  Eigen::MatrixXd xs = anchor, xd = anchor, work(size, 5);
  for (int t = 0; t < 200; ++t) {
    StepPopulation(sparse, anchor, xs, work, actor);
    StepPopulation(dense, anchor, xd, work, actor);
  }
  // The two products sum the same terms in different orders: equal to rounding.
  EXPECT_LT((xs - xd).cwiseAbs().maxCoeff(), 1e-13);
}

TEST(Population, StorageIsChosenBySizeAndDensity) {
  EXPECT_EQ(ChooseStorage(100, 100 * 30), InfluenceStorage::kDense);
  EXPECT_EQ(ChooseStorage(100, 100 * 5), InfluenceStorage::kSparse);
  EXPECT_EQ(ChooseStorage(10000, 10000LL * 5000), InfluenceStorage::kSparse);  // too big for dense
  const Network net = SmallWorldNetwork(1000, 20, 0.1, 1);
  EXPECT_TRUE(Spec(1000, net, InfluenceStorage::kAuto).IsSparse());  // 2% full
}

TEST(Population, FeedbackMovesTheActorTowardItsAgentsMean) {
  const Network net = SmallWorldNetwork(50, 4, 0.0, 1);
  PopulationSpec p = Spec(50, net, InfluenceStorage::kSparse);
  p.feedback = 0.3;
  p.spread = 0.0;
  Eigen::MatrixXd anchor = Eigen::MatrixXd::Constant(50, 2, 0.8);
  Eigen::MatrixXd x = anchor, work(50, 2);
  Eigen::RowVectorXd actor(2);
  actor << 0.2, 0.5;
  const Eigen::RowVectorXd before = actor;
  StepPopulation(p, anchor, x, work, actor);
  // Every agent: λ((1−β)·0.8 + β·a) + (1−λ)·0.8; the actor: (1−φ)a + φ·that.
  for (int d = 0; d < 2; ++d) {
    const double agent = 0.7 * (0.75 * 0.8 + 0.25 * before(d)) + 0.3 * 0.8;
    EXPECT_NEAR(x(0, d), agent, 1e-15);
    EXPECT_NEAR(actor(d), 0.7 * before(d) + 0.3 * agent, 1e-15);
  }
}

TEST(Population, RunsInsideAReplicateAndKeepsTheInvariants) {
  auto world = testing::MakeWorld(3, 2, 40);
  for (int i = 0; i < 3; ++i) world->actors[i].position << 0.1 + 0.4 * i, 0.9 - 0.3 * i;
  world->initial.affinity.setConstant(0.5);
  world->params.influence.noise = 0.02;
  PopulationSpec p;
  p.id = "communities";
  p.actor = 2;
  p.size = 2000;
  p.feedback = 0.05;
  p.spread = 0.2;
  SetWeights(p, ScaleFreeNetwork(2000, 4, 9));
  world->populations.push_back(p);
  Freeze(*world);
  ASSERT_EQ(world->initial.population_position.size(), 1u);
  // The last state, through a recorder that keeps it.
  struct Last final : Recorder {
    State state;
    void OnState(int, const State& s) override { state = s; }
    void OnEvent(const EventRecord&) override {}
    void OnAction(const ActionRecord&) override {}
  } a, b;
  SimulateReplicate(*world, ReplicateId{7, 0, 0}, a);
  SimulateReplicate(*world, ReplicateId{7, 0, 0}, b);
  EXPECT_EQ(CheckInvariants(a.state), "");
  EXPECT_EQ(a.state.population_position[0], b.state.population_position[0]);  // same seed, same bits
  // The agents moved off their initial positions toward their actor.
  const Eigen::RowVectorXd start_mean = world->population_anchors[0].colwise().mean();
  const Eigen::RowVectorXd end_mean = a.state.population_position[0].colwise().mean();
  EXPECT_GT((end_mean - start_mean).cwiseAbs().maxCoeff(), 1e-3);
}

}  // namespace
}  // namespace diplosim
