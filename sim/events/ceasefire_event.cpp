#include "sim/events/ceasefire_event.h"

#include "sim/conflict.h"
#include "sim/effects.h"
#include "sim/world.h"

namespace diplosim {

void CeasefireEvent::Apply(StepContext& ctx) const {
  State::Ceasefire& cf = ctx.state.ceasefires[index_];
  const char* outcome = "in force";
  switch (cf.status) {
    case State::CeasefireStatus::kPending: {
      cf.status = State::CeasefireStatus::kInForce;
      const CeasefireSpec& spec = ctx.world.ceasefires[index_];
      if (spec.excluded_hostility > 0.0)
        for (int i : spec.parties)
          for (int x : spec.excluded) AddHostility(ctx.state, i, x, spec.excluded_hostility);
      break;
    }
    case State::CeasefireStatus::kCollapsed:
      // Declared again after a collapse (a repeating trigger's): the parties renew
      // the truce in its declared scope, with no violations counted yet. The
      // exclusions' hostility was added when it first came into force.
      cf = ctx.world.initial.ceasefires[index_];
      cf.status = State::CeasefireStatus::kInForce;
      outcome = "renewed";
      break;
    case State::CeasefireStatus::kInForce:
      outcome = "already in force";
      break;
  }
  UpdateCoverage(ctx.world, ctx.state);
  ctx.LogEvent(header().type, header().name, actors_, outcome, ctx.state.coverage.sum() / 2.0);
}

}  // namespace diplosim
