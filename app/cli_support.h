#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "output/available_memory.h"
#include "output/output_error.h"
#include "scenarios/scenario.h"

namespace diplosim {

namespace po = boost::program_options;

// Parses a subcommand's arguments; Boost's errors become UsageError.
po::variables_map ParseCommandLine(const std::vector<std::string>& args, const po::options_description& options,
                                   const po::positional_options_description& positional);

// The same for a command with --help: when it is given, prints `usage` (the
// usage line and what the command does) and the options, and returns nullopt.
std::optional<po::variables_map> ParseCommandLineOrShowHelp(const std::vector<std::string>& args,
                                                            const po::options_description& options,
                                                            const po::positional_options_description& positional,
                                                            const std::string& usage);

// The user's folders of actor profiles, searched in order: --profiles,
// $DIPLOSIM_PROFILES (colon-separated), <scenario folder>/profiles.
std::vector<std::string> ProfileDirs(const std::string& scenario_path, const std::vector<std::string>& extra);
// The repository's actors/profiles, searched last.
std::vector<std::string> StockProfileDirs();

// Load options from the common --set / --profiles flags.
LoadOptions MakeLoadOptions(const po::variables_map& vm, const std::string& scenario_path);

// Messages on stderr: "diplosim: error: MESSAGE" and "note: MESSAGE", the
// message as TerminalText, since it may quote a scenario's or a file's text.
void PrintError(const std::string& message);
// An error reading a result file; one that is missing gets where it was looked
// for and the closest name beside it, as a missing scenario does.
void PrintError(const OutputError& error);
void PrintNote(const std::string& message);

// "1 point", "24 points", "2 processes": a count with its noun in the right number.
std::string CountOf(long long count, const std::string& noun);

// One shell word that never spans lines: 'text', with any ' inside written as
// '\''; text with a line break or another control character is written in
// bash's $'…' form instead (\n, \xHH), since a raw line break in a script's
// word can end a here-document early and run the rest as commands.
std::string ShellQuoted(const std::string& text);

// --threads, or all the cores this process may use (QueryAvailableCores:
// its CPU affinity and cgroup quota count) when it is not given; must be >= 1 (UsageError
// naming `command`). More threads than cores gives a note on stderr unless
// `quiet`: they add memory and switching, never speed.
int ResolveThreads(const po::variables_map& vm, const std::string& command, bool quiet);

// The memory a command may plan for: --max-memory (UsageError if it is not a
// size), else what this process may take now (QueryAvailableMemory: the
// machine's free memory, its cgroup's room, its Slurm job's memory), else nullopt.
std::optional<AvailableMemory> MemoryLimit(const po::variables_map& vm);

// Options shared by the commands that read a scenario.
void AddScenarioOptions(po::options_description& options);

}  // namespace diplosim
