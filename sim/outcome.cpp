#include "sim/outcome.h"

#include "sim/effects.h"
#include "sim/forecast.h"
#include "sim/world.h"

namespace diplosim {

OutcomeRecorder::OutcomeRecorder(const World& world, const std::vector<OutcomeSpec>& outcomes, bool keep_forecast)
    : world_(world), outcomes_(outcomes), keep_forecast_(keep_forecast), num_steps_(world.calendar.NumSteps()) {
  values_.setZero(static_cast<int>(outcomes.size()));
  if (keep_forecast_) forecast_.setZero(num_steps_ + 1, world.NumDimensions());
  work_.resize(world.NumDimensions());
  for (const OutcomeSpec& o : outcomes_) wants_negotiations_ |= o.kind == OutcomeSpec::Kind::kAgreement;
}

void OutcomeRecorder::Reset() { values_.setZero(); }

void OutcomeRecorder::OnState(int k, const State& s) {
  // The forecast is computed at most once per step, and only when needed.
  bool forecast_ready = false;
  auto forecast = [&]() -> const Eigen::VectorXd& {
    if (!forecast_ready) {
      ComputeForecast(s, work_);
      for (int d = 0; d < work_.size(); ++d) work_(d) = world_.dimensions[d].ToNatural(work_(d));
      forecast_ready = true;
    }
    return work_;
  };
  if (keep_forecast_) forecast_.row(k) = forecast().transpose();
  for (std::size_t o = 0; o < outcomes_.size(); ++o) {
    const OutcomeSpec& spec = outcomes_[o];
    const int at = spec.step < 0 ? num_steps_ : spec.step;
    if (at != k) continue;
    double v = 0.0;
    switch (spec.kind) {
      case OutcomeSpec::Kind::kForecast: v = forecast()(spec.dimension); break;
      case OutcomeSpec::Kind::kPosition:
        v = world_.dimensions[spec.dimension].ToNatural(s.position(spec.a, spec.dimension));
        break;
      case OutcomeSpec::Kind::kDivergence: v = Divergence(s, spec.a, spec.b, spec.dims); break;
      case OutcomeSpec::Kind::kAffinity: v = s.affinity(spec.a, spec.b); break;
      case OutcomeSpec::Kind::kHostility: v = s.hostility(spec.a, spec.b); break;
      case OutcomeSpec::Kind::kCapability: v = s.capability(spec.a); break;
      case OutcomeSpec::Kind::kCeasefireHolds:
        v = s.ceasefires[spec.ceasefire].status == State::CeasefireStatus::kInForce ? 1.0 : 0.0;
        break;
      case OutcomeSpec::Kind::kTriggerFired:
        v = s.triggers_fired[spec.trigger] ? 1.0 : 0.0;
        break;
      case OutcomeSpec::Kind::kPopulationMean:
      case OutcomeSpec::Kind::kPopulationStd: {
        const PopulationMoments m =
            MomentsOf(s.population_position[spec.population], spec.dimension, world_.dimensions[spec.dimension]);
        v = spec.kind == OutcomeSpec::Kind::kPopulationMean ? m.mean : m.sd;
        break;
      }
      case OutcomeSpec::Kind::kAgreement: continue;  // set from the events
    }
    values_(static_cast<int>(o)) = v;
  }
}

void OutcomeRecorder::OnEvent(const EventRecord& e) {
  if (e.type != "negotiation") return;
  for (std::size_t o = 0; o < outcomes_.size(); ++o)
    if (outcomes_[o].kind == OutcomeSpec::Kind::kAgreement && outcomes_[o].negotiation == e.name)
      if (e.outcome == "agreement")
        values_(static_cast<int>(o)) = 1.0;  // a later failed meeting (a trigger's) does not undo it
}

}  // namespace diplosim
