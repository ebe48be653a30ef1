#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>

#include "app/cli_support.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/interrupt.h"
#include "app/mpi_session.h"
#include "app/progress_bar.h"
#include "app/stale_files.h"
#include "app/sweep_runner.h"
#include "app/usage_error.h"
#include "diplosim/slurm_template.h"
#include "output/atomic_output.h"
#include "output/output_error.h"
#include "output/size_estimate.h"
#include "scenarios/sha256.h"
#include "sim/byte_text.h"

namespace diplosim {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSweepHelp = R"(Usage: diplosim sweep SWEEP -o FILE [options]

Runs a parameter sweep (docs/sweeps.md): every point of the design, each with
the sweep's replicates, summarised per outcome. Threads on one machine; under
`mpirun -n K` the points are spread over the ranks; with --shard i/n one of n
disjoint slices (Slurm job arrays), joined with `diplosim merge`.

Examples:
  diplosim sweep sweeps/syria-sensitivity.yaml -o sens.h5 --threads 2
  mpirun -n 4 diplosim sweep sweeps/syria-sensitivity.yaml -o sens.h5 --threads 1
  diplosim sweep sweeps/syria-sensitivity.yaml --shard 0/4 -o sens.shard-0.h5
  diplosim sweep sweeps/syria-sensitivity.yaml -o sens.h5 --resume      # after an interruption
  diplosim sweep sweeps/syria-sensitivity.yaml --plan-only -o design.csv
  diplosim sweep sweeps/syria-sensitivity.yaml --design design.csv -o sens.h5
  diplosim sweep sweeps/syria-sensitivity.yaml -o sens.h5 --emit-slurm --shards 8 > submit.sh
)";

std::pair<int, int> ParseShard(const std::string& text) {
  const std::size_t slash = text.find('/');
  int i = -1, n = 0;
  bool parsed = false;  // two integers written plainly: "1/4", not "01/4" or "1/4x"
  try {
    if (slash != std::string::npos) {
      i = std::stoi(text.substr(0, slash));
      n = std::stoi(text.substr(slash + 1));
      parsed = std::to_string(i) + "/" + std::to_string(n) == text;
    }
  } catch (const std::exception&) {
  }
  if (parsed && n >= 1 && i >= 0 && i < n) return {i, n};
  std::string why = "--shard: got '" + text + "'; expected i/n with 0 <= i < n, e.g. 0/4";
  // The last shard numbered from 1 (as a Slurm array of 1-n would): name the 0-based set.
  if (parsed && n > 1 && i == n)
    why += "; shards count from 0, so " + std::to_string(n) + " shards are 0/" + std::to_string(n) + " to " +
           std::to_string(n - 1) + "/" + std::to_string(n) + " (a Slurm array of --array=0-" + std::to_string(n - 1) +
           ")";
  throw UsageError(why);
}

std::string Absolute(const std::string& path) {
  std::error_code ec;
  const fs::path p = fs::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

// Fills each @NAME@ of a template with its value in one pass. A value is never
// searched again: a path that holds '@OUTPUT@' or '@SHARDS@' stays as it is
// (filled name by name, the first looped forever and the second wrote '2').
std::string FillTemplate(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t at; (at = text.find('@', pos)) != std::string::npos;) {
    const std::size_t end = text.find('@', at + 1);
    if (end == std::string::npos) break;
    const auto value = values.find(text.substr(at + 1, end - at - 1));
    if (value == values.end()) {  // not a name: keep the text, and let its second '@' open the next one
      out.append(text, pos, end - pos);
      pos = end;
      continue;
    }
    out.append(text, pos, at - pos);
    out += value->second;
    pos = end + 1;
  }
  out.append(text, pos);
  return out;
}

// A path as the script's comment line shows it: a line break there would end
// the comment and run the rest of the path as a command.
std::string OnOneLine(std::string path) {
  for (char& c : path)
    if (c == '\n' || c == '\r') c = '?';
  return path;
}

// An #SBATCH --output value is a filename pattern, in which '%u' is the user's
// name: the path's own '%' is written '%%' (checked on a real Slurm).
std::string SlurmFilenamePattern(const std::string& path) {
  std::string pattern;
  for (const char c : path) pattern += c == '%' ? std::string("%%") : std::string(1, c);
  return pattern;
}

// The options that decide what the sweep is (--set, --profiles, --design), as
// shell words for the array tasks, so that the cluster runs the sweep that was
// validated here; paths made absolute, since the tasks start elsewhere.
std::string SweepDefiningArguments(const po::variables_map& vm) {
  std::string words;
  if (vm.count("set"))
    for (const auto& s : vm["set"].as<std::vector<std::string>>()) words += " --set " + ShellQuoted(s);
  if (vm.count("profiles"))
    for (const auto& p : vm["profiles"].as<std::vector<std::string>>())
      words += " --profiles " + ShellQuoted(Absolute(p));
  if (vm.count("design")) words += " --design " + ShellQuoted(Absolute(vm["design"].as<std::string>()));
  return words;
}

std::string SlurmScript(const std::string& sweep, const std::string& output, int shards, int threads,
                        std::uint64_t thread_bytes, const std::string& sweep_arguments, bool force) {
  char exe[4096] = {0};
  const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  return FillTemplate(kSlurmSubmitTemplate,
                      {{"DIPLOSIM", ShellQuoted(n > 0 ? std::string(exe, n) : std::string("diplosim"))},
                       {"SWEEP_ARGS", ShellQuoted(Absolute(sweep)) + sweep_arguments},
                       {"OUTPUT_WORD", ShellQuoted(Absolute(output))},
                       {"MERGE_FORCE", force ? " --force" : ""},
                       {"SWEEP", OnOneLine(Absolute(sweep))},
                       {"OUTPUT", OnOneLine(Absolute(output))},
                       {"OUTPUT_PATTERN", SlurmFilenamePattern(Absolute(output))},
                       {"SHARDS", std::to_string(shards)},
                       {"LAST_SHARD", std::to_string(shards - 1)},
                       {"THREADS", std::to_string(threads)},
                       {"THREAD_MEMORY", HumanBytes(static_cast<double>(thread_bytes))}});
}

// The files a sweep reads: the sweep file, its base scenario's files, a design.
std::vector<std::string> SweepInputs(const po::variables_map& vm, const SweepSpec& sweep) {
  std::vector<std::string> inputs = sweep.base.files;
  inputs.push_back(vm["sweep"].as<std::string>());
  if (vm.count("design")) inputs.push_back(vm["design"].as<std::string>());
  return inputs;
}

}  // namespace

int SweepCommand(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("sweep", po::value<std::string>(), "sweep file (YAML)")(
      "output,o", po::value<std::string>(),
      "result file (HDF5); with --plan-only the design CSV ('-': standard output)")(
      "threads,t", po::value<int>(), "worker threads per process (default: the cores this process may use)")(
      "resume", "continue an interrupted sweep: finished points are kept, not rerun")(
      "force,f", "overwrite an existing result and discard any interrupted run")(
      "shard", po::value<std::string>(), "run only slice i of n (i/n), for job arrays; join with diplosim merge")(
      "max-memory", po::value<std::string>(),
      "refuse sweeps whose worker threads, over all MPI ranks on a node, would need more memory than this "
      "(default: what this process may take now: the machine's free memory, its memory cgroup's room, its "
      "Slurm job's --mem), e.g. 4G")(
      "design", po::value<std::string>(),
      "run the points of this CSV (one column per parameter path) instead of the sampler's")(
      "plan-only", "write the design the sampler would run (CSV) to -o and stop")(
      "emit-slurm", "print a script that submits the sweep to Slurm as a job array plus a merge job")(
      "shards", po::value<int>()->default_value(4), "number of array tasks for --emit-slurm")(
      "quiet,q", "no progress and no summary");
  AddScenarioOptions(options);
  po::positional_options_description positional;
  positional.add("sweep", 1);
  const std::optional<po::variables_map> parsed =
      ParseCommandLineOrShowHelp(args, options, positional, std::string(kSweepHelp) + "\n");
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("sweep")) throw UsageError("sweep: missing SWEEP; expected 'diplosim sweep SWEEP -o FILE'");
  if (!vm.count("output")) throw UsageError("sweep: missing -o FILE; expected 'diplosim sweep SWEEP -o FILE'");
  const std::string sweep_path = vm["sweep"].as<std::string>();
  const std::string output = vm["output"].as<std::string>();
  const bool quiet = vm.count("quiet") > 0;
  SweepRunOptions run;
  run.output = output;
  run.force = vm.count("force") > 0;
  run.resume = vm.count("resume") > 0;
  run.threads = ResolveThreads(vm, "sweep", quiet);
  if (vm.count("shard")) std::tie(run.shard_index, run.shard_count) = ParseShard(vm["shard"].as<std::string>());
  if (vm.count("emit-slurm")) {
    const int shards = vm["shards"].as<int>();
    if (shards < 1) throw UsageError("sweep: --shards must be >= 1");
    if (vm.count("shard"))
      throw UsageError(
          "sweep: --shard runs one shard, --emit-slurm writes the script that runs them all (--shards "
          "N); expected one or the other");
    // Validate before anything is submitted, the design and the output folder too:
    // Slurm cannot write a task's log into a folder that does not exist.
    SweepSpec sweep = LoadSweep(sweep_path, MakeLoadOptions(vm, sweep_path));
    const Design design = vm.count("design") ? ReadDesignCsv(vm["design"].as<std::string>(), sweep, &sweep.design_cells)
                                             : MakeDesign(sweep);
    const int points = design.NumPoints();
    if (shards > points)  // shard i runs points i, i + N, …: beyond the design's size a task would run nothing
      throw UsageError("sweep: --shards " + std::to_string(shards) + " is more than the sweep's " +
                       std::to_string(points) + " points; expected at most " + std::to_string(points) +
                       " (one point a task)");
    // Said before submission, where a failing point would cost a queued task.
    if (!quiet)
      for (const std::string& note : vm.count("design") ? DesignNotes(sweep, design) : sweep.range_notes)
        PrintNote(note);
    // Slurm's MaxArraySize is 1001 unless the cluster raised it: sbatch would refuse the array.
    if (shards > 1001 && !quiet)
      std::cerr << "note: --array=0-" << shards - 1 << " needs a cluster whose MaxArraySize (slurm.conf; 1001 by "
                << "default, array indices 0-1000) is above " << shards - 1 << "; fewer shards need no change\n";
    try {
      CheckOutputTarget(output, run.force);  // the merge job would refuse it after all the work
      CheckNotAnInput(output, SweepInputs(vm, sweep));
      // #SBATCH lines take a path in double quotes (for spaces), with no way to
      // escape one; sbatch drops a backslash from a log's path and then stops
      // expanding %a, so every task would write one log.
      const std::string absolute = Absolute(output);
      if (const std::size_t bad = absolute.find_first_of("\"\n\r\\"); bad != std::string::npos) {
        const char c = absolute[bad];
        throw OutputError("output path '" + OnOneLine(output) + "' holds " +
                          (c == '"'    ? "a '\"'"
                           : c == '\\' ? "a backslash"
                                       : "a line break") +
                          ", which an #SBATCH line cannot carry; expected a plainer path for --emit-slurm");
      }
    } catch (const OutputError& e) {
      PrintError(e.what());
      return kExitBadInput;
    }
    std::cout << SlurmScript(sweep_path, output, shards, vm.count("threads") ? run.threads : 1,
                             SweepThreadBytes(*sweep.base_world), SweepDefiningArguments(vm), run.force);
    return kExitOk;
  }

  SweepSpec sweep = LoadSweep(sweep_path, MakeLoadOptions(vm, sweep_path));
  if (!quiet && CurrentMpiSession().rank() == 0)
    for (const std::string& note : sweep.scenario_notes) PrintNote(note);
  Design design;
  if (vm.count("design")) {
    const std::string design_path = vm["design"].as<std::string>();
    design = ReadDesignCsv(design_path, sweep, &sweep.design_cells);
    // The design is part of what the sweep is: shards and resumes must agree on it.
    sweep.sha256 = Sha256Hex(sweep.sha256 + DesignCsv(sweep, design));
    run.design_label = "design:" + design_path;
    if (!quiet && CurrentMpiSession().rank() == 0)
      for (const std::string& note : DesignNotes(sweep, design)) PrintNote(note);
  } else {
    design = MakeDesign(sweep);
    run.design_label = SamplerName(sweep.sampler);
    if (!quiet && CurrentMpiSession().rank() == 0) {
      if (const std::string note = SamplerNote(sweep); !note.empty()) PrintNote(note);
      for (const std::string& note : sweep.range_notes) PrintNote(note);
    }
  }
  // A design is text: "-o -" prints it, for a pipe (the result of a sweep is HDF5 and needs a file).
  if (vm.count("plan-only") && output == "-") {
    std::cout << DesignCsv(sweep, design);
    return kExitOk;
  }
  try {
    CheckNotAnInput(output, SweepInputs(vm, sweep));
  } catch (const OutputError& e) {
    PrintError(e.what());
    return kExitBadInput;
  }
  if (vm.count("plan-only")) {
    CleanStaleTemporaries(output);  // what a signal during an earlier plan left behind
    AtomicOutput target(output, run.force);
    {
      std::ofstream csv(target.temp_path());
      csv << DesignCsv(sweep, design);
      csv.close();
      // A stream fails quietly: unchecked, a full disk left a truncated design under the final name, exit 0.
      if (!csv)
        throw OutputWriteError("cannot write the design to '" + target.temp_path() +
                               "' (disk full or a file-size limit?); no file was left under '" + output + "'");
    }
    target.Commit();
    if (!quiet)
      std::cout << "Wrote " << output << ": " << CountOf(design.NumPoints(), "point") << " × "
                << CountOf(static_cast<long long>(sweep.parameters.size()), "parameter") << " (" << run.design_label
                << ")\n";
    return kExitOk;
  }

  // Each worker thread binds every point's own world and simulates on a copy
  // of its state: two copies of the state per thread, gigabytes with
  // thousands of actors or millions of agents, for which the kernel would
  // kill the sweep part-way. MPI ranks on one node share its memory
  // (what QueryAvailableMemory finds, or --max-memory), so the check counts all of them; a node
  // that cannot hold its ranks stops every rank, each node's first rank saying why.
  MpiSession& session = CurrentMpiSession();
  const std::uint64_t per_thread = SweepThreadBytes(*sweep.base_world);
  const long double per_rank = static_cast<long double>(per_thread) * run.threads;
  const long double on_node = per_rank * session.node_size();
  const std::optional<AvailableMemory> limit = MemoryLimit(vm);
  const bool refused_here = limit && on_node > limit->bytes;
  if (session.MaxOverRanks(refused_here ? 1 : 0) > 0) {
    if (refused_here && session.node_rank() == 0) {
      const int node_ranks = session.node_size();
      const std::uint64_t fits = limit->bytes / (per_thread * node_ranks);
      const std::string ranks = node_ranks > 1 ? " and " + std::to_string(node_ranks) + " ranks on this node" : "";
      std::string advice = "Use --threads " + std::to_string(fits);
      if (fits < 1 && node_ranks > 1)
        advice = "Even one thread a rank needs more: start fewer ranks on a node, or use fewer actors";
      else if (fits < 1 && PopulationAgents(*sweep.base_world) > 0)
        advice = "Even one thread needs more: use fewer actors or agents";
      else if (fits < 1)
        advice = "Even one thread needs more: use fewer actors (populations hold agents sparsely)";
      std::cerr
          << "diplosim: error: each worker thread holds a point's own world and a copy of its state to simulate on: "
          << HumanBytes(static_cast<double>(per_thread)) << " for " << StateContents(*sweep.base_world) << ", so "
          << HumanBytes(static_cast<double>(on_node)) << " with --threads " << run.threads << ranks
          << ", more than the " << HumanBytes(static_cast<double>(limit->bytes)) << " " << limit->source << ".\n  "
          << advice << ", or " << limit->remedy << ".\n";
    }
    return kExitBadInput;
  }

  run.command_line = command_line;
  run.progress = !quiet;
  run.cancel = &InterruptRequested();
  EnableGracefulInterrupt();  // from here a signal saves the finished points and stops
  SweepRunReport report;
  if (session.rank() == 0) CleanStaleTemporaries(output);
  try {
    report = RunSweep(sweep, design, run, session);
  } catch (const OutputWriteError& e) {
    PrintError(e.what());
    return kExitRunFailed;
  } catch (const OutputError& e) {
    PrintError(e.what());
    return kExitBadInput;
  }
  if (report.interrupted) {
    // Each rank knows only its own points (every rank prints this line).
    if (session.size() > 1)
      std::cerr << "diplosim: rank " << session.rank() << " interrupted; the " << report.ran
                << " points it ran are saved in its journal"
                << (report.reused > 0 ? " (as are the " + std::to_string(report.reused) + " from before)" : "")
                << "; continue with --resume\n";
    else
      std::cerr << "diplosim: interrupted; " << report.reused + report.ran << " of " << report.points
                << " points are saved; continue with --resume\n";
    return kExitInterrupted + InterruptSignal();
  }
  if (report.already_complete) {
    if (session.rank() == 0 && !quiet) std::cout << output << " is already complete; nothing to resume\n";
    return kExitOk;
  }
  if (session.rank() == 0 && !quiet) {
    const int total = report.points;
    std::cout << "Wrote " << output << ": " << CountOf(total, "point") << " × "
              << CountOf(sweep.replicates, "replicate") << " (" << run.design_label << ")";
    if (run.shard_count > 1) std::cout << ", shard " << run.shard_index << "/" << run.shard_count;
    std::cout << "\n  ran " << report.ran << (session.size() > 1 ? " on this rank" : "") << ", reused " << report.reused
              << " from an interrupted run, " << report.failed << " failed\n";
    char line[160];
    if (report.points == 0)
      std::snprintf(line, sizeof line, "  %.2f s (no point of the design falls in this shard)\n", report.seconds);
    else if (report.points > report.reused)
      std::snprintf(line, sizeof line, "  %.2f s, %.1f points/s, %s × %s\n", report.seconds,
                    (report.points - report.reused) / std::max(report.seconds, 1e-9),
                    CountOf(session.size(), "process").c_str(), CountOf(run.threads, "thread").c_str());
    else
      std::snprintf(line, sizeof line, "  %.2f s (no point left to run)\n", report.seconds);
    std::cout << line;
  }
  if (report.failed > 0) {
    if (session.rank() == 0)
      std::cerr << "diplosim: " << report.failed << " of " << report.points
                << " points failed; their errors are in the file's 'error' variable\n";
    return kExitRunFailed;
  }
  return kExitOk;
}

}  // namespace diplosim
