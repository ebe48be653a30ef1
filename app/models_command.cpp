#include <iostream>

#include "actors/actor_model_registry.h"
#include "app/cli_support.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/usage_error.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/event_registry.h"
#include "scenarios/number_text.h"

namespace diplosim {

namespace {

void PrintActorModel(const ActorModelType& t) {
  std::cout << "\n### `" << t.name << "`\n\n" << t.summary << ".\n\nActions: wait";
  for (const auto& a : t.actions) std::cout << ", " << a;
  std::cout << ".\n\n| parameter | default | range | meaning |\n|---|---|---|---|\n";
  for (const auto& p : t.parameters)
    std::cout << "| `" << p.name << "` | " << ShortNumber(p.default_value) << " | [" << ShortNumber(p.min) << ", "
              << ShortNumber(p.max) << "] | " << p.doc << " |\n";
}

void PrintEventTypes(const EventRegistry& events, const std::vector<std::string>& names) {
  std::cout << "\n## Event types\n\n| type | keys | summary |\n|---|---|---|\n";
  for (const auto& name : names) {
    const EventType* t = events.Find(name);
    std::cout << "| `" << name << "` | ";
    for (std::size_t k = 0; k < t->keys.size(); ++k) std::cout << (k ? ", " : "") << "`" << t->keys[k] << "`";
    std::cout << " | " << t->summary << " |\n";
  }
}

}  // namespace

int ModelsCommand(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("name", po::value<std::string>(), "one actor model or event type");
  po::positional_options_description positional;
  positional.add("name", 1);
  const std::optional<po::variables_map> parsed = ParseCommandLineOrShowHelp(
      args, options, positional,
      "Usage: diplosim models [NAME]\n\nLists the actor models (actions and parameters with defaults and "
      "ranges)\nand the event types, as Markdown; with NAME, only that actor model or event type.\n\n"
      "Examples:\n  diplosim models\n  diplosim models spoiler\n  diplosim models ceasefire\n\n");
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  const ActorModelRegistry& registry = BuiltinActorModels();
  const EventRegistry& events = BuiltinEventRegistry();
  if (vm.count("name")) {
    const std::string name = vm["name"].as<std::string>();
    if (const ActorModelType* t = registry.Find(name)) {
      PrintActorModel(*t);
      return kExitOk;
    }
    if (events.Find(name)) {
      PrintEventTypes(events, {name});
      return kExitOk;
    }
    std::vector<std::string> known = registry.Names();
    for (const auto& e : events.Names()) known.push_back(e);
    throw UsageError("models: no actor model or event type '" + name + "'" + DidYouMean(name, known) +
                     "; expected one of: " + JoinNames(known));
  }
  std::cout << "## Actor models\n";
  for (const auto& name : registry.Names()) PrintActorModel(*registry.Find(name));
  PrintEventTypes(events, events.Names());
  return kExitOk;
}

}  // namespace diplosim
