#include "scenarios/event_registry.h"

namespace diplosim {

const std::vector<std::string>& CommonEventKeys() {
  static const std::vector<std::string> kKeys = {"type", "name", "date", "priority", "description",
                                                 "source", "enabled"};
  return kKeys;
}

void EventRegistry::Register(EventType type) {
  const std::string name = type.name;
  types_[name] = std::move(type);
}

const EventType* EventRegistry::Find(const std::string& name) const {
  auto it = types_.find(name);
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<std::string> EventRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, type] : types_) names.push_back(name);
  return names;
}

void RegisterAgreementEvents(EventRegistry& registry);
void RegisterCeasefireEvent(EventRegistry& registry);
void RegisterDeclarationEvent(EventRegistry& registry);
void RegisterDeploymentEvents(EventRegistry& registry);
void RegisterNegotiationEvent(EventRegistry& registry);
void RegisterShockEvent(EventRegistry& registry);
void RegisterStatementEvent(EventRegistry& registry);
void RegisterTriggerEvent(EventRegistry& registry);
void RegisterVetoEvent(EventRegistry& registry);

void RegisterBuiltinEventTypes(EventRegistry& registry) {
  RegisterAgreementEvents(registry);
  RegisterCeasefireEvent(registry);
  RegisterDeclarationEvent(registry);
  RegisterDeploymentEvents(registry);
  RegisterNegotiationEvent(registry);
  RegisterShockEvent(registry);
  RegisterStatementEvent(registry);
  RegisterTriggerEvent(registry);
  RegisterVetoEvent(registry);
}

const EventRegistry& BuiltinEventRegistry() {
  static const EventRegistry registry = [] {
    EventRegistry r;
    RegisterBuiltinEventTypes(r);
    return r;
  }();
  return registry;
}

}  // namespace diplosim
