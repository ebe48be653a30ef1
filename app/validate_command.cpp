#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>

#include "app/cli_support.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/usage_error.h"
#include "output/terminal_text.h"
#include "scenarios/scenario_error.h"
#include "scenarios/sweep_spec.h"
#include "scenarios/yaml_io.h"

namespace diplosim {

namespace {

// A sweep or a scenario, told by the keys at the top level of the text
// (lines that start with a key), not by a parse: a scenario (20,000 events take
// a second to parse) is parsed once, by its loader. Unreadable files go to the
// scenario loader, whose errors are the ones to show.
bool IsSweepFile(const std::string& path) {
  std::string text;
  try {
    text = ReadInputFile(path, SourceLocation{}, ParseLimits{});
  } catch (const ScenarioError&) {
    return false;
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  std::vector<std::string> keys;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::size_t k = at;
    while (k < end && (std::isalnum(static_cast<unsigned char>(text[k])) || text[k] == '_')) ++k;
    const std::size_t colon = text.find_first_not_of(" \t", k);
    if (k > at && colon < end && text[colon] == ':') keys.push_back(text.substr(at, k - at));
    at = end + 1;
  }
  return LooksLikeSweep(keys);
}

int ValidateSweep(const std::string& path, const LoadOptions& options) {
  const SweepSpec sweep = LoadSweep(path, options);
  const Design design = MakeDesign(sweep);
  std::cout << path << ": valid sweep\n";
  std::cout << "  scenario:   " << std::filesystem::path(sweep.scenario_file).lexically_normal().string() << "\n";
  std::cout << "  parameters: " << sweep.parameters.size() << " (";
  for (std::size_t i = 0; i < sweep.parameters.size(); ++i) std::cout << (i ? ", " : "") << sweep.parameters[i].path;
  std::cout << ")\n  design:     " << CountOf(design.NumPoints(), "point") << " (" << SamplerName(sweep.sampler)
            << ") × " << CountOf(sweep.replicates, "replicate") << " = "
            << CountOf(static_cast<long long>(design.NumPoints()) * sweep.replicates, "run") << "\n";
  if (const std::string note = SamplerNote(sweep); !note.empty()) std::cout << "  note:       " << note << "\n";
  for (const std::string& note : sweep.range_notes) std::cout << "  note:       " << note << "\n";
  for (const std::string& note : sweep.scenario_notes) std::cout << "  note:       " << note << "\n";
  std::cout << "  outcomes:   " << sweep.outcomes.size() << " (";
  for (std::size_t i = 0; i < sweep.outcomes.size(); ++i) std::cout << (i ? ", " : "") << sweep.outcomes[i].name;
  std::cout << ")\n";
  return kExitOk;
}

}  // namespace

int ValidateCommand(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("scenario", po::value<std::string>(), "scenario file (YAML)");
  AddScenarioOptions(options);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const std::optional<po::variables_map> parsed =
      ParseCommandLineOrShowHelp(args, options, positional,
                                 "Usage: diplosim validate FILE [--set PATH=VALUE]...\n\n"
                                 "Checks a scenario (and everything it extends or uses), or a sweep file and its\n"
                                 "scenario, and prints a short summary.\n"
                                 "Exit code 0 if valid, 2 with file:line:column errors if not.\n\n");
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("scenario")) throw UsageError("validate: missing SCENARIO; expected 'diplosim validate SCENARIO'");
  const std::string path = vm["scenario"].as<std::string>();
  if (IsSweepFile(path)) return ValidateSweep(path, MakeLoadOptions(vm, path));
  // No file is written, so no provenance: emitting the resolved YAML is about a
  // fifth of validating a long scenario (20,000 events or relations).
  const Scenario scenario = LoadScenario(path, MakeLoadOptions(vm, path), /*provenance=*/false);
  const World& w = *scenario.world;

  std::cout << TerminalText(path) << ": valid\n";
  if (!w.title.empty()) std::cout << "  title:      " << TerminalText(w.title) << "\n";
  std::cout << "  calendar:   " << w.calendar.start.ToString() << " to " << w.calendar.end.ToString() << ", "
            << w.calendar.NumSteps() << (w.calendar.NumSteps() == 1 ? " step of " : " steps of ")
            << w.calendar.step_days << (w.calendar.step_days == 1 ? " day" : " days");
  if (w.calendar.LastDate() != w.calendar.end)
    std::cout << " (last time point " << w.calendar.LastDate().ToString() << ")";
  std::cout << "\n";
  // The defaults of the model's rates are daily ones, and each acts once a step.
  if (w.calendar.step_days > 1)
    std::cout << "              the model's rates act once a step, and their defaults are daily ones "
                 "(docs/model.md, \"Time scale\")\n";
  // A summary, not a dump: a stakeholder table of thousands of actors would fill the terminal.
  const auto first_ids = [](int count, const auto& id_of) {
    constexpr int kShown = 10;
    const int shown = count <= kShown + 2 ? count : kShown;
    std::string out;
    for (int i = 0; i < shown; ++i) out += (i ? ", " : "") + id_of(i);
    if (shown < count) out += ", … " + std::to_string(count - shown) + " more";
    return out;
  };
  std::cout << "  actors:     " << w.NumActors() << " ("
            << first_ids(w.NumActors(), [&](int i) { return w.actors[i].id; }) << ")\n";
  std::cout << "  dimensions: " << w.NumDimensions() << " ("
            << first_ids(w.NumDimensions(), [&](int d) { return w.dimensions[d].id; }) << ")\n";
  // How often the actor models decide depends on the step (decisions.interval counts steps).
  int deciders = 0;
  for (int i = 0; i < w.NumActors(); ++i) deciders += w.decision_models[i] ? 1 : 0;
  if (deciders > 0) {
    const int k = w.params.decision_interval, days = k * w.calendar.step_days;
    std::cout << "  decisions:  " << deciders << " of " << w.NumActors() << " actors have a model and decide every "
              << (k == 1 ? std::string("step") : std::to_string(k) + " steps") << " ("
              << (days == 1 ? std::string("daily") : std::to_string(days) + " days") << ")\n";
  }
  std::map<std::string, int> by_type;
  for (const auto& e : w.events) ++by_type[e->header().type];
  std::cout << "  events:     " << w.events.size();
  if (!w.events.empty()) {
    std::cout << " (";
    bool first = true;
    for (const auto& [type, count] : by_type) {
      std::cout << (first ? "" : ", ") << count << " " << type;
      first = false;
    }
    std::cout << "; " << w.events.front()->header().date.ToString() << " to "
              << w.events.back()->header().date.ToString() << ")";
  }
  std::cout << "\n";
  if (!w.triggers.empty()) {  // kept apart from w.events: they fire when their condition holds
    std::cout << "  triggers:   " << w.triggers.size() << " ("
              << first_ids(static_cast<int>(w.triggers.size()),
                           [&](int t) {
                             return w.triggers[t]->header().name + " from " + w.triggers[t]->header().date.ToString();
                           })
              << ")\n";
  }
  for (const auto& p : w.populations) {
    // Self-links are not allowed, so a diagonal entry is an agent with no links keeping its own position.
    const ListeningMatrix& W = *p.weights;
    const long long entries = W.IsSparse() ? W.sparse.nonZeros() : (W.dense.array() != 0.0).count();
    const long long isolated = W.IsSparse() ? (Eigen::VectorXd(W.sparse.diagonal()).array() != 0.0).count()
                                            : (W.dense.diagonal().array() != 0.0).count();
    const long long links = entries - isolated;
    std::cout << "  population: " << p.id << ", " << p.size << " agents behind " << w.actors[p.actor].id << " ("
              << p.network_description << "; " << links << (links == 1 ? " link, " : " links, ") << (p.IsSparse() ? "sparse" : "dense") << ")\n";
  }
  std::cout << "  files read: " << scenario.files.size() << "\n";
  for (const std::string& note : scenario.notes) std::cout << "  note:       " << note << "\n";
  return kExitOk;
}

}  // namespace diplosim
