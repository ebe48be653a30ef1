// patron_power: a great-power patron (e.g. Russia). docs/model.md lists every
// utility and effect below with its parameter.
#include <algorithm>

#include "actors/menu_model.h"
#include "sim/conflict.h"
#include "sim/effects.h"
#include "sim/world.h"

namespace diplosim {

namespace {

enum Action { kWait = 0, kWarn, kBroker, kVeto, kAirSupport, kRestrain };

std::vector<ParameterSpec> Specs() {
  std::vector<ParameterSpec> p = CommonMenuParameters();
  p.insert(p.end(), {
      {"warn_gain", 1.0, 0, 100, "weight of divergence × relative capability in warn(j)"},
      {"warn_cost", 0.1, 0, 100, "cost of a warning"},
      {"warn_deference", 0.2, 0, 10, "G_js added by a warning"},
      {"warn_resentment", 0.02, 0, 1, "A_js lost by a warning"},
      {"broker_gain", 1.0, 0, 100, "weight of the faction's hostility with clients × closeness in broker(f)"},
      {"broker_cost", 0.1, 0, 100, "cost of brokering with a faction"},
      {"broker_affinity", 0.05, 0, 1, "A_fs gained by a brokered faction"},
      {"broker_hostility_cut", 0.1, 0, 1, "H0 between faction and clients × (1 − cut)"},
      {"broker_max_affinity", 0.6, -1, 1, "no brokering with factions already this close"},
      {"veto_gain", 0.5, 0, 100, "weight of a client's embattlement in veto(c)"},
      {"veto_cost", 0.3, 0, 100, "cost of a UN Security Council veto"},
      {"veto_affinity", 0.03, 0, 1, "A_cs gained by a veto"},
      {"veto_diplomatic", 0.01, 0, 1, "diplomatic capability a veto preserves for the client"},
      {"air_gain", 1.0, 0, 100, "weight of a client's fighting in air_support(c)"},
      {"air_cost", 0.1, 0, 100, "cost of an air campaign"},
      {"air_step", 0.1, 0, 10, "Sup_sc added by air support"},
      {"air_cap", 1.0, 0, 100, "support level beyond which more air power is worthless"},
      {"restrain_gain", 1.0, 0, 100, "weight of a client's activity in covered dyads in restrain(c)"},
      {"restrain_cost", 0.05, 0, 100, "cost of restraining a client"},
      {"restrain_cut", 0.1, 0, 1, "H0 between client and covered parties × (1 − cut)"},
  });
  return p;
}

class PatronPower final : public MenuModel {
 public:
  using MenuModel::MenuModel;
  const char* ActionName(int a) const override {
    static const char* kNames[] = {"wait", "warn", "broker", "veto", "air_support", "restrain"};
    return kNames[a];
  }

 protected:
  void Enumerate(int self, const StepContext& ctx, std::vector<Option>& out) const override {
    const State& s = ctx.state;
    const World& w = ctx.world;
    const int n = s.NumActors();
    const ActorList clients = Clients(self, s);
    const double c_self = s.capability(self);
    for (int j = 0; j < n; ++j) {
      if (j == self || w.actors[j].Flag("designated")) continue;
      // warn(j): a partner (positive affinity) whose stance diverges on the patron's salient issues.
      if (s.affinity(self, j) > 0.0) {
        const double share = c_self + s.capability(j) > 0 ? c_self / (c_self + s.capability(j)) : 0.0;
        out.push_back({kWarn, j, P("warn_gain") * PerceivedDistance(s, self, j) * share - P("warn_cost")});
      }
      // broker(f): a faction fighting the patron's clients, not yet close.
      double fight = 0.0;
      for (int c : clients) fight += s.hostility(c, j);
      if (!clients.empty() && fight > 0.0 && s.affinity(self, j) < P("broker_max_affinity") &&
          std::find(clients.begin(), clients.end(), j) == clients.end()) {
        fight /= static_cast<double>(clients.size());
        out.push_back({kBroker, j, P("broker_gain") * fight * (1.0 - PerceivedDistance(s, self, j)) - P("broker_cost")});
      }
    }
    for (int c : clients) {
      const double embattled = MeanHostility(s, c);
      const double like = std::max(0.0, s.affinity(self, c));
      out.push_back({kVeto, c, P("veto_gain") * like * embattled - P("veto_cost")});
      const double headroom = std::max(0.0, 1.0 - s.support(self, c) / P("air_cap"));
      out.push_back({kAirSupport, c, P("air_gain") * like * embattled * headroom - P("air_cost")});
      double covered_fighting = 0.0;
      for (int j = 0; j < n; ++j) covered_fighting += s.coverage(c, j) * s.hostility(c, j);
      out.push_back({kRestrain, c, P("restrain_gain") * s.activity(c) * covered_fighting - P("restrain_cost")});
    }
  }

  void Apply(int self, const Option& o, StepContext& ctx) const override {
    State& s = ctx.state;
    const int t = o.target;
    switch (o.action) {
      case kWarn:
        AddDeference(s, t, self, P("warn_deference"));
        AddAffinity(s, t, self, -P("warn_resentment"));
        AddAffinity(s, self, t, -0.5 * P("warn_resentment"));
        break;
      case kBroker:
        for (auto& cf : s.ceasefires)
          if (cf.status == State::CeasefireStatus::kInForce && !ctx.world.actors[t].Flag("designated")) cf.covered[t] = 1;
        AddAffinity(s, t, self, P("broker_affinity"));
        AddAffinity(s, self, t, 0.5 * P("broker_affinity"));
        for (int c : Clients(self, s)) ScaleHostilityBase(s, t, c, 1.0 - P("broker_hostility_cut"));
        UpdateCoverage(ctx.world, s);
        break;
      case kVeto:
        AddAffinity(s, t, self, P("veto_affinity"));
        s.capability_components(t, 2) += P("veto_diplomatic");
        break;
      case kAirSupport:
        AddSupport(s, self, t, P("air_step"), false);
        break;
      case kRestrain:
        s.activity(t) *= 0.5;
        for (int j = 0; j < s.NumActors(); ++j)
          if (s.coverage(t, j) > 0.0) ScaleHostilityBase(s, t, j, 1.0 - P("restrain_cut"));
        AddAffinity(s, t, self, -0.01);
        break;
      default: break;
    }
  }
};

}  // namespace

ActorModelType PatronPowerModelType() {
  return ActorModelType{
      "patron_power", "a great-power patron: warns partners, brokers with factions, vetoes, flies air support, restrains",
      {"warn", "broker", "veto", "air_support", "restrain"}, Specs(),
      [](const ParameterValues& p) { return std::make_shared<PatronPower>(WithDefaults(Specs(), p)); }};
}

}  // namespace diplosim
