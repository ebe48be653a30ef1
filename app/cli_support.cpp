#include "app/cli_support.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/usage_error.h"
#include "output/available_cores.h"
#include "output/available_memory.h"
#include "output/size_estimate.h"
#include "output/terminal_text.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/missing_file_hint.h"

#ifndef DIPLOSIM_SOURCE_PROFILE_DIR
#define DIPLOSIM_SOURCE_PROFILE_DIR ""
#endif

namespace diplosim {

po::variables_map ParseCommandLine(const std::vector<std::string>& args, const po::options_description& options,
                                   const po::positional_options_description& positional) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> known;
    for (const auto& option : options.options())
      if (!option->long_name().empty()) known.push_back("--" + option->long_name());
    throw UsageError(std::string(e.what()) + DidYouMean(e.get_option_name(), known));
  } catch (const po::invalid_option_value& e) {
    // Boost says only that the text is invalid; say what the option takes, as --seed's check does.
    const po::option_description* option = options.find_nothrow(e.get_option_name().substr(2), false);
    const bool whole = option && dynamic_cast<const po::typed_value<int>*>(option->semantic().get());
    // Boost's text quotes the value as "the argument ('1e3') for option …"; without it, name the option only.
    const std::string text = e.what();
    const std::size_t open = text.find("('"), close = text.find("')");
    const std::string got =
        open != std::string::npos && close > open ? ": got '" + text.substr(open + 2, close - open - 2) + "'" : "";
    throw UsageError(e.get_option_name() + got + "; expected " +
                     (whole ? "a whole number in plain digits (1000, not 1e3 or 1,000)" : "a number such as 0.9"));
  } catch (const po::too_many_positional_options_error&) {
    // Boost does not say which word was one too many: parse again without
    // positions, and name the first word past the ones the command takes.
    std::vector<std::string> words;
    try {
      words = po::collect_unrecognized(po::command_line_parser(args).options(options).run().options,
                                       po::include_positional);
    } catch (const po::error&) {
    }
    const unsigned taken = positional.max_total_count();
    const std::string extra = words.size() > taken ? " '" + words[taken] + "'" : "";
    std::string name = taken > 0 ? positional.name_for_position(0) : "";
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    throw UsageError("unexpected argument" + extra + "; expected " +
                     (taken == 1 ? "a single " + name : std::to_string(taken) + " arguments") +
                     " (options start with -, and a path with spaces needs quotes)");
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return vm;
}

std::optional<po::variables_map> ParseCommandLineOrShowHelp(const std::vector<std::string>& args,
                                                            const po::options_description& options,
                                                            const po::positional_options_description& positional,
                                                            const std::string& usage) {
  po::variables_map vm = ParseCommandLine(args, options, positional);
  if (!vm.count("help")) return vm;
  std::cout << usage << options;
  return std::nullopt;
}

std::vector<std::string> ProfileDirs(const std::string& scenario_path, const std::vector<std::string>& extra) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // A mistyped folder must not fall back silently to the stock profiles, which
  // would run the scenario with other actors' values than the user meant.
  auto must_be_folder = [&](const std::string& dir, const std::string& named_by) {
    if (!fs::is_directory(dir, ec))
      throw UsageError(named_by + " '" + dir + "': " + (fs::exists(dir, ec) ? "not a folder" : "no such folder") +
                       "; expected a folder of actor profiles (NAME.yaml)");
  };
  std::vector<std::string> dirs;
  for (const auto& dir : extra) {
    must_be_folder(dir, "--profiles");
    dirs.push_back(dir);
  }
  if (const char* env = std::getenv("DIPLOSIM_PROFILES")) {
    std::string all = env;
    for (std::size_t start = 0; start <= all.size();) {
      const std::size_t colon = all.find(':', start);
      const std::string part = all.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (!part.empty()) {
        must_be_folder(part, "DIPLOSIM_PROFILES names");
        dirs.push_back(part);
      }
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
  const fs::path scenario_dir = fs::path(scenario_path).parent_path();
  if (fs::is_directory(scenario_dir / "profiles", ec)) dirs.push_back((scenario_dir / "profiles").string());
  return dirs;
}

std::vector<std::string> StockProfileDirs() {
  std::error_code ec;
  const std::string source_dir = DIPLOSIM_SOURCE_PROFILE_DIR;
  if (!source_dir.empty() && std::filesystem::is_directory(source_dir, ec)) return {source_dir};
  return {};
}

void AddScenarioOptions(po::options_description& options) {
  options.add_options()
      ("set", po::value<std::vector<std::string>>()->composing(),
       "override a scenario value by path, PATH=VALUE (repeatable), e.g. actors.russia.capability.military=0.5")
      ("profiles", po::value<std::vector<std::string>>()->composing(), "extra folder of actor profiles (repeatable)");
}

LoadOptions MakeLoadOptions(const po::variables_map& vm, const std::string& scenario_path) {
  LoadOptions options;
  std::vector<std::string> extra;
  if (vm.count("profiles")) extra = vm["profiles"].as<std::vector<std::string>>();
  options.profile_dirs = ProfileDirs(scenario_path, extra);
  options.stock_profile_dirs = StockProfileDirs();
  if (vm.count("set"))
    for (const auto& s : vm["set"].as<std::vector<std::string>>()) options.overrides.push_back(ParseOverrideArgument(s));
  // A stakeholder table too large for this machine is refused while loading, before its state is allocated.
  // Building a network of millions of agents takes seconds: say what the wait is.
  if (!vm.count("quiet")) options.on_long_step = [](const std::string& step) { PrintNote(step); };
  if (const std::optional<AvailableMemory> memory = QueryAvailableMemory()) {
    options.limits.max_actor_state_bytes = memory->bytes;
    options.limits.max_actor_state_source = memory->source;
  }
  return options;
}

void PrintError(const std::string& message) { std::cerr << "diplosim: error: " << TerminalText(message) << "\n"; }

void PrintError(const OutputError& error) {
  const auto* missing = dynamic_cast<const MissingResultError*>(&error);
  // "-" is no file name here: the readers take paths only, and the hint for it speaks of scenarios.
  PrintError(missing && missing->path() != "-" ? error.what() + MissingFileHint(missing->path()) : error.what());
}

void PrintNote(const std::string& message) { std::cerr << "note: " << TerminalText(message) << "\n"; }

std::string CountOf(long long count, const std::string& noun) {
  if (count == 1) return "1 " + noun;
  const bool sibilant = !noun.empty() && (noun.back() == 's' || noun.back() == 'x');  // process → processes
  return std::to_string(count) + " " + noun + (sibilant ? "es" : "s");
}

std::string ShellQuoted(const std::string& text) {
  const auto control = [](unsigned char c) { return c < 0x20 || c == 0x7f; };
  if (std::none_of(text.begin(), text.end(), control)) {
    std::string word = "'";
    for (char c : text) word += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return word + "'";
  }
  std::string word = "$'";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == '\'') {
      word += '\\';
      word += c;
    } else if (c == '\n') {
      word += "\\n";
    } else if (c == '\t') {
      word += "\\t";
    } else if (control(byte)) {
      static constexpr char kHex[] = "0123456789abcdef";
      word += "\\x";
      word += kHex[byte >> 4];
      word += kHex[byte & 15];
    } else {
      word += c;
    }
  }
  return word + "'";
}

std::optional<AvailableMemory> MemoryLimit(const po::variables_map& vm) {
  if (!vm.count("max-memory")) return QueryAvailableMemory();
  const std::string text = vm["max-memory"].as<std::string>();
  const std::optional<std::uint64_t> limit = ParseBytes(text);
  if (!limit)
    throw UsageError("--max-memory: got '" + text +
                     "'; expected a size such as 4G, 1.5G or 4GiB (powers of 1000, or 1024 with an i)");
  return AvailableMemory{*limit, "of --max-memory"};
}

int ResolveThreads(const po::variables_map& vm, const std::string& command, bool quiet) {
  const AvailableCores cores = QueryAvailableCores();
  if (!vm.count("threads")) return cores.count;
  const int threads = vm["threads"].as<int>();
  if (threads < 1) throw UsageError(command + ": threads = " + std::to_string(threads) + "; must be >= 1");
  if (threads > cores.count && !quiet)
    std::cerr << "note: --threads " << threads << " is more than " << cores.source
              << "; the extra threads add memory and switching, not speed\n";
  return threads;
}

}  // namespace diplosim
