#pragma once

#include <Eigen/Dense>
#include <memory>
#include <vector>

#include "sim/recorder.h"
#include "sim/rng.h"
#include "sim/world.h"

namespace diplosim::testing {

// A recorder that keeps nothing: for driving mechanisms directly.
class NullRecorder final : public Recorder {
 public:
  void OnState(int, const State&) override {}
  void OnEvent(const EventRecord& e) override { events.push_back(e); }
  void OnAction(const ActionRecord& a) override { actions.push_back(a); }
  std::vector<EventRecord> events;
  std::vector<ActionRecord> actions;
};

// A world of n actors and d dimensions with uniform salience, unit capability,
// no relations, a calendar of `days` daily steps, and the default parameters.
// Callers adjust fields, then call Freeze.
inline std::unique_ptr<World> MakeWorld(int n, int d, int days = 30) {
  auto w = std::make_unique<World>();
  w->calendar = Calendar{Date::Parse("2020-01-01").value(), Date::Parse("2020-01-01").value() + days, 1};
  for (int k = 0; k < d; ++k) w->dimensions.push_back(Dimension{"d" + std::to_string(k), "", "low", "high", 0.0, 1.0});
  for (int i = 0; i < n; ++i) {
    ActorSpec a;
    a.id = "a" + std::to_string(i);
    a.name = a.id;
    a.capability = Eigen::Vector3d(1.0, 1.0, 1.0);
    a.position = Eigen::VectorXd::Constant(d, 0.5);
    a.salience = Eigen::VectorXd::Constant(d, 1.0 / d);
    w->actors.push_back(a);
  }
  w->initial.affinity.setZero(n, n);
  w->initial.dependency.setZero(n, n);
  w->initial.hostility.setZero(n, n);
  return w;
}

// A random row-stochastic n×n matrix with a positive diagonal.
inline Eigen::MatrixXd RandomStochastic(int n, Rng& rng) {
  Eigen::MatrixXd w(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) w(i, j) = rng.Uniform() + (i == j ? 0.1 : 0.0);
  for (int i = 0; i < n; ++i) w.row(i) /= w.row(i).sum();
  return w;
}

}  // namespace diplosim::testing
