// spoiler: a designated group outside every ceasefire (e.g. Islamic State, Jabhat Fateh al-Sham).
#include <algorithm>

#include "actors/menu_model.h"
#include "sim/effects.h"
#include "sim/world.h"

namespace diplosim {

namespace {

enum Action { kWait = 0, kAttack, kRecruit };

std::vector<ParameterSpec> Specs() {
  std::vector<ParameterSpec> p = CommonMenuParameters();
  p.insert(p.end(), {
      {"attack_gain", 1.0, 0, 100, "weight of hostility × relative strength in attack(t)"},
      {"attack_cost", 0.05, 0, 100, "cost of an attack"},
      {"attack_step", 0.05, 0, 1, "hostility added by an attack"},
      {"attack_damage", 0.01, 0, 1, "target's military loss per unit of own strength"},
      {"wreck_gain", 0.3, 0, 100, "extra utility of attacking an actor a ceasefire covers (to wreck it)"},
      {"recruit_gain", 1.0, 0, 100, "weight of exclusion × closeness in recruit(f)"},
      {"recruit_cost", 0.1, 0, 100, "cost of a recruitment drive"},
      {"recruit_affinity", 0.05, 0, 1, "A_fs added in the recruited faction"},
      {"recruit_share", 0.02, 0, 1, "share of the faction's fighters that defect"},
  });
  return p;
}

class Spoiler final : public MenuModel {
 public:
  using MenuModel::MenuModel;
  const char* ActionName(int a) const override {
    static const char* kNames[] = {"wait", "attack", "recruit"};
    return kNames[a];
  }

 protected:
  void Enumerate(int self, const StepContext& ctx, std::vector<Option>& out) const override {
    const State& s = ctx.state;
    const World& w = ctx.world;
    const double own = Strength(s, self);
    for (int t = 0; t < s.NumActors(); ++t) {
      if (t == self) continue;
      if (s.hostility(self, t) > 0.0) {
        const double other = Strength(s, t);
        const double share = own + other > 0 ? own / (own + other) : 0.0;
        const double wreck = Covered(s, t) ? P("wreck_gain") : 0.0;
        out.push_back({kAttack, t, P("attack_gain") * s.hostility(self, t) * share + wreck - P("attack_cost")});
      }
      if (!w.actors[t].Flag("designated") && s.affinity(t, self) > -0.5 && s.capability_components(t, 0) > 0.0) {
        const double excluded = Covered(s, t) ? 0.0 : 1.0;
        out.push_back({kRecruit, t, P("recruit_gain") * excluded * 0.5 * (1.0 + s.affinity(t, self)) - P("recruit_cost")});
      }
    }
  }

  void Apply(int self, const Option& o, StepContext& ctx) const override {
    State& s = ctx.state;
    const int t = o.target;
    switch (o.action) {
      case kAttack:
        s.activity(self) += 1.0;
        s.hostility(self, t) = s.hostility(t, self) = s.hostility(self, t) + P("attack_step");
        AddMilitary(s, t, -P("attack_damage") * Strength(s, self));
        break;
      case kRecruit: {
        AddAffinity(s, t, self, P("recruit_affinity"));
        const double defectors = P("recruit_share") * s.capability_components(t, 0);
        AddMilitary(s, t, -defectors);
        AddMilitary(s, self, defectors);
        break;
      }
      default: break;
    }
  }
};

}  // namespace

ActorModelType SpoilerModelType() {
  return ActorModelType{"spoiler", "a designated spoiler: attacks to wreck ceasefires, recruits excluded factions",
                        {"attack", "recruit"}, Specs(),
                        [](const ParameterValues& p) { return std::make_shared<Spoiler>(WithDefaults(Specs(), p)); }};
}

}  // namespace diplosim
