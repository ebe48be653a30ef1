#pragma once

#include <Eigen/Dense>
#include <memory>
#include <vector>

#include "sim/bargaining/bargaining_protocol.h"
#include "sim/event.h"

namespace diplosim {

// How participants decide and what an outcome does (docs/model.md, "Negotiation").
struct NegotiationParams {
  double acceptance_slope = 20.0;   // β: logistic slope on the utility gain
  double mediator_weight = 1.0;     // γ: weight of mean affinity toward the mediators
  double acceptance_bias = 0.0;     // α0
  double commitment = 0.3;          // κ: signatories' anchors move this share toward the deal
  double affinity_gain = 0.05;      // mutual affinity among signatories on agreement
  double hostility_cut = 0.3;       // H0 among signatories × (1 − cut) on agreement
  double failure_affinity_loss = 0.03;
  double failure_hostility_raise = 0.1;  // H0 among hostile participants × (1 + raise) on failure
};

// `negotiation`: a bargaining round among participants on agenda dimensions,
// resolved on its last day. Each participant with an actor model first decides
// to attend or boycott; the protocol proposes y; each attendee accepts with
//   p_i = 1 / (1 + exp(−(β (U_i(y) − U_i(q)) + γ Ā_i,med + α0)));
// agreement needs every attending veto player (a boycotting veto player means
// failure) and at least two signatories. Agreement moves signatories' anchors
// toward y, raises their mutual affinity and lowers their hostility targets;
// failure does the opposite among the attendees.
class NegotiationEvent final : public Event {
 public:
  struct Spec {
    std::vector<int> participants;
    std::vector<int> mediators;
    std::vector<int> veto;
    std::vector<int> agenda;          // dimension indices
    Eigen::VectorXd status_quo;       // per agenda dimension, unit scale; empty or NaN = current forecast
    std::shared_ptr<const BargainingProtocol> protocol;
    NegotiationParams params;
    bool record_trace = false;        // log eum rounds and moves in the events table
  };
  NegotiationEvent(Header header, Spec spec) : Event(std::move(header)), spec_(std::move(spec)) {}
  void Apply(StepContext& ctx) const override;
  const Spec& spec() const { return spec_; }

 private:
  Spec spec_;
};

}  // namespace diplosim
