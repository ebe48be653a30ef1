#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "sim/recorder.h"

namespace diplosim {

struct World;

// A named indicator a sweep summarises for each point (docs/sweeps.md).
struct OutcomeSpec {
  enum class Kind {
    kForecast,        // clout-weighted mean position on `dimension` (natural units)
    kPosition,        // actor a's position on `dimension` (natural units)
    kDivergence,      // salience-weighted divergence of a and b over `dims` (all if empty)
    kAffinity,        // A_ab
    kHostility,       // H_ab
    kCapability,      // c_a
    kAgreement,       // 1 if `negotiation` reached an agreement (at any meeting), else 0
    kCeasefireHolds,  // 1 if ceasefire `ceasefire` is in force, else 0
    kTriggerFired,    // 1 if trigger `trigger` has fired (at least once) by then, else 0
    kPopulationMean,  // mean agent position of `population` on `dimension` (natural units)
    kPopulationStd,   // their standard deviation (natural units)
  };
  std::string name;
  Kind kind = Kind::kForecast;
  int a = -1, b = -1;
  int dimension = -1;
  Eigen::VectorXi dims;
  std::string negotiation;
  int ceasefire = -1;
  int trigger = -1;  // into World::triggers
  int population = -1;
  int step = -1;  // time index 0 … NumSteps(); −1 = the end
};

// Captures the outcomes of one replicate as it runs: state-based outcomes at
// their time index, agreements from the events. Optionally keeps the forecast
// at every time point (for median trajectories).
class OutcomeRecorder final : public Recorder {
 public:
  OutcomeRecorder(const World& world, const std::vector<OutcomeSpec>& outcomes, bool keep_forecast);
  void Reset();
  void OnState(int k, const State& state) override;
  void OnEvent(const EventRecord& record) override;
  void OnAction(const ActionRecord&) override {}
  // Only a negotiation's own row, and only when an outcome asks whether it agreed.
  bool WantsEvent(std::string_view type) const override { return wants_negotiations_ && type == "negotiation"; }
  bool WantsActions() const override { return false; }

  const Eigen::VectorXd& values() const { return values_; }
  // (NumSteps + 1) × D forecast, natural units (empty unless keep_forecast).
  const Eigen::MatrixXd& forecast() const { return forecast_; }

 private:
  const World& world_;
  const std::vector<OutcomeSpec>& outcomes_;
  bool keep_forecast_;
  int num_steps_;
  Eigen::VectorXd values_;
  Eigen::MatrixXd forecast_;
  Eigen::VectorXd work_;
  bool wants_negotiations_ = false;  // some outcome is an agreement
};

}  // namespace diplosim
