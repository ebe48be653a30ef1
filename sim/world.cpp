#include "sim/world.h"

#include <algorithm>
#include <cassert>

namespace diplosim {

int World::ActorIndex(const std::string& id) const {
  for (int i = 0; i < NumActors(); ++i)
    if (actors[i].id == id) return i;
  return -1;
}

int World::DimensionIndex(const std::string& id) const {
  for (int d = 0; d < NumDimensions(); ++d)
    if (dimensions[d].id == id) return d;
  return -1;
}

void UpdateCapability(const World& world, State& state) {
  state.capability.noalias() = state.capability_components * world.params.capability_weights;
}

void Freeze(World& world) {
  const int n = world.NumActors();
  const int d = world.NumDimensions();
  State& s = world.initial;
  // Relations are filled by the loader (they default to zero); actor rows come from the specs.
  assert(s.affinity.rows() == n && s.dependency.rows() == n && s.hostility.rows() == n);
  s.position.resize(n, d);
  s.salience.resize(n, d);
  s.susceptibility.resize(n);
  s.capability_components.resize(n, kNumCapabilityComponents);
  s.intensity.resize(n, d);
  for (int i = 0; i < n; ++i) {
    const ActorSpec& a = world.actors[i];
    assert(a.position.size() == d && a.salience.size() == d);
    s.position.row(i) = a.position.transpose();
    s.salience.row(i) = a.salience.transpose();
    s.intensity.row(i) = (a.intensity.size() == d ? a.intensity : a.salience).transpose();
    s.susceptibility(i) = a.susceptibility;
    s.capability_components.row(i) = a.capability.transpose();
  }
  s.anchor = s.position;
  s.affinity.diagonal().setOnes();
  s.hostility_base = s.hostility;
  if (s.support.rows() != n) s.support.setZero(n, n);
  s.support_base = s.support;
  s.deference.setZero(n, n);
  s.activity.setZero(n);
  s.military_base = s.capability_components.col(kMilitary);
  s.coverage.setZero(n, n);
  s.ceasefires.clear();
  for (const CeasefireSpec& spec : world.ceasefires) {
    State::Ceasefire cf;
    cf.covered.assign(n, 0);
    for (int i : spec.parties) cf.covered[i] = 1;
    for (int i : spec.guarantors) cf.covered[i] = 1;
    for (int i : spec.excluded) cf.covered[i] = 0;
    for (int i = 0; i < n; ++i)
      if (world.actors[i].Flag("designated")) cf.covered[i] = 0;
    s.ceasefires.push_back(std::move(cf));
  }
  s.triggers_fired.assign(world.triggers.size(), 0);
  world.decision_models.resize(n);  // the loader fills the ones with a model
  s.capability.resize(n);
  s.influence.setZero(n, n);
  if (world.params.influence.explicit_weights.size() > 0) s.influence = world.params.influence.explicit_weights;
  s.effective_susceptibility.setZero(n, d);
  s.work_nn.setZero(n, n);
  s.work_nd.setZero(n, d);
  s.work_n.setZero(n);
  s.work_n2.setZero(n);
  s.work_n3.setZero(n);
  s.population_position.clear();
  s.population_work.clear();
  world.population_anchors.clear();
  for (std::size_t i = 0; i < world.populations.size(); ++i) {
    const PopulationSpec& p = world.populations[i];
    world.population_anchors.push_back(InitialPopulationPositions(p, s.position.row(p.actor), i));
    s.population_position.push_back(world.population_anchors.back());
    s.population_work.emplace_back(Eigen::MatrixXd::Zero(p.size, d));
  }

  std::stable_sort(world.events.begin(), world.events.end(), [](const auto& a, const auto& b) {
    const auto& x = a->header();
    const auto& y = b->header();
    if (x.date != y.date) return x.date < y.date;
    if (x.priority != y.priority) return x.priority < y.priority;
    return x.sequence < y.sequence;
  });

  world.mechanisms.clear();
  world.mechanisms.push_back(std::make_unique<InfluenceMechanism>());
  if (!world.populations.empty()) world.mechanisms.push_back(std::make_unique<PopulationMechanism>());
  if (world.params.affinity.enabled) world.mechanisms.push_back(std::make_unique<AffinityMechanism>());
  if (world.params.conflict.enabled) world.mechanisms.push_back(std::make_unique<ConflictMechanism>());

  UpdateCapability(world, s);
  RebuildInfluence(world, s);
}

}  // namespace diplosim
