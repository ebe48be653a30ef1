#include "sim/influence.h"

#include <gtest/gtest.h>

#include "sim/world.h"
#include "tests/support/test_world.h"

namespace diplosim {
namespace {

using testing::MakeWorld;
using testing::NullRecorder;
using testing::RandomStochastic;

// Iterates the influence mechanism until positions stop moving.
void RunToFixedPoint(const World& world, State& state, int max_steps = 100000, double tol = 1e-14) {
  NullRecorder recorder;
  StepContext ctx{world, state, recorder, StreamKey{1, 0, 0}, 0, 0, world.calendar.start};
  InfluenceMechanism mechanism;
  for (int k = 0; k < max_steps; ++k) {
    const Eigen::MatrixXd before = state.position;
    ctx.step = k;
    mechanism.Step(ctx);
    if ((state.position - before).cwiseAbs().maxCoeff() < tol) return;
  }
  FAIL() << "no convergence";
}

// Friedkin–Johnsen's fixed point x* = (I − ΛW)⁻¹ (I − Λ) u, per dimension,
// computed independently with a dense LU solve; 120 random cases.
TEST(FriedkinJohnsen, FixedPointEqualsClosedFormForRandomCases) {
  Rng rng(StreamKey{2024, 0, 0, StreamPurpose::kInitial, 0});
  for (int c = 0; c < 120; ++c) {
    const int n = 2 + static_cast<int>(rng.Uniform() * 9);
    const int d = 1 + static_cast<int>(rng.Uniform() * 3);
    auto world = MakeWorld(n, d);
    world->params.influence.explicit_weights = RandomStochastic(n, rng);
    world->params.influence.salience_modulation = 0.0;
    for (int i = 0; i < n; ++i) {
      world->actors[i].susceptibility = 0.95 * rng.Uniform();  // λ < 1 makes ρ(ΛW) < 1
      for (int k = 0; k < d; ++k) world->actors[i].position(k) = rng.Uniform();
    }
    Freeze(*world);
    State state = world->initial;
    RunToFixedPoint(*world, state);

    const Eigen::MatrixXd& W = world->params.influence.explicit_weights;
    Eigen::VectorXd lambda(n);
    for (int i = 0; i < n; ++i) lambda(i) = world->actors[i].susceptibility;
    const Eigen::MatrixXd L = lambda.asDiagonal();
    const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(n, n);
    for (int k = 0; k < d; ++k) {
      Eigen::VectorXd u(n);
      for (int i = 0; i < n; ++i) u(i) = world->actors[i].position(k);
      const Eigen::VectorXd expected = (I - L * W).partialPivLu().solve((I - L) * u);
      for (int i = 0; i < n; ++i)
        EXPECT_NEAR(state.position(i, k), expected(i), 1e-9) << "case " << c << " actor " << i << " dim " << k;
    }
  }
}

// The published reference case (Friedkin & Johnsen 1999; Parsegov et al. 2017).
TEST(FriedkinJohnsen, ReproducesPublishedFourActorCase) {
  auto world = MakeWorld(4, 1);
  Eigen::MatrixXd W(4, 4);
  W << .220, .120, .360, .300, .147, .215, .344, .294, 0, 0, 1, 0, .090, .178, .446, .286;
  world->params.influence.explicit_weights = W;
  world->params.influence.salience_modulation = 0.0;
  const double u[4] = {.25, .25, .75, .85};
  for (int i = 0; i < 4; ++i) {
    world->actors[i].susceptibility = 1.0 - W(i, i);
    world->actors[i].position(0) = u[i];
  }
  Freeze(*world);
  State state = world->initial;
  RunToFixedPoint(*world, state);
  // Published to two decimals on the 0–100 scale: (60.02, 59.98, 75, 74.99).
  EXPECT_NEAR(state.position(0, 0), 0.6002, 1e-4);
  EXPECT_NEAR(state.position(1, 0), 0.5998, 1e-4);
  EXPECT_NEAR(state.position(2, 0), 0.75, 1e-12);
  EXPECT_NEAR(state.position(3, 0), 0.7499, 1e-4);
}

// DeGroot (Λ = I): consensus on π·x(0), π the stationary distribution of W
// (left eigenvector for eigenvalue 1), computed independently by Eigen's eigensolver.
TEST(DeGroot, ConsensusEqualsStationaryWeightedMean) {
  Rng rng(StreamKey{7, 0, 0, StreamPurpose::kInitial, 0});
  for (int c = 0; c < 20; ++c) {
    const int n = 3 + c % 5;
    auto world = MakeWorld(n, 1);
    world->params.influence.explicit_weights = RandomStochastic(n, rng);
    world->params.influence.salience_modulation = 0.0;
    for (int i = 0; i < n; ++i) {
      world->actors[i].susceptibility = 1.0;
      world->actors[i].position(0) = rng.Uniform();
    }
    Freeze(*world);
    State state = world->initial;
    RunToFixedPoint(*world, state);
    Eigen::EigenSolver<Eigen::MatrixXd> es(world->params.influence.explicit_weights.transpose());
    int best = 0;
    for (int k = 1; k < n; ++k)
      if (std::abs(es.eigenvalues()(k) - 1.0) < std::abs(es.eigenvalues()(best) - 1.0)) best = k;
    Eigen::VectorXd pi = es.eigenvectors().col(best).real();
    pi /= pi.sum();
    const double consensus = pi.dot(world->initial.position.col(0));
    for (int i = 0; i < n; ++i) EXPECT_NEAR(state.position(i, 0), consensus, 1e-9);
  }
}

// Rebuilt W is row-stochastic with the configured self-weight, and FJ keeps
// positions in [0, 1], for random capabilities, dependencies and affinities.
TEST(Influence, RebuiltWeightsAreRowStochasticAndPositionsStayInRange) {
  Rng rng(StreamKey{99, 0, 0, StreamPurpose::kInitial, 0});
  for (int c = 0; c < 200; ++c) {
    const int n = 2 + static_cast<int>(rng.Uniform() * 15);
    const int d = 1 + static_cast<int>(rng.Uniform() * 5);
    auto world = MakeWorld(n, d);
    world->params.influence.noise = 0.05 * rng.Uniform();
    world->params.influence.self_weight = rng.Uniform();
    for (int i = 0; i < n; ++i) {
      ActorSpec& a = world->actors[i];
      a.capability = Eigen::Vector3d(rng.Uniform(), rng.Uniform(), rng.Uniform()) * (c % 7 == 0 ? 0.0 : 3.0);
      a.susceptibility = rng.Uniform();
      if (rng.Uniform() < 0.3) a.confidence_bound = rng.Uniform() * 0.5 + 0.01;
      Eigen::VectorXd s(d);
      for (int k = 0; k < d; ++k) {
        a.position(k) = rng.Uniform();
        s(k) = rng.Uniform() + 1e-3;
      }
      a.salience = s / s.sum();
      for (int j = 0; j < n; ++j) {
        world->initial.affinity(i, j) = 2.0 * rng.Uniform() - 1.0;
        world->initial.dependency(i, j) = rng.Uniform() < 0.5 ? 0.0 : rng.Uniform();
      }
    }
    Freeze(*world);
    State state = world->initial;
    NullRecorder recorder;
    StepContext ctx{*world, state, recorder, StreamKey{5, 0, static_cast<std::uint64_t>(c)}, c, 0,
                    world->calendar.start};
    InfluenceMechanism mechanism;
    for (int k = 0; k < 20; ++k) {
      ctx.step = k;
      mechanism.Step(ctx);
      for (int i = 0; i < n; ++i) {
        ASSERT_NEAR(state.influence.row(i).sum(), 1.0, 1e-12) << "case " << c;
        ASSERT_GE(state.influence.row(i).minCoeff(), 0.0);
      }
      ASSERT_GE(state.position.minCoeff(), 0.0);
      ASSERT_LE(state.position.maxCoeff(), 1.0);
      ASSERT_TRUE(state.position.allFinite());
    }
  }
}

// The rebuild formula on a hand-checked three-actor case:
// r_ij = ĉ_j (α_D Dp_ij + α_A max(A_ij, 0)), W_ij = (1 − w) r_ij / Σ_k r_ik.
TEST(Influence, RebuildMatchesHandComputation) {
  auto world = MakeWorld(3, 1);
  world->actors[0].capability = Eigen::Vector3d(2, 0, 0);  // c = 0.5·2 = 1.0
  world->actors[1].capability = Eigen::Vector3d(1, 0, 0);  // c = 0.5
  world->actors[2].capability = Eigen::Vector3d(0, 2, 0);  // c = 0.25·2 = 0.5
  world->initial.dependency(0, 1) = 0.4;
  world->initial.affinity(0, 2) = 0.6;
  world->initial.affinity(0, 1) = -0.9;  // negative affinity gives no weight
  world->params.influence.self_weight = 0.5;
  world->actors[1].self_weight = 0.8;
  Freeze(*world);
  const State& s = world->initial;
  // ĉ = (1, 0.5, 0.5); r_01 = 0.5·0.4 = 0.2, r_02 = 0.5·0.6 = 0.3.
  EXPECT_NEAR(s.influence(0, 0), 0.5, 1e-15);
  EXPECT_NEAR(s.influence(0, 1), 0.5 * 0.2 / 0.5, 1e-15);
  EXPECT_NEAR(s.influence(0, 2), 0.5 * 0.3 / 0.5, 1e-15);
  // Actor 1 has nobody to listen to: it keeps its own position.
  EXPECT_EQ(s.influence(1, 1), 1.0);
  EXPECT_EQ(s.influence(1, 0), 0.0);
}

// L_id = λ_i (1 − S_id)^σ.
TEST(Influence, SalienceModulatedSusceptibility) {
  auto world = MakeWorld(2, 2);
  world->actors[0].susceptibility = 0.8;
  world->actors[0].salience = Eigen::Vector2d(0.75, 0.25);
  world->params.influence.salience_modulation = 2.0;
  Freeze(*world);
  EXPECT_NEAR(world->initial.effective_susceptibility(0, 0), 0.8 * 0.25 * 0.25, 1e-15);
  EXPECT_NEAR(world->initial.effective_susceptibility(0, 1), 0.8 * 0.75 * 0.75, 1e-15);
}

// Bounded confidence: i ignores j beyond ε_i (salience-weighted distance).
TEST(Influence, BoundedConfidenceIgnoresDistantActors) {
  auto world = MakeWorld(3, 1);
  world->actors[0].position(0) = 0.1;
  world->actors[1].position(0) = 0.2;
  world->actors[2].position(0) = 0.9;
  world->actors[0].confidence_bound = 0.3;
  world->initial.affinity.setConstant(0.5);
  Freeze(*world);
  EXPECT_GT(world->initial.influence(0, 1), 0.0);
  EXPECT_EQ(world->initial.influence(0, 2), 0.0);
  EXPECT_GT(world->initial.influence(1, 2), 0.0);  // actor 1 has no bound
}

TEST(InfluenceParams, IsValidNamesTheViolatedConstraint) {
  InfluenceParams p;
  std::string why;
  EXPECT_TRUE(p.IsValid(&why));
  p.self_weight = 1.5;
  EXPECT_FALSE(p.IsValid(&why));
  EXPECT_NE(why.find("self_weight"), std::string::npos);
  p = InfluenceParams{};
  p.explicit_weights = Eigen::MatrixXd::Constant(2, 2, 0.3);
  EXPECT_FALSE(p.IsValid(&why));
  EXPECT_NE(why.find("sum to 1"), std::string::npos);
}

}  // namespace
}  // namespace diplosim
