// regional_sponsor: a regional power sponsoring a client through proxies (e.g. Iran).
#include <algorithm>

#include "actors/menu_model.h"
#include "sim/conflict.h"
#include "sim/effects.h"
#include "sim/world.h"

namespace diplosim {

namespace {

enum Action { kWait = 0, kDeploy, kSignDeal, kNarrowScope };

std::vector<ParameterSpec> Specs() {
  std::vector<ParameterSpec> p = CommonMenuParameters();
  p.insert(p.end(), {
      {"deploy_gain", 1.0, 0, 100, "weight of a client's fighting in deploy(c)"},
      {"deploy_cost", 0.1, 0, 100, "cost of deploying or entrenching militias"},
      {"deploy_step", 0.1, 0, 10, "Sup_pc added for each proxy p"},
      {"deploy_cap", 1.0, 0, 100, "proxy support beyond which more is worthless"},
      {"entrench", 0.02, 0, 1, "Dp_cp added for each proxy p (social and economic entrenchment)"},
      {"deal_gain", 1.0, 0, 100, "weight of rival patrons' pull on a client in sign_deal(c)"},
      {"deal_cost", 0.1, 0, 100, "cost of a package of economic deals"},
      {"deal_dependency", 0.03, 0, 1, "Dp_cs added by deals"},
      {"deal_affinity", 0.03, 0, 1, "mutual affinity added by deals"},
      {"deal_economic", 0.005, 0, 1, "economic capability transferred to the client"},
      {"narrow_gain", 1.0, 0, 100, "weight of a covered faction's hostility with clients × (½ + its activity) in narrow_scope(f)"},
      {"narrow_cost", 0.3, 0, 100, "cost of pushing a faction out of the ceasefire"},
      {"narrow_resentment", 0.05, 0, 1, "A_fs lost by the excluded faction"},
  });
  return p;
}

class RegionalSponsor final : public MenuModel {
 public:
  using MenuModel::MenuModel;
  const char* ActionName(int a) const override {
    static const char* kNames[] = {"wait", "deploy_militia", "sign_deal", "narrow_scope"};
    return kNames[a];
  }

 protected:
  void Enumerate(int self, const StepContext& ctx, std::vector<Option>& out) const override {
    const State& s = ctx.state;
    const World& w = ctx.world;
    const ActorList clients = Clients(self, s);
    for (int c : clients) {
      const double like = std::max(0.0, s.affinity(self, c));
      double proxy_support = 0.0;
      for (int p : clients)
        if (p != c) proxy_support += s.support(p, c);
      const double headroom = std::max(0.0, 1.0 - proxy_support / P("deploy_cap"));
      out.push_back({kDeploy, c, P("deploy_gain") * like * MeanHostility(s, c) * headroom - P("deploy_cost")});
      // Rival pull: influence the client gives other non-client actors beyond what it gives the sponsor.
      double rivals = 0.0;
      for (int k = 0; k < s.NumActors(); ++k)
        if (k != c && k != self && std::find(clients.begin(), clients.end(), k) == clients.end())
          rivals += s.influence(c, k);
      const double pull = std::max(0.0, rivals - s.influence(c, self));
      out.push_back({kSignDeal, c, P("deal_gain") * pull * s.dependency(c, self) - P("deal_cost")});
    }
    for (int f = 0; f < s.NumActors(); ++f) {
      if (f == self || w.actors[f].Flag("designated") || !Covered(s, f)) continue;
      if (std::find(clients.begin(), clients.end(), f) != clients.end()) continue;
      double fight = 0.0;
      for (int c : clients) fight += s.hostility_base(c, f);
      if (clients.empty() || fight <= 0.0) continue;
      fight /= static_cast<double>(clients.size());
      // The case for branding a faction terrorist grows with its violations (activity).
      out.push_back({kNarrowScope, f,
                     P("narrow_gain") * fight * (0.5 + s.activity(f)) * 0.5 * (1.0 - s.affinity(self, f)) -
                         P("narrow_cost")});
    }
  }

  void Apply(int self, const Option& o, StepContext& ctx) const override {
    State& s = ctx.state;
    const int t = o.target;
    switch (o.action) {
      case kDeploy:
        for (int p : Clients(self, s)) {
          if (p == t) continue;
          AddSupport(s, p, t, P("deploy_step"), false);
          AddDependency(s, t, p, P("entrench"));
        }
        break;
      case kSignDeal:
        AddDependency(s, t, self, P("deal_dependency"));
        AddMutualAffinity(s, t, self, P("deal_affinity"));
        AddEconomic(s, t, P("deal_economic"));
        AddEconomic(s, self, -P("deal_economic"));
        break;
      case kNarrowScope:
        for (auto& cf : s.ceasefires)
          if (cf.status == State::CeasefireStatus::kInForce) cf.covered[t] = 0;
        AddAffinity(s, t, self, -P("narrow_resentment"));
        UpdateCoverage(ctx.world, s);
        break;
      default: break;
    }
  }
};

}  // namespace

ActorModelType RegionalSponsorModelType() {
  return ActorModelType{"regional_sponsor",
                        "a regional sponsor: deploys and entrenches militias, signs deals, narrows the ceasefire",
                        {"deploy_militia", "sign_deal", "narrow_scope"}, Specs(),
                        [](const ParameterValues& p) { return std::make_shared<RegionalSponsor>(WithDefaults(Specs(), p)); }};
}

}  // namespace diplosim
