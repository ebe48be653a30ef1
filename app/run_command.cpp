#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "app/cli_support.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/interrupt.h"
#include "app/progress_bar.h"
#include "app/stale_files.h"
#include "app/usage_error.h"
#include "diplosim/version.h"
#include "output/atomic_output.h"
#include "output/output_error.h"
#include "output/run_writer.h"
#include "output/size_estimate.h"
#include "output/summary.h"
#include "scenarios/csv_rows.h"
#include "scenarios/did_you_mean.h"
#include "sim/byte_text.h"
#include "sim/monte_carlo.h"

namespace diplosim {

namespace {

constexpr std::uint64_t kNamedStateBytes = 1'000'000;

// The first remedies every size and memory message gives: the light group, then
// a short list (`short_list`: its names and how many they are).
std::string FewerVariablesAdvice(const std::string& short_list) {
  return "Record fewer variables (--record actors,tables leaves out the actor × actor matrices; --record " +
         short_list + "), fewer time points (--every 7)";
}

constexpr const char* kRunHelp = R"(Usage: diplosim run SCENARIO -o FILE [options]

Runs a scenario's Monte Carlo replicates and writes the result to an HDF5 file.

Examples:
  diplosim run scenarios/syria-2016-17.yaml -o syria.h5
  diplosim run scenarios/syria-2016-17.yaml -o syria.h5 --replicates 1000 --threads 2
  diplosim run scenarios/syria-2016-17.yaml -o small.h5 --record position,forecast --every 7
  diplosim run scenarios/syria-2016-17.yaml -o light.h5 --record actors,tables --replicates 10000
  diplosim run scenarios/syria-2016-17.yaml -o what-if.h5 --set actors.russia.capability.military=0.5
)";

// The variables and tables of a --record list; `named` gets the variables it names
// one by one (not through a group such as `all`).
RecordSpec ParseRecord(const std::string& list, std::vector<Variable>* named) {
  RecordSpec spec;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    // "position, forecast": spaces after the commas, as people type lists.
    const std::string name = WithoutSpaces(
        std::string_view(list).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (spec.Enable(name)) {
      if (const auto v = VariableFromName(name)) named->push_back(*v);
    } else {
      throw UsageError("--record: unknown variable '" + name + "'; expected a comma-separated list of: " +
                       RecordSpec::Listed() + DidYouMean(name, RecordSpec::NamesAndGroups()));
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return spec;
}

class WritingSink final : public ReplicateSink {
 public:
  WritingSink(RunWriter& writer, RunSummary& summary) : writer_(writer), summary_(summary) {}
  void Prepare(Trajectory& t) const override { writer_.Encode(t); }
  bool ConsumesValues() const override { return false; }  // Write stores Encode's chunks
  void Consume(const Trajectory& t) override {
    writer_.Write(t);
    summary_.Add(t);
  }

 private:
  RunWriter& writer_;
  RunSummary& summary_;
};

// Program options would read "-1" as 2^64 − 1 without a word; a seed is digits only.
std::uint64_t ParseSeed(const std::string& text) {
  std::uint64_t seed = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    throw UsageError("--seed: got '" + text + "'; expected a whole number from 0 to 18446744073709551615");
  return seed;
}

}  // namespace

int RunCommand(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("scenario", po::value<std::string>(), "scenario file (YAML)")
      ("output,o", po::value<std::string>(), "result file to write (HDF5)")
      ("replicates,r", po::value<int>(), "Monte Carlo replicates (default: the scenario's run.replicates, else 100)")
      ("threads,t", po::value<int>(),
       "worker threads (default: the cores this process may use); results do not depend on it")
      ("seed,s", po::value<std::string>(), "master seed (default: the scenario's run.seed, else 1)")
      ("record", po::value<std::string>(),
       "comma-separated variables and tables (events, actions) to record, or groups: actors (no actor-by-actor "
       "matrices: about a quarter of the bytes), matrices, tables, all (default: the scenario's, else all)")
      ("every", po::value<int>(), "record every K-th time point (the last is always recorded)")
      ("force,f", "overwrite an existing result file")
      ("max-output", po::value<std::string>()->default_value("20G"),
       "refuse runs whose output would exceed this size (uncompressed estimate), e.g. 500M, 20G, 2T")
      ("max-memory", po::value<std::string>(),
       "refuse runs whose recordings in flight would need more memory than this (default: what this process "
       "may take now: the machine's free memory, its memory cgroup's room, its Slurm job's --mem), e.g. 4G")
      ("quiet,q", "print no summary and no progress");
  AddScenarioOptions(options);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const std::optional<po::variables_map> parsed =
      ParseCommandLineOrShowHelp(args, options, positional, std::string(kRunHelp) + "\n");
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("scenario")) throw UsageError("run: missing SCENARIO; expected 'diplosim run SCENARIO -o FILE'");
  if (!vm.count("output")) throw UsageError("run: missing -o FILE; expected 'diplosim run SCENARIO -o FILE'");
  const std::string scenario_path = vm["scenario"].as<std::string>();
  const std::string output = vm["output"].as<std::string>();
  const bool quiet = vm.count("quiet") > 0;

  const Scenario scenario = LoadScenario(scenario_path, MakeLoadOptions(vm, scenario_path));
  const World& world = *scenario.world;
  if (!quiet)
    for (const std::string& note : scenario.notes) PrintNote(note);

  MonteCarloOptions mc;
  mc.replicates = vm.count("replicates") ? vm["replicates"].as<int>() : scenario.run.replicates;
  mc.seed = vm.count("seed") ? ParseSeed(vm["seed"].as<std::string>()) : scenario.run.seed;
  mc.threads = ResolveThreads(vm, "run", quiet);
  mc.cancel = &InterruptRequested();
  std::string why;
  if (!mc.IsValid(&why)) throw UsageError("run: " + why);
  std::vector<Variable> named;
  RecordSpec record = scenario.record;
  if (vm.count("record")) {  // what to record; how often stays the scenario's record.every unless --every says
    record = ParseRecord(vm["record"].as<std::string>(), &named);
    record.every = scenario.record.every;
  }
  for (const Variable v : named)  // `all` records what exists; a name given on purpose must exist
    if (const std::string_view missing = MissingFor(v, !world.ceasefires.empty(), !world.populations.empty());
        !missing.empty())
      throw UsageError("--record " + std::string(Info(v).name) + ": this scenario has no " + std::string(missing) +
                       "; expected variables it can record");
  if (vm.count("every")) record.every = vm["every"].as<int>();
  if (!record.IsValid(&why)) throw UsageError("run: --every: " + why);
  // The scenario's own record.every is noted (with its location) by the loader.
  if (const std::string note = record.EveryAsDaysNote(world.calendar.step_days);
      !quiet && vm.count("every") && !note.empty())
    std::cerr << "note: --" << note << "\n";

  // Refuse absurd sizes before anything is written (or allocated).
  const auto limit = ParseBytes(vm["max-output"].as<std::string>());
  if (!limit)
    throw UsageError("--max-output: got '" + vm["max-output"].as<std::string>() +
                     "'; expected a size such as 500M, 1.5G, 2T or 4GiB (powers of 1000, or 1024 with an i)");
  const std::uint64_t estimate = EstimateRunBytes(world, record, mc.replicates);
  if (estimate > *limit) {
    std::cerr << "diplosim: error: the output would hold about " << HumanBytes(static_cast<double>(estimate))
              << " uncompressed (" << mc.replicates << (mc.replicates == 1 ? " replicate × " : " replicates × ")
              << record.TimeIndices(world.calendar.NumSteps()).size()
              << " time points × the recorded variables); the limit is " << HumanBytes(static_cast<double>(*limit))
              << ".\n  " << FewerVariablesAdvice("position,forecast keeps two")
              << ", fewer replicates (-r), or raise --max-output.\n";
    return kExitBadInput;
  }
  // A run that fills its disk stops part-way with "disk full", perhaps hours
  // in; say so before it starts, even with --quiet (a batch job's log is where
  // it will be read). A warning, not a refusal: the estimate is uncompressed.
  {
    std::error_code ec;
    const std::filesystem::path folder = std::filesystem::absolute(output, ec).parent_path();
    const std::filesystem::space_info space = std::filesystem::space(folder, ec);
    // A capacity of 0 is a file system that keeps no block counts (procfs, some FUSE mounts): nothing to compare.
    if (!ec && space.capacity > 0 && estimate > space.available)
      std::cerr << "warning: the output may take up to " << HumanBytes(static_cast<double>(estimate))
                << " uncompressed, and the file system holding " << folder.string() << " has "
                << HumanBytes(static_cast<double>(space.available))
                << " free. Compression often leaves a third to a half of it; if the disk fills, the run stops with "
                   "'disk full' and leaves no result.\n  "
                << FewerVariablesAdvice("position,forecast keeps two")
                << ", fewer replicates (-r), or write elsewhere.\n";
  }
  // Each replicate's recording is held whole until it is written, several at
  // once: with hundreds of actors the actor × actor variables make that
  // gigabytes, and the kernel would kill the run part-way.
  const std::optional<AvailableMemory> memory_limit = MemoryLimit(vm);
  const MemoryInFlight memory = EstimateMemoryInFlight(world, record, mc);
  if (memory_limit && memory.bytes > memory_limit->bytes) {
    // Worth naming only where it weighs: beside tens of actors the state is kilobytes.
    const std::string state_note = memory.state_per_thread >= kNamedStateBytes
                                       ? ", beside each thread's copy of the state (" +
                                             HumanBytes(static_cast<double>(memory.state_per_thread)) + ": " +
                                             StateContents(world) + ")"
                                       : std::string();
    std::cerr << "diplosim: error: each replicate's recording takes about "
              << HumanBytes(static_cast<double>(memory.per_replicate)) << " in memory until it is written ("
              << world.NumActors() << " actors: actor × actor variables grow with their square), and " << memory.held
              << " are held at once with --threads " << memory.threads << state_note << ": about "
              << HumanBytes(static_cast<double>(memory.bytes))
              << (memory.released ? " (each once: its values are freed as they are compressed)"
                                  : " as encoded chunks, beside each thread's values as it records them")
              << ", more than the " << HumanBytes(static_cast<double>(memory_limit->bytes)) << " "
              << memory_limit->source << ".\n  " << FewerVariablesAdvice("position,forecast,events keeps three")
              << ", use fewer threads (--threads 1), or " << memory_limit->remedy << ".\n";
    return kExitBadInput;
  }

  Provenance provenance;
  provenance.diplosim_version = kVersion;
  provenance.title = world.title;
  provenance.scenario_file = scenario.main_file;
  provenance.scenario_text = scenario.main_text;
  provenance.scenario_sha256 = scenario.main_sha256;
  provenance.resolved_text = scenario.resolved_yaml;
  provenance.resolved_sha256 = scenario.resolved_sha256;
  provenance.command_line = command_line;
  provenance.created_utc = UtcNow();
  provenance.seed = mc.seed;
  provenance.replicates = mc.replicates;
  provenance.record_every = record.every;

  EnableGracefulInterrupt();  // from here a signal stops the run between replicates and cleans up
  CleanStaleTemporaries(output);
  std::unique_ptr<RunWriter> writer;
  try {
    CheckNotAnInput(output, scenario.files);
    writer = std::make_unique<RunWriter>(output, vm.count("force") > 0, world, record, mc.replicates, provenance);
  } catch (const OutputError& e) {
    PrintError(e.what());
    return kExitBadInput;
  }

  RunSummary summary(world, mc.replicates);
  WritingSink sink(*writer, summary);
  ProgressBar progress("replicates", ProgressStyle(!quiet));
  mc.on_progress = [&](int done, int total) { progress.Update(done, total); };
  const auto start = std::chrono::steady_clock::now();
  try {
    RunMonteCarlo(world, record, mc, sink);
  } catch (const Cancelled&) {
    progress.Finish();
    writer.reset();  // removes the temporary file
    const int sig = InterruptSignal();
    std::cerr << "diplosim: interrupted (signal " << sig << "); no result written\n";
    return kExitInterrupted + sig;
  }
  progress.Finish();
  writer->Commit();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (!quiet) {
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(output, ec);
    std::cout << "Wrote " << output << " (" << mc.replicates << (mc.replicates == 1 ? " replicate, " : " replicates, ")
              << record.TimeIndices(world.calendar.NumSteps()).size() << " time points, "
              << HumanBytes(static_cast<double>(ec ? 0 : bytes)) << ")\n";
    summary.Print(std::cout, seconds);
  }
  return kExitOk;
}

}  // namespace diplosim
