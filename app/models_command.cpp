#include <iostream>

#include "actors/actor_model_registry.h"
#include "app/cli_support.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "scenarios/event_registry.h"
#include "scenarios/number_text.h"

namespace diplosim {

int ModelsCommand(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help");
  const po::variables_map vm = ParseCommandLine(args, options, po::positional_options_description{});
  if (vm.count("help")) {
    std::cout << "Usage: diplosim models\n\nLists the actor models (actions and parameters with defaults and ranges)\n"
                 "and the event types, as Markdown.\n\n"
              << options;
    return kExitOk;
  }
  const ActorModelRegistry& registry = BuiltinActorModels();
  std::cout << "## Actor models\n";
  for (const auto& name : registry.Names()) {
    const ActorModelType* t = registry.Find(name);
    std::cout << "\n### `" << t->name << "`\n\n" << t->summary << ".\n\nActions: wait";
    for (const auto& a : t->actions) std::cout << ", " << a;
    std::cout << ".\n\n| parameter | default | range | meaning |\n|---|---|---|---|\n";
    for (const auto& p : t->parameters)
      std::cout << "| `" << p.name << "` | " << ShortNumber(p.default_value) << " | [" << ShortNumber(p.min) << ", "
                << ShortNumber(p.max) << "] | " << p.doc << " |\n";
  }
  std::cout << "\n## Event types\n\n| type | keys | summary |\n|---|---|---|\n";
  const EventRegistry& events = BuiltinEventRegistry();
  for (const auto& name : events.Names()) {
    const EventType* t = events.Find(name);
    std::cout << "| `" << name << "` | ";
    for (std::size_t k = 0; k < t->keys.size(); ++k) std::cout << (k ? ", " : "") << "`" << t->keys[k] << "`";
    std::cout << " | " << t->summary << " |\n";
  }
  return kExitOk;
}

}  // namespace diplosim
