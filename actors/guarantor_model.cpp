// guarantor: a ceasefire guarantor with clients of its own (e.g. Turkey).
#include <algorithm>

#include "actors/menu_model.h"
#include "sim/effects.h"
#include "sim/world.h"

namespace diplosim {

namespace {

enum Action { kWait = 0, kCosponsor, kRestrain, kArm };

std::vector<ParameterSpec> Specs() {
  std::vector<ParameterSpec> p = CommonMenuParameters();
  p.insert(p.end(), {
      {"cosponsor_gain", 0.5, 0, 100, "weight of the clients' covered share in cosponsor"},
      {"cosponsor_cost", 0.1, 0, 100, "cost of co-sponsoring"},
      {"cosponsor_affinity", 0.03, 0, 1, "A_cg added from each client toward each co-guarantor"},
      {"restrain_gain", 1.0, 0, 100, "weight of a client's activity in covered dyads in restrain(c)"},
      {"restrain_cost", 0.05, 0, 100, "cost of restraining a client"},
      {"restrain_cut", 0.1, 0, 1, "H0 between client and covered parties × (1 − cut)"},
      {"arm_gain", 1.0, 0, 100, "weight of a client's fighting × affinity in arm(c)"},
      {"arm_cost", 0.2, 0, 100, "cost of arming a client"},
      {"arm_step", 0.05, 0, 10, "Sup_sc added"},
  });
  return p;
}

class Guarantor final : public MenuModel {
 public:
  using MenuModel::MenuModel;
  const char* ActionName(int a) const override {
    static const char* kNames[] = {"wait", "cosponsor", "restrain", "arm"};
    return kNames[a];
  }

 protected:
  void Enumerate(int self, const StepContext& ctx, std::vector<Option>& out) const override {
    const State& s = ctx.state;
    const ActorList clients = Clients(self, s);
    if (clients.empty()) return;
    double covered = 0.0;
    for (int c : clients) covered += Covered(s, c) ? 1.0 : 0.0;
    bool guaranteeing = false;
    for (std::size_t k = 0; k < s.ceasefires.size(); ++k) {
      const auto& g = ctx.world.ceasefires[k].guarantors;
      guaranteeing |= s.ceasefires[k].status == State::CeasefireStatus::kInForce &&
                      std::find(g.begin(), g.end(), self) != g.end();
    }
    if (guaranteeing)
      out.push_back({kCosponsor, -1, P("cosponsor_gain") * covered / static_cast<double>(clients.size()) - P("cosponsor_cost")});
    for (int c : clients) {
      double covered_fighting = 0.0;
      for (int j = 0; j < s.NumActors(); ++j) covered_fighting += s.coverage(c, j) * s.hostility(c, j);
      out.push_back({kRestrain, c, P("restrain_gain") * s.activity(c) * covered_fighting - P("restrain_cost")});
      out.push_back({kArm, c,
                     P("arm_gain") * MeanHostility(s, c) * std::max(0.0, s.affinity(self, c)) *
                             std::max(0.0, 1.0 - s.support(self, c)) - P("arm_cost")});
    }
  }

  void Apply(int self, const Option& o, StepContext& ctx) const override {
    State& s = ctx.state;
    const int t = o.target;
    switch (o.action) {
      case kCosponsor:
        for (std::size_t k = 0; k < s.ceasefires.size(); ++k) {
          if (s.ceasefires[k].status != State::CeasefireStatus::kInForce) continue;
          const auto& guarantors = ctx.world.ceasefires[k].guarantors;
          if (std::find(guarantors.begin(), guarantors.end(), self) == guarantors.end()) continue;
          for (int c : Clients(self, s))
            for (int g : guarantors)
              if (g != self) AddAffinity(s, c, g, P("cosponsor_affinity"));
        }
        break;
      case kRestrain:
        s.activity(t) *= 0.5;
        for (int j = 0; j < s.NumActors(); ++j)
          if (s.coverage(t, j) > 0.0) ScaleHostilityBase(s, t, j, 1.0 - P("restrain_cut"));
        break;
      case kArm:
        AddSupport(s, self, t, P("arm_step"), false);
        break;
      default: break;
    }
  }
};

}  // namespace

ActorModelType GuarantorModelType() {
  return ActorModelType{"guarantor", "a ceasefire guarantor: co-sponsors talks, restrains and arms its clients",
                        {"cosponsor", "restrain", "arm"}, Specs(),
                        [](const ParameterValues& p) { return std::make_shared<Guarantor>(WithDefaults(Specs(), p)); }};
}

}  // namespace diplosim
