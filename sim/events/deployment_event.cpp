#include "sim/events/deployment_event.h"

#include "sim/effects.h"
#include "sim/state.h"

namespace diplosim {

void DeploymentEvent::Apply(StepContext& ctx) const {
  State& s = ctx.state;
  double moved = 0.0;
  for (int j : to_) {
    if (withdraw_) {
      const double cut = amount_ < 0.0 ? s.support_base(actor_, j) : amount_;
      moved += std::min(cut, s.support_base(actor_, j));
      AddSupport(s, actor_, j, -(amount_ < 0.0 ? s.support(actor_, j) : amount_), false);
      s.support_base(actor_, j) = std::max(0.0, s.support_base(actor_, j) - cut);
    } else {
      AddSupport(s, actor_, j, amount_, true);
      moved += amount_;
    }
  }
  for (int e : against_) AddHostility(s, actor_, e, hostility_);
  ctx.LogEvent(header().type, header().name, actors_, withdraw_ ? "withdrawn" : "deployed", moved);
}

}  // namespace diplosim
