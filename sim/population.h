#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <memory>
#include <string>
#include <string_view>

#include "sim/dimension.h"
#include "sim/mechanism.h"
#include "sim/network.h"

namespace diplosim {

struct World;
struct State;

// How a population's listening matrix is stored. Both give the same positions
// (to rounding: the products sum in different orders).
enum class InfluenceStorage { kAuto, kDense, kSparse };

// A large group of agents attached to one actor (communities, armed units, a
// constituency): each agent holds a position on every dimension and updates it
// by Friedkin–Johnsen averaging over its network neighbours and its actor
// (docs/model.md, "Populations"):
//
//   x_k ← λ [(1 − β) Σ_j W_kj x_j + β x_a] + (1 − λ) u_k
//
// with W the network's row-stochastic matrix, x_a the actor's current position,
// u_k the agent's initial position. With feedback φ > 0 the actor in turn
// moves toward its population's mean: x_a ← (1 − φ) x_a + φ mean_k x_k.
// A population's row-stochastic listening matrix in the chosen storage. It
// never changes once built, so worlds share it (a sweep's points share their
// base scenario's instead of each building a copy).
struct ListeningMatrix {
  // Exactly one of the two is used.
  Eigen::SparseMatrix<double, Eigen::RowMajor> sparse;
  Eigen::MatrixXd dense;
  long long links = 0;  // directed links of the network it was built from (duplicates counted)
  bool IsSparse() const { return dense.size() == 0; }
};

struct PopulationSpec {
  std::string id;
  int actor = -1;               // the actor the population is attached to
  int size = 0;                 // number of agents
  double susceptibility = 0.5;  // λ
  double actor_pull = 0.2;      // β
  double feedback = 0.0;        // φ
  double spread = 0.1;          // sd of initial positions around the actor's (clipped to [0, 1])
  std::uint64_t seed = 1;       // initial positions (the network has its own)
  InfluenceStorage storage = InfluenceStorage::kAuto;
  std::string network_description;  // e.g. "small world, degree 20, rewire 0.1"

  std::shared_ptr<const ListeningMatrix> weights;  // W, from the network
  bool IsSparse() const { return weights->IsSparse(); }

  bool IsValid(std::string* why) const;
};

// Dense storage when the matrix is small and not sparse; otherwise sparse.
InfluenceStorage ChooseStorage(int size, long long non_zeros);

// The network's listening matrix in the storage chosen (auto: by ChooseStorage).
std::shared_ptr<const ListeningMatrix> MakeListeningMatrix(const Network& network, InfluenceStorage storage);

// Sets the population's weights from the network, in its storage.
void SetWeights(PopulationSpec& population, const Network& network);

// Mean and (population) standard deviation of the agents' positions on
// dimension j, in the dimension's natural units: the mean maps like a
// position, the spread scales by the range's width.
struct PopulationMoments {
  double mean = 0.0;
  double sd = 0.0;
};
PopulationMoments MomentsOf(const Eigen::MatrixXd& agent_positions, int j, const Dimension& dimension);

// Initial agent positions: the actor's position plus spread·N(0,1), clipped.
Eigen::MatrixXd InitialPopulationPositions(const PopulationSpec& population, const Eigen::RowVectorXd& actor_position,
                                           std::size_t index);

class PopulationMechanism final : public Mechanism {
 public:
  std::string_view Name() const override { return "populations"; }
  void Step(StepContext& ctx) const override;
};

// A row of the actors' position matrix (column-major, hence the stride).
using ActorRow = Eigen::Ref<Eigen::RowVectorXd, 0, Eigen::InnerStride<>>;

// One population's update (exposed for tests and benchmarks).
void StepPopulation(const PopulationSpec& p, const Eigen::MatrixXd& anchor, Eigen::MatrixXd& positions,
                    Eigen::MatrixXd& work, ActorRow actor_position);

}  // namespace diplosim
