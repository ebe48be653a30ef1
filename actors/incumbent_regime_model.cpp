// incumbent_regime: a government fighting an insurgency with outside patrons (e.g. Damascus).
#include <algorithm>

#include "actors/menu_model.h"
#include "sim/effects.h"
#include "sim/world.h"

namespace diplosim {

namespace {

enum Action { kWait = 0, kOffensive, kComply, kHedge, kSignDeal };

std::vector<ParameterSpec> Specs() {
  std::vector<ParameterSpec> p = CommonMenuParameters();
  p.insert(p.end(), {
      {"patron_threshold", 0.3, 0, 1, "Dp_sk at or above which k counts as a patron"},
      {"offensive_gain", 1.0, 0, 100, "weight of the strength advantage × hostility in offensive(f)"},
      {"offensive_cost", 0.05, 0, 100, "cost of an offensive"},
      {"ceasefire_penalty", 1.0, 0, 100, "extra cost of attacking a covered party, × patron pressure"},
      {"offensive_step", 0.05, 0, 1, "hostility added by an offensive"},
      {"offensive_damage", 0.01, 0, 1, "military capability the target loses per unit of own strength"},
      {"comply_gain", 0.5, 0, 100, "weight of patron pressure × covered share in comply"},
      {"comply_cut", 0.05, 0, 1, "H0 with covered parties × (1 − cut) when complying"},
      {"hedge_gain", 1.0, 0, 100, "weight of a patron's expected support above the mean in hedge(k)"},
      {"hedge_cost", 0.05, 0, 100, "cost of courting a patron"},
      {"hedge_deference", 0.1, 0, 10, "G_sk added by hedging toward k"},
      {"deal_gain", 0.5, 0, 100, "weight of a patron's expected support × room for dependency in sign_deal(k)"},
      {"deal_cost", 0.1, 0, 100, "cost of signing deals"},
      {"deal_dependency", 0.03, 0, 1, "Dp_sk added by deals"},
      {"deal_affinity", 0.03, 0, 1, "mutual affinity added by deals"},
  });
  return p;
}

class IncumbentRegime final : public MenuModel {
 public:
  using MenuModel::MenuModel;
  const char* ActionName(int a) const override {
    static const char* kNames[] = {"wait", "offensive", "comply", "hedge", "sign_deal"};
    return kNames[a];
  }

 protected:
  ActorList Patrons(int self, const State& s) const {
    ActorList out;
    for (int k = 0; k < s.NumActors(); ++k)
      if (k != self && s.dependency(self, k) >= P("patron_threshold")) out.push_back(k);
    return out;
  }
  // Patrons' stake in restraint: Σ_k Dp_sk max(A_ks, 0).
  double PatronPressure(int self, const State& s) const {
    double p = 0.0;
    for (int k : Patrons(self, s)) p += s.dependency(self, k) * std::max(0.0, s.affinity(k, self));
    return p;
  }
  // Expected support from patron k: ĉ_k max(A_ks, 0)(Sup_ks + Dp_sk).
  static double ExpectedSupport(int self, int k, const State& s) {
    const double cmax = s.capability.maxCoeff();
    return (cmax > 0 ? s.capability(k) / cmax : 0.0) * std::max(0.0, s.affinity(k, self)) *
           (s.support(k, self) + s.dependency(self, k));
  }

  void Enumerate(int self, const StepContext& ctx, std::vector<Option>& out) const override {
    const State& s = ctx.state;
    const double pressure = PatronPressure(self, s);
    const double own = Strength(s, self);
    double covered = 0.0, enemies = 0.0;
    for (int f = 0; f < s.NumActors(); ++f) {
      if (f == self || s.hostility(self, f) <= 0.0) continue;
      enemies += 1.0;
      covered += s.coverage(self, f);
      const double other = Strength(s, f);
      const double advantage = own + other > 0 ? (own - other) / (own + other) : 0.0;
      out.push_back({kOffensive, f,
                     P("offensive_gain") * advantage * s.hostility(self, f) - P("offensive_cost") -
                         P("ceasefire_penalty") * s.coverage(self, f) * pressure});
    }
    const double covered_share = enemies > 0 ? covered / enemies : 0.0;
    out.push_back({kComply, -1, P("comply_gain") * pressure * covered_share});
    const ActorList patrons = Patrons(self, s);
    double mean_support = 0.0;
    for (int k : patrons) mean_support += ExpectedSupport(self, k, s);
    if (!patrons.empty()) mean_support /= static_cast<double>(patrons.size());
    for (int k : patrons) {
      const double es = ExpectedSupport(self, k, s);
      out.push_back({kHedge, k, P("hedge_gain") * (es - mean_support) - P("hedge_cost")});
      out.push_back({kSignDeal, k, P("deal_gain") * es * (1.0 - s.dependency(self, k)) - P("deal_cost")});
    }
  }

  void Apply(int self, const Option& o, StepContext& ctx) const override {
    State& s = ctx.state;
    const int t = o.target;
    switch (o.action) {
      case kOffensive:
        s.activity(self) += 1.0;
        s.hostility(self, t) = s.hostility(t, self) = s.hostility(self, t) + P("offensive_step");
        AddMilitary(s, t, -P("offensive_damage") * Strength(s, self));
        break;
      case kComply:
        s.activity(self) *= 0.5;
        for (int j = 0; j < s.NumActors(); ++j)
          if (s.coverage(self, j) > 0.0) ScaleHostilityBase(s, self, j, 1.0 - P("comply_cut"));
        break;
      case kHedge:
        AddDeference(s, self, t, P("hedge_deference"));
        AddAffinity(s, self, t, 0.02);
        break;
      case kSignDeal:
        AddDependency(s, self, t, P("deal_dependency"));
        AddMutualAffinity(s, self, t, P("deal_affinity"));
        break;
      default: break;
    }
  }
};

}  // namespace

ActorModelType IncumbentRegimeModelType() {
  return ActorModelType{"incumbent_regime",
                        "a government at war: offensives or compliance, hedging between patrons, deals",
                        {"offensive", "comply", "hedge", "sign_deal"}, Specs(),
                        [](const ParameterValues& p) { return std::make_shared<IncumbentRegime>(WithDefaults(Specs(), p)); }};
}

}  // namespace diplosim
