#include "sim/events/trigger_event.h"

#include "sim/effects.h"
#include "sim/state.h"
#include "sim/world.h"

namespace diplosim {

double TriggerCondition::Value(const State& s) const {
  switch (kind) {
    case Kind::kDivergence: return Divergence(s, a, b, dims);
    case Kind::kValue: return ReadTarget(s, target);
    case Kind::kViolations: return s.ceasefires[ceasefire].violations;
    case Kind::kCollapsed: return s.ceasefires[ceasefire].status == State::CeasefireStatus::kCollapsed ? 1.0 : 0.0;
  }
  return 0.0;
}

bool TriggerCondition::Holds(const State& s) const {
  const double v = Value(s);
  return v > above && v < below;
}

void TriggerEvent::Check(StepContext& ctx) const {
  if (ctx.date < header().date || ctx.date > until_) return;
  if (ctx.state.triggers_fired[index_] && !repeat_) return;
  if (!condition_.Holds(ctx.state)) return;
  Apply(ctx);
}

void TriggerEvent::Apply(StepContext& ctx) const {
  ctx.state.triggers_fired[index_] = 1;
  const double v = condition_.Value(ctx.state);
  const int d = condition_.natural_dimension;
  ctx.LogEvent(header().type, header().name, "", "fired", d >= 0 ? ctx.world.dimensions[d].ToNatural(v) : v);
  for (const auto& e : then_) e->Apply(ctx);
}

}  // namespace diplosim
