#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/decision_model.h"

namespace diplosim {

// One parameter of an actor model, with its default and valid range.
struct ParameterSpec {
  std::string name;
  double default_value = 0.0;
  double min = 0.0;
  double max = 1e9;
  std::string doc;
};

// Parameter values by name, complete (defaults filled in) once a model is made.
// std::less<> allows lookups by string_view without building a std::string.
using ParameterValues = std::map<std::string, double, std::less<>>;

// How to make one actor model from its parameters.
struct ActorModelType {
  std::string name;
  std::string summary;
  std::vector<std::string> actions;  // for docs and validation messages
  std::vector<ParameterSpec> parameters;
  std::function<std::shared_ptr<const DecisionModel>(const ParameterValues&)> make;
};

// Actor models by name. Filled by the explicit list in
// RegisterBuiltinActorModels (static self-registration is dropped by the linker
// from static libraries). A new model adds one file and one line there.
class ActorModelRegistry {
 public:
  void Register(ActorModelType type);
  const ActorModelType* Find(const std::string& name) const;
  std::vector<std::string> Names() const;

 private:
  std::map<std::string, ActorModelType> types_;
};

void RegisterBuiltinActorModels(ActorModelRegistry& registry);
const ActorModelRegistry& BuiltinActorModels();

// The parameters every menu model shares (temperature, client threshold).
std::vector<ParameterSpec> CommonMenuParameters();

}  // namespace diplosim
