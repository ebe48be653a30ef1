// armed_opposition: a rebel faction (e.g. Jaysh al-Islam, Ahrar al-Sham, southern FSA groups).
#include <algorithm>
#include <cmath>

#include "actors/menu_model.h"
#include "sim/effects.h"
#include "sim/world.h"

namespace diplosim {

namespace {

enum Action { kWait = 0, kViolate, kComply, kDrift };

std::vector<ParameterSpec> Specs() {
  std::vector<ParameterSpec> p = CommonMenuParameters();
  p.insert(p.end(), {
      {"violate_gain", 1.0, 0, 100, "weight of hostility × distrust of the guarantors in violate(e)"},
      {"violate_cost", 0.2, 0, 100, "cost of breaking the ceasefire"},
      {"violate_step", 0.05, 0, 1, "hostility added by a violation"},
      {"comply_gain", 0.3, 0, 100, "weight of coverage × trust in the guarantors in comply"},
      {"drift_gain", 1.0, 0, 100, "weight of grievance × closeness in drift(j) toward a designated group"},
      {"drift_cost", 0.25, 0, 100, "cost of drifting toward a designated group"},
      {"drift_affinity", 0.05, 0, 1, "A_sj added by drifting"},
      {"drift_rate", 0.05, 0, 1, "anchors move this share toward the group's positions"},
      {"attend_slope", 3.0, 0, 100, "slope of the attendance logistic"},
      {"attend_bias", 0.0, -100, 100, "bias of the attendance logistic (very negative: boycott)"},
  });
  return p;
}

class ArmedOpposition final : public MenuModel {
 public:
  using MenuModel::MenuModel;
  const char* ActionName(int a) const override {
    static const char* kNames[] = {"wait", "violate", "comply", "drift"};
    return kNames[a];
  }

  // p = 1 / (1 + exp(−(bias + slope (Ā_med + 1 − δ̄_med − 1)))): a faction attends
  // talks when it trusts the mediators and is not far from them.
  double AttendProbability(int self, const StepContext& ctx, const char* mediators) const override {
    const State& s = ctx.state;
    double a = 0.0, d = 0.0;
    int count = 0;
    for (int m = 0; m < s.NumActors(); ++m) {
      if (!mediators[m] || m == self) continue;
      a += s.affinity(self, m);
      d += PerceivedDistance(s, self, m);
      ++count;
    }
    if (count == 0) return 1.0 / (1.0 + std::exp(-P("attend_bias")));
    const double z = P("attend_bias") + P("attend_slope") * (a / count - d / count);
    return 1.0 / (1.0 + std::exp(-z));
  }

 protected:
  // Mean affinity toward the guarantors of ceasefires that cover `self`.
  static double TrustInGuarantors(int self, const StepContext& ctx) {
    const State& s = ctx.state;
    double total = 0.0;
    int count = 0;
    for (std::size_t c = 0; c < s.ceasefires.size(); ++c) {
      if (s.ceasefires[c].status != State::CeasefireStatus::kInForce || !s.ceasefires[c].covered[self]) continue;
      for (int g : ctx.world.ceasefires[c].guarantors)
        if (g != self) {
          total += s.affinity(self, g);
          ++count;
        }
    }
    return count > 0 ? total / count : 0.0;
  }

  void Enumerate(int self, const StepContext& ctx, std::vector<Option>& out) const override {
    const State& s = ctx.state;
    const World& w = ctx.world;
    const double trust = TrustInGuarantors(self, ctx);
    double covered = 0.0, enemies = 0.0, attacked = 0.0, fought_outside = 0.0;
    for (int e = 0; e < s.NumActors(); ++e) {
      if (e == self || s.hostility(self, e) <= 0.0) continue;
      enemies += 1.0;
      covered += s.coverage(self, e);
      if (s.coverage(self, e) > 0.0)
        out.push_back({kViolate, e, P("violate_gain") * s.hostility(self, e) * (1.0 - std::max(0.0, trust)) - P("violate_cost")});
      else if (!w.actors[e].Flag("designated")) {
        attacked += s.hostility(self, e);
        fought_outside += 1.0;
      }
    }
    const double covered_share = enemies > 0 ? covered / enemies : 0.0;
    out.push_back({kComply, -1, P("comply_gain") * covered_share * (1.0 + trust)});
    // Grievance ∈ [0, 1]: half for being left out of every ceasefire, half for the mean
    // hostility of the non-designated enemies fighting it outside one.
    const double grievance = 0.5 * (Covered(s, self) ? 0.0 : 1.0) +
                             0.5 * std::min(1.0, fought_outside > 0 ? attacked / fought_outside : 0.0);
    for (int j = 0; j < s.NumActors(); ++j)
      if (j != self && w.actors[j].Flag("designated"))
        out.push_back({kDrift, j, P("drift_gain") * grievance * 0.5 * (1.0 + s.affinity(self, j)) - P("drift_cost")});
  }

  void Apply(int self, const Option& o, StepContext& ctx) const override {
    State& s = ctx.state;
    const int t = o.target;
    switch (o.action) {
      case kViolate:
        s.activity(self) += 1.0;
        s.hostility(self, t) = s.hostility(t, self) = s.hostility(self, t) + P("violate_step");
        break;
      case kComply:
        s.activity(self) *= 0.5;
        break;
      case kDrift:
        AddAffinity(s, self, t, P("drift_affinity"));
        AddAffinity(s, t, self, 0.5 * P("drift_affinity"));
        for (int d = 0; d < s.NumDimensions(); ++d) MoveAnchorToward(s, self, d, s.position(t, d), P("drift_rate"));
        AddDependency(s, self, t, 0.02);
        break;
      default: break;
    }
  }
};

}  // namespace

ActorModelType ArmedOppositionModelType() {
  return ActorModelType{"armed_opposition",
                        "an armed faction: attends or boycotts talks, complies or violates, drifts to jihadists when left out",
                        {"attend", "boycott", "violate", "comply", "drift"}, Specs(),
                        [](const ParameterValues& p) { return std::make_shared<ArmedOpposition>(WithDefaults(Specs(), p)); }};
}

}  // namespace diplosim
