// diplosim: the command-line entry point. Parses the subcommand, runs it, and
// maps typed errors to exit codes (0 ok, 1 run failed, 2 bad input or options).
#include <cstdio>
#include <iostream>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "app/cli_support.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/interrupt.h"
#include "app/mpi_session.h"
#include "app/usage_error.h"
#include "diplosim/version.h"
#include "output/output_error.h"
#include "output/terminal_text.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/scenario_error.h"
#include "sim/simulation.h"

namespace {

// What a command does under `mpirun -n N`, N > 1.
enum class UnderMpi {
  kSharesWork,  // the ranks share the work out (sweep)
  kRepeats,     // each rank prints the same thing, which does no harm
  kRefused,     // each rank would do the whole job and write the same file
};

// One subcommand: its usage line, what it does, and how it is run. Each takes
// the arguments after its name and the whole invocation (for provenance).
struct Command {
  const char* name;
  const char* usage;
  const char* summary;
  UnderMpi under_mpi;
  int (*run)(const std::vector<std::string>& args, const std::string& command_line);
};

// In the order the help lists them.
const Command kCommands[] = {
    {"run", "run SCENARIO -o FILE", "run Monte Carlo replicates of a scenario into an HDF5 file", UnderMpi::kRefused,
     diplosim::RunCommand},
    {"validate", "validate SCENARIO", "check a scenario file and print a short summary", UnderMpi::kRepeats,
     [](const std::vector<std::string>& args, const std::string&) { return diplosim::ValidateCommand(args); }},
    {"info", "info FILE", "show a result file's provenance and contents", UnderMpi::kRepeats,
     [](const std::vector<std::string>& args, const std::string&) { return diplosim::InfoCommand(args); }},
    {"models", "models", "list actor models (actions, parameters) and event types", UnderMpi::kRepeats,
     [](const std::vector<std::string>& args, const std::string&) { return diplosim::ModelsCommand(args); }},
    {"sweep", "sweep SWEEP -o FILE", "run a parameter sweep (threads, mpirun, or --shard i/n for job arrays)",
     UnderMpi::kSharesWork, diplosim::SweepCommand},
    {"merge", "merge SHARD... -o FILE", "join the shard files of a sweep", UnderMpi::kRefused, diplosim::MergeCommand},
    {"analyze", "analyze FILE", "Sobol sensitivity indices of a sobol sweep", UnderMpi::kRefused,
     [](const std::vector<std::string>& args, const std::string&) { return diplosim::AnalyzeCommand(args); }},
};

const Command* FindCommand(const std::string& name) {
  for (const Command& c : kCommands)
    if (name == c.name) return &c;
  return nullptr;
}

std::string Help() {
  std::string help =
      "diplosim — scenario simulation of multi-actor diplomatic dynamics\n\n"
      "Usage: diplosim COMMAND [options]   (diplosim help COMMAND, or COMMAND --help, for each)\n\n"
      "Commands:\n";
  char line[256];
  for (const Command& c : kCommands) {
    std::snprintf(line, sizeof line, "  %-23s %s\n", c.usage, c.summary);
    help += line;
  }
  return help +
         "\nExamples:\n"
         "  diplosim validate scenarios/syria-2016-17.yaml\n"
         "  diplosim run scenarios/syria-2016-17.yaml -o syria.h5 --replicates 1000 --threads 2\n"
         "  diplosim info syria.h5\n\n"
         "Exit codes: 0 success, 1 the run failed, 2 bad input or options, 130/143 interrupted.\n"
         "Options: --help, --version\n";
}

std::string JoinCommandLine(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    // Quoted unless every character means nothing to a shell: a ';', '*' or
    // line break left bare made the recorded command line run something else.
    const bool plain = !arg.empty() && arg.find_first_not_of(
                                           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                           "0123456789_./:=,+@%^-") == std::string::npos;
    if (!out.empty()) out += ' ';
    out += plain ? arg : diplosim::ShellQuoted(arg);
  }
  return out;
}

// Runs the chosen command and maps its typed errors to exit codes.
int Dispatch(int argc, char** argv) {
  using namespace diplosim;
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string help = "diplosim --help";  // a known command's usage errors point at its own help
  try {
    if (args.empty()) {
      std::cerr << Help();
      return kExitBadInput;
    }
    const std::string command = args.front();
    args.erase(args.begin());
    // "diplosim help run" is "diplosim run --help".
    if (command == "help" && !args.empty()) {
      std::vector<std::string> rest = {args.front(), "--help"};
      args.swap(rest);
    } else if (command == "--help" || command == "-h" || command == "help") {
      std::cout << Help();
      return kExitOk;
    }
    const std::string chosen = command == "help" ? args.front() : command;
    if (command == "help") args.erase(args.begin());
    if (chosen == "--version") {
      std::cout << "diplosim " << kVersion << " (output format " << kOutputFormatVersion << ")\n";
      return kExitOk;
    }
    const Command* found = FindCommand(chosen);
    if (!found) {
      std::vector<std::string> names;
      for (const Command& c : kCommands) names.push_back(c.name);
      std::string listed;
      for (const auto& name : names) listed += (listed.empty() ? "" : ", ") + name;
      // "diplosim version" or "-V" most likely asks for --version.
      std::vector<std::string> guesses = names;
      guesses.insert(guesses.end(), {"--version", "--help"});
      const bool version = chosen == "-v" || chosen == "-V";
      throw UsageError("unknown command '" + chosen + "'; expected one of " + listed +
                       (version ? std::string(" (did you mean '--version'?)") : DidYouMean(chosen, guesses)));
    }
    help = "diplosim " + chosen + " --help";
    InstallInterruptHandlers();
    if (const MpiSession& mpi = CurrentMpiSession(); mpi.size() > 1 && found->under_mpi == UnderMpi::kRefused) {
      if (mpi.rank() == 0)
        std::cerr << "diplosim: error: '" << chosen << "' does not share its work among MPI ranks: under mpirun with "
                  << mpi.size() << " ranks each would do all of it and write the same file; run it without mpirun"
                  << (chosen == "run" ? " (--threads N uses a machine's cores)" : "")
                  << ". MPI ranks share out the points of a sweep (docs/cluster.md)\n";
      return kExitBadInput;
    }
    return found->run(args, JoinCommandLine(argc, argv));
  } catch (const ScenarioError& e) {
    std::cerr << TerminalText(e.what()) << "\n";
    return kExitBadInput;
  } catch (const UsageError& e) {
    std::cerr << "diplosim: error: " << TerminalText(e.what()) << "\nTry '" << help << "'.\n";
    return kExitBadInput;
  } catch (const OutputError& e) {
    PrintError(e.what());
    return kExitRunFailed;
  } catch (const SimulationError& e) {
    std::cerr << "diplosim: run failed: " << TerminalText(e.what()) << "\n";
    return kExitRunFailed;
  } catch (const std::bad_alloc&) {
    // Limits catch what the inputs say up front; this is what they could not foresee (a memory cap, other processes).
    std::cerr << "diplosim: error: out of memory: the system refused an allocation; fewer actors, fewer threads "
                 "(--threads 1) or fewer recorded variables (--record) need less\n";
    return kExitRunFailed;
  } catch (const std::exception& e) {
    PrintError(e.what());
    return kExitRunFailed;
  }
}

// What a command printed must have been written: `sweep --emit-slurm > submit.sh`
// on a full disk otherwise leaves half a script and reports success.
int CheckStandardOutput(int code) {
  std::cout.flush();
  const bool lost = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (!lost) return code;
  std::cerr << "diplosim: error: cannot write standard output (disk full, or a file-size limit?); what it printed "
               "is incomplete\n";
  return code == diplosim::kExitOk ? diplosim::kExitRunFailed : code;
}

}  // namespace

int main(int argc, char** argv) {
  // MPI starts only when mpirun launched us; it ends when `session` goes out of scope.
  std::unique_ptr<diplosim::MpiSession> session = diplosim::MpiSession::Start(&argc, &argv);
  diplosim::SetCurrentMpiSession(session.get());
  return CheckStandardOutput(Dispatch(argc, argv));
}
