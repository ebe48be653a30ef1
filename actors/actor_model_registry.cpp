#include "actors/actor_model_registry.h"

namespace diplosim {

void ActorModelRegistry::Register(ActorModelType type) {
  const std::string name = type.name;
  types_[name] = std::move(type);
}

const ActorModelType* ActorModelRegistry::Find(const std::string& name) const {
  auto it = types_.find(name);
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<std::string> ActorModelRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, type] : types_) names.push_back(name);
  return names;
}

std::vector<ParameterSpec> CommonMenuParameters() {
  return {
      {"temperature", 0.05, 0.0, 100.0, "softmax temperature T; 0 picks the best action"},
      {"client_threshold", 0.5, 0.0, 1.0, "Dp_cs at or above which c counts as a client of s"},
  };
}

ActorModelType ArmedOppositionModelType();
ActorModelType GuarantorModelType();
ActorModelType IncumbentRegimeModelType();
ActorModelType PatronPowerModelType();
ActorModelType ProxyMilitiaModelType();
ActorModelType RegionalSponsorModelType();
ActorModelType SpoilerModelType();

void RegisterBuiltinActorModels(ActorModelRegistry& registry) {
  registry.Register(ArmedOppositionModelType());
  registry.Register(GuarantorModelType());
  registry.Register(IncumbentRegimeModelType());
  registry.Register(PatronPowerModelType());
  registry.Register(ProxyMilitiaModelType());
  registry.Register(RegionalSponsorModelType());
  registry.Register(SpoilerModelType());
}

const ActorModelRegistry& BuiltinActorModels() {
  static const ActorModelRegistry registry = [] {
    ActorModelRegistry r;
    RegisterBuiltinActorModels(r);
    return r;
  }();
  return registry;
}

}  // namespace diplosim
