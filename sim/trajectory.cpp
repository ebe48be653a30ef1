#include "sim/trajectory.h"

#include <cassert>
#include <cmath>

#include "sim/forecast.h"
#include "sim/state.h"
#include "sim/world.h"

namespace diplosim {

namespace {
using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
}  // namespace

Trajectory::Trajectory(const World& world, const RecordSpec& spec) : world_(world), spec_(spec) {
  num_steps_ = world.calendar.NumSteps();
  time_indices_ = spec.TimeIndices(num_steps_);
  slot_of_step_.assign(num_steps_ + 1, -1);
  for (std::size_t t = 0; t < time_indices_.size(); ++t) slot_of_step_[time_indices_[t]] = static_cast<int>(t);
  // Buffers are sized by Reset: a run's slots that only lend a worker's buffers never need their own.
  forecast_.resize(world.NumDimensions());
  final_forecast_.resize(world.NumDimensions());
}

std::size_t Trajectory::RecordedBytes() const {
  std::size_t bytes = 0;
  for (const auto& info : AllVariables())
    if (spec_.Has(info.variable)) bytes += time_indices_.size() * SliceSize(info.variable) * sizeof(double);
  return bytes;
}

std::size_t SliceValues(const World& world, VariableShape shape) {
  const std::size_t n = world.actors.size();
  const std::size_t d = world.dimensions.size();
  switch (shape) {
    case VariableShape::kActorDimension: return n * d;
    case VariableShape::kActor: return n;
    case VariableShape::kActorActor: return n * n;
    case VariableShape::kDimension: return d;
    case VariableShape::kCeasefire: return world.ceasefires.size();
    case VariableShape::kPopulationDimension: return world.populations.size() * d;
  }
  return 0;
}

std::size_t Trajectory::SliceSize(Variable v) const { return SliceValues(world_, Info(v).shape); }

void Trajectory::SizeBuffers() {
  for (const auto& info : AllVariables()) {
    auto& values = data_[static_cast<int>(info.variable)];
    const std::size_t size = time_indices_.size() * SliceSize(info.variable);
    if (spec_.Has(info.variable) && values.size() != size) values.assign(size, 0.0);
  }
}

void Trajectory::Reset(int replicate) {
  replicate_ = replicate;
  SizeBuffers();
  events_.clear();
  actions_.clear();
  encoded_.clear();
}

void Trajectory::OnState(int k, const State& s) {
  const int slot = slot_of_step_[k];
  const bool last = k == num_steps_;
  if (slot < 0 && !last) return;
  const int n = s.NumActors();
  const int d = s.NumDimensions();
  const bool need_forecast = last || spec_.Has(Variable::kForecast);
  if (need_forecast) {
    ComputeForecast(s, forecast_);
    for (int j = 0; j < d; ++j) forecast_(j) = world_.dimensions[j].ToNatural(forecast_(j));
    if (last) final_forecast_ = forecast_;
  }
  if (last) {
    final_ceasefires_.resize(s.ceasefires.size());
    for (std::size_t c = 0; c < s.ceasefires.size(); ++c) final_ceasefires_[c] = static_cast<int>(s.ceasefires[c].status);
  }
  if (slot < 0) return;

  for (const auto& info : AllVariables()) {
    if (!spec_.Has(info.variable)) continue;
    assert(data_[static_cast<int>(info.variable)].size() == time_indices_.size() * SliceSize(info.variable) &&
           "Reset sizes the buffers before a replicate is recorded");
    double* out = data_[static_cast<int>(info.variable)].data() + slot * SliceSize(info.variable);
    switch (info.variable) {
      case Variable::kPosition:
      case Variable::kAnchor: {
        const Eigen::MatrixXd& m = info.variable == Variable::kPosition ? s.position : s.anchor;
        Eigen::Map<RowMajor> dst(out, n, d);
        for (int j = 0; j < d; ++j) {
          const Dimension& dim = world_.dimensions[j];
          dst.col(j) = (m.col(j).array() * (dim.high - dim.low) + dim.low).matrix();
        }
        break;
      }
      case Variable::kSalience: Eigen::Map<RowMajor>(out, n, d) = s.salience; break;
      case Variable::kCapability: Eigen::Map<Eigen::VectorXd>(out, n) = s.capability; break;
      case Variable::kAffinity: Eigen::Map<RowMajor>(out, n, n) = s.affinity; break;
      case Variable::kDependency: Eigen::Map<RowMajor>(out, n, n) = s.dependency; break;
      case Variable::kInfluence: Eigen::Map<RowMajor>(out, n, n) = s.influence; break;
      case Variable::kHostility: Eigen::Map<RowMajor>(out, n, n) = s.hostility; break;
      case Variable::kSupport: Eigen::Map<RowMajor>(out, n, n) = s.support; break;
      case Variable::kCeasefire:
        for (std::size_t c = 0; c < s.ceasefires.size(); ++c) out[c] = static_cast<double>(s.ceasefires[c].status);
        break;
      case Variable::kForecast: Eigen::Map<Eigen::VectorXd>(out, d) = forecast_; break;
      case Variable::kPopulationMean:
      case Variable::kPopulationStd: {
        const bool mean = info.variable == Variable::kPopulationMean;
        for (std::size_t p = 0; p < s.population_position.size(); ++p)
          for (int j = 0; j < d; ++j) {
            const PopulationMoments m = MomentsOf(s.population_position[p], j, world_.dimensions[j]);
            out[p * d + j] = mean ? m.mean : m.sd;
          }
        break;
      }
      case Variable::kCount: break;
    }
  }
}

}  // namespace diplosim
