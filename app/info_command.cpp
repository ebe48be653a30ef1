#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <optional>
#include <vector>

#include "app/cli_support.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/usage_error.h"
#include "output/damage_probe.h"
#include "output/output_error.h"
#include "output/run_reader.h"
#include "output/terminal_text.h"
#include "sim/sampling/sobol_indices.h"

namespace diplosim {

namespace {

bool IsSobolSweep(const RunReader& reader) {
  return reader.HasAttribute("sampler") && reader.StringAttribute("sampler").rfind("sobol", 0) == 0;
}

// Per outcome, the share of its spread between points that is replicate noise
// (ReplicateNoiseShare over the points that ran): a scatter of an outcome that
// is mostly noise shows nothing about the parameters, whatever the sampler.
std::string NoiseShares(const RunReader& reader) {
  const int replicates = static_cast<int>(reader.IntAttribute("replicates"));
  if (replicates < 2) return "unknown (one replicate per point)";
  const RunReader::Array summary = reader.Doubles("summary");  // point × outcome × statistic (mean, sd, …)
  const std::vector<long long> status = reader.Ints("status");
  const std::vector<std::string> outcomes = reader.Strings("outcome");
  if (summary.shape.size() != 3 || summary.shape[1] != outcomes.size() || summary.shape[2] < 2 ||
      status.size() != summary.shape[0])
    return "unknown (the summary is not point × outcome × statistic)";
  const std::size_t points = summary.shape[0], stats = summary.shape[2];
  std::string out;
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    std::vector<double> means, sds;
    for (std::size_t p = 0; p < points; ++p) {
      const double* statistics = &summary.values[(p * outcomes.size() + o) * stats];  // mean, sd, …
      if (status[p] == 0 && std::isfinite(statistics[0]) && std::isfinite(statistics[1])) {
        means.push_back(statistics[0]);
        sds.push_back(statistics[1]);
      }
    }
    const double share = ReplicateNoiseShare(
        Eigen::Map<const Eigen::VectorXd>(means.data(), static_cast<Eigen::Index>(means.size())),
        Eigen::Map<const Eigen::VectorXd>(sds.data(), static_cast<Eigen::Index>(sds.size())), replicates);
    char percent[32] = " -";  // no spread between points, nothing to apportion
    if (std::isfinite(share)) std::snprintf(percent, sizeof percent, " %.0f %%", 100 * share);
    out += (out.empty() ? "" : ", ") + outcomes[o] + percent;
  }
  return out + " of each outcome's spread between points";
}

// --scenario and --resolved print the stored text alone, so that
// `info FILE --resolved > again.yaml` is a scenario to run again. It goes out as
// it is into a file or a pipe, as TerminalText to a terminal.
int PrintStoredScenario(const RunReader& reader, const std::string& path, const po::variables_map& vm) {
  const auto stored_text = [](const std::string& text) { return ::isatty(STDOUT_FILENO) ? TerminalText(text) : text; };
  const bool sweep = reader.HasAttribute("kind") && reader.StringAttribute("kind").rfind("sweep", 0) == 0;
  std::vector<const char*> wanted;
  // A run stores its scenario; a sweep its own text (the scenario it resolved is scenario_resolved).
  if (vm.count("scenario")) wanted.push_back(reader.HasAttribute("scenario") || !sweep ? "scenario" : "sweep");
  // A variant's own file says little ("extend: base.yaml" and an override);
  // what ran, every value in place, is stored beside it.
  if (vm.count("resolved")) wanted.push_back("scenario_resolved");
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    if (!reader.HasAttribute(wanted[k])) {
      PrintError("'" + path + "' stores no " + wanted[k] + " text; expected a result written by diplosim run or sweep");
      return kExitBadInput;
    }
    std::cout << (k ? "\n" : "") << stored_text(reader.StringAttribute(wanted[k]));
  }
  return kExitOk;
}

int PrintInfo(const std::string& path, const po::variables_map& vm) {
  std::optional<RunReader> opened;
  try {
    opened.emplace(path);
  } catch (const OutputError& e) {  // a missing or unreadable input is bad input, as for analyze and merge
    PrintError(e);
    return kExitBadInput;
  }
  const RunReader& reader = *opened;
  if (vm.count("scenario") || vm.count("resolved")) return PrintStoredScenario(reader, path, vm);
  // Each line only when the file has what it shows: runs, sweeps and shards differ.
  // Every string is the file's, which anyone may have written: shown as TerminalText.
  auto line = [&](const char* label, const std::string& value) {
    std::cout << "  " << std::left << std::setw(17) << label << TerminalText(value) << "\n";
  };
  auto text = [&](const char* label, const char* attribute) {
    if (reader.HasAttribute(attribute)) line(label, reader.StringAttribute(attribute));
  };
  auto number = [&](const char* label, const char* attribute) {
    if (reader.HasAttribute(attribute)) line(label, std::to_string(reader.IntAttribute(attribute)));
  };
  auto joined = [&](const std::string& dataset) {
    std::string out;
    for (const auto& v : reader.Strings(dataset)) out += (out.empty() ? "" : ", ") + v;
    return out;
  };
  const std::string kind = reader.HasAttribute("kind") ? reader.StringAttribute("kind") : "run";
  const bool sweep = kind != "run";
  std::cout << TerminalText(path) << "\n";
  line("kind:", kind);
  text("title:", "title");
  line("diplosim:", (reader.HasAttribute("diplosim_version") ? reader.StringAttribute("diplosim_version") : "?") +
                        " (format " + std::to_string(reader.IntAttribute("diplosim_format_version")) + ")");
  text("created:", "created");
  text("command line:", "command_line");
  auto with_hash = [&](const char* file, const char* hash) {
    return reader.StringAttribute(file) +
           (reader.HasAttribute(hash) ? " (sha256 " + reader.StringAttribute(hash) + ")" : std::string());
  };
  if (sweep && reader.HasAttribute("sweep_file")) line("sweep:", with_hash("sweep_file", "sweep_sha256"));
  if (reader.HasAttribute("scenario_file")) line("scenario:", with_hash("scenario_file", "scenario_sha256"));
  number("seed:", "seed");
  if (reader.HasAttribute("replicates"))
    line("replicates:", std::to_string(reader.IntAttribute("replicates")) + (sweep ? " per point" : ""));
  if (reader.HasAttribute("start_date"))
    line("calendar:", reader.StringAttribute("start_date") + " to " + reader.StringAttribute("end_date") +
                          (reader.HasAttribute("step_days")
                               ? ", steps of " + std::to_string(reader.IntAttribute("step_days")) +
                                     (reader.IntAttribute("step_days") == 1 ? " day" : " days")
                               : ""));
  if (sweep) {
    text("sampler:", "sampler");
    number("design points:", "design_points");
    if (reader.HasDataset("point")) line("points here:", std::to_string(reader.Ints("point").size()));
    if (kind == "sweep-shard" && reader.HasAttribute("shard_count"))
      line("shard:", std::to_string(reader.IntAttribute("shard_index")) + " of " +
                         std::to_string(reader.IntAttribute("shard_count")) + " (join them with diplosim merge)");
    number("failed points:", "failed_points");
    if (reader.HasDataset("parameter")) line("parameters:", joined("parameter"));
    if (reader.HasDataset("outcome")) line("outcomes:", joined("outcome"));
    if (reader.HasDataset("summary") && reader.HasDataset("status") && reader.HasAttribute("replicates"))
      line("replicate noise:", NoiseShares(reader));
    if (reader.HasDataset("sobol_first"))
      line("Sobol analysis:", reader.HasDataset("sobol_noise_share")
                                  ? "stored (sobol_first, sobol_total, sobol_noise_share)"
                                  : "stored (sobol_first, sobol_total)");
    else if (IsSobolSweep(reader))
      line("Sobol analysis:", kind == "sweep-shard" ? "after diplosim merge, run diplosim analyze on the merged file"
                                                    : "not yet: run diplosim analyze FILE");
  }
  // The labels along each axis: what a notebook selects by.
  for (const auto& [label, axis] : {std::pair{"actors:", "actor"}, std::pair{"dimensions:", "dimension"},
                                    std::pair{"ceasefires:", "ceasefire"}, std::pair{"populations:", "population"}})
    if (!sweep && reader.HasDataset(axis)) {
      const auto names = reader.Strings(axis);
      std::string shown;  // a 300-actor run lists its first 20
      for (std::size_t k = 0; k < names.size() && k < 20; ++k) shown += (k ? ", " : "") + names[k];
      if (names.size() > 20) shown += ", … " + std::to_string(names.size() - 20) + " more";
      line(label, std::to_string(names.size()) + " (" + shown + ")");
    }
  if (!sweep && reader.HasDataset("time")) line("time points:", std::to_string(reader.Ints("time").size()));
  std::cout << "  variables:\n";
  for (const auto& name : reader.Variables()) {
    const auto dims = reader.DimensionNames(name);
    std::cout << "    " << TerminalText(name) << " (";
    for (std::size_t k = 0; k < dims.size(); ++k) std::cout << (k ? ", " : "") << TerminalText(dims[k]);
    std::cout << ")\n";
  }
  for (const char* table : {"events", "actions"}) {
    const std::string column = std::string(table) + "/replicate";
    if (reader.HasDataset(column)) std::cout << "  " << table << ": " << reader.Ints(column).size() << " rows\n";
  }
  return kExitOk;
}

}  // namespace

int InfoCommand(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("file", po::value<std::string>(), "result file (HDF5)")(
      "scenario", "print the scenario text stored in the file instead (a sweep's: the sweep file)")(
      "resolved",
      "print the scenario as run instead: extend, profiles, tables and overrides applied (a scenario to run again)");
  po::positional_options_description positional;
  positional.add("file", 1);
  const std::optional<po::variables_map> parsed = ParseCommandLineOrShowHelp(
      args, options, positional,
      "Usage: diplosim info FILE [--scenario] [--resolved]\n\nPrints a result file's provenance and "
      "contents, or with --scenario or --resolved the scenario text it stores.\n\n");
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("file")) throw UsageError("info: missing FILE; expected 'diplosim info FILE'");
  const std::string path = vm["file"].as<std::string>();
  try {
    ProbeForDamage(path, [&] { PrintInfo(path, vm); });
  } catch (const OutputError& e) {
    PrintError(e.what());
    return kExitBadInput;
  }
  return PrintInfo(path, vm);
}

}  // namespace diplosim
