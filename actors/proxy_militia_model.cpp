// proxy_militia: a militia that follows a sponsor (e.g. Hezbollah, Iran-backed militias).
#include <algorithm>

#include "actors/menu_model.h"
#include "sim/effects.h"
#include "sim/world.h"

namespace diplosim {

namespace {

enum Action { kWait = 0, kFollow, kEntrench, kFight };

std::vector<ParameterSpec> Specs() {
  std::vector<ParameterSpec> p = CommonMenuParameters();
  p.insert(p.end(), {
      {"follow_gain", 1.0, 0, 100, "weight of dependency × divergence from the sponsor in follow"},
      {"follow_cost", 0.05, 0, 100, "cost of realigning"},
      {"follow_rate", 0.1, 0, 1, "anchors move this share toward the sponsor's positions"},
      {"follow_deference", 0.1, 0, 10, "G added toward the sponsor"},
      {"entrench_gain", 1.0, 0, 100, "weight of dependency on the sponsor × affinity × room in entrench(c)"},
      {"entrench_cost", 0.1, 0, 100, "cost of entrenching"},
      {"entrench_dependency", 0.02, 0, 1, "Dp_cs added in the host"},
      {"fight_gain", 1.0, 0, 100, "weight of hostility outside ceasefires in fight(e)"},
      {"fight_cost", 0.1, 0, 100, "cost of fighting"},
      {"fight_step", 0.05, 0, 1, "hostility added by fighting"},
  });
  return p;
}

class ProxyMilitia final : public MenuModel {
 public:
  using MenuModel::MenuModel;
  const char* ActionName(int a) const override {
    static const char* kNames[] = {"wait", "follow", "entrench", "fight"};
    return kNames[a];
  }

 protected:
  // The sponsor: the actor this militia depends on most (if at least client_threshold).
  int Sponsor(int self, const State& s) const {
    int best = -1;
    for (int k = 0; k < s.NumActors(); ++k)
      if (k != self && (best < 0 || s.dependency(self, k) > s.dependency(self, best))) best = k;
    return best >= 0 && s.dependency(self, best) >= P("client_threshold") ? best : -1;
  }

  void Enumerate(int self, const StepContext& ctx, std::vector<Option>& out) const override {
    const State& s = ctx.state;
    const int sponsor = Sponsor(self, s);
    if (sponsor >= 0) {
      out.push_back({kFollow, sponsor,
                     P("follow_gain") * s.dependency(self, sponsor) * PerceivedDistance(s, self, sponsor) - P("follow_cost")});
      // Hosts: the sponsor's other clients.
      for (int c = 0; c < s.NumActors(); ++c) {
        if (c == self || c == sponsor || s.dependency(c, sponsor) < P("client_threshold")) continue;
        out.push_back({kEntrench, c,
                       P("entrench_gain") * s.dependency(self, sponsor) * std::max(0.0, s.affinity(self, c)) *
                               (1.0 - s.dependency(c, self)) - P("entrench_cost")});
      }
    }
    for (int e = 0; e < s.NumActors(); ++e)
      if (e != self && s.hostility(self, e) > 0.0)
        out.push_back({kFight, e, P("fight_gain") * s.hostility(self, e) * (1.0 - 0.8 * s.coverage(self, e)) - P("fight_cost")});
  }

  void Apply(int self, const Option& o, StepContext& ctx) const override {
    State& s = ctx.state;
    const int t = o.target;
    switch (o.action) {
      case kFollow:
        for (int d = 0; d < s.NumDimensions(); ++d) MoveAnchorToward(s, self, d, s.position(t, d), P("follow_rate"));
        AddDeference(s, self, t, P("follow_deference"));
        break;
      case kEntrench:
        AddDependency(s, t, self, P("entrench_dependency"));
        AddAffinity(s, t, self, 0.01);
        break;
      case kFight:
        s.activity(self) += 1.0;
        s.hostility(self, t) = s.hostility(t, self) = s.hostility(self, t) + P("fight_step");
        break;
      default: break;
    }
  }
};

}  // namespace

ActorModelType ProxyMilitiaModelType() {
  return ActorModelType{"proxy_militia", "a sponsor's militia: follows the sponsor, entrenches in the host, fights",
                        {"follow", "entrench", "fight"}, Specs(),
                        [](const ParameterValues& p) { return std::make_shared<ProxyMilitia>(WithDefaults(Specs(), p)); }};
}

}  // namespace diplosim
