#include <iostream>
#include <map>

#include "app/cli_support.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/stale_files.h"
#include "app/usage_error.h"
#include "diplosim/version.h"
#include "output/atomic_output.h"
#include "output/damage_probe.h"
#include "output/output_error.h"
#include "output/provenance.h"
#include "output/sweep_file.h"

namespace diplosim {

int MergeCommand(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("shards", po::value<std::vector<std::string>>(), "shard files")(
      "output,o", po::value<std::string>(), "merged sweep file")("force,f", "overwrite an existing result")(
      "quiet,q", "print nothing on success");
  po::positional_options_description positional;
  positional.add("shards", -1);
  const std::optional<po::variables_map> parsed = ParseCommandLineOrShowHelp(
      args, options, positional,
      "Usage: diplosim merge SHARD... -o FILE\n\nJoins the shard files of one sweep (diplosim sweep --shard i/n)\n"
      "into one sweep file, after checking that they belong together (same sweep hash and shard\n"
      "count), that every shard 0..n-1 is there once, and that each is complete.\n\n");
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  if (!vm.count("shards")) throw UsageError("merge: no shard files; expected 'diplosim merge SHARD... -o FILE'");
  if (!vm.count("output")) throw UsageError("merge: missing -o FILE");
  const auto shards = vm["shards"].as<std::vector<std::string>>();

  // First pass: read and check every shard's provenance before writing anything.
  std::map<int, std::string> by_index;
  SweepFileInfo first;
  std::vector<SweepFileInfo> infos;
  try {
    for (const auto& path : shards) {
      ProbeForDamage(path, [&path] { ReadSweepFile(path, [](const PointResult&) {}); });
      SweepFileInfo info = ReadSweepFile(path, [](const PointResult&) {});
      if (info.kind != "sweep-shard")
        throw OutputError("'" + path + "' is a whole sweep, not a shard; expected files made with --shard i/n");
      if (by_index.empty()) first = info;
      if (info.sweep_sha256 != first.sweep_sha256)
        throw OutputError("'" + path + "' comes from another sweep (sweep hash " + info.sweep_sha256.substr(0, 12) + "… vs " +
                          first.sweep_sha256.substr(0, 12) + "… in '" + by_index.begin()->second + "')");
      if (info.shard_count != first.shard_count)
        throw OutputError("'" + path + "' is shard " + std::to_string(info.shard_index) + "/" + std::to_string(info.shard_count) +
                          " but '" + by_index.begin()->second + "' is one of " + std::to_string(first.shard_count));
      if (by_index.count(info.shard_index))
        throw OutputError("shard " + std::to_string(info.shard_index) + " is given twice: '" + by_index[info.shard_index] +
                          "' and '" + path + "'");
      std::vector<int> expected;
      for (int p = info.shard_index; p < info.design.rows(); p += info.shard_count) expected.push_back(p);
      if (info.points != expected)
        throw OutputError("'" + path + "' holds " + std::to_string(info.points.size()) + " points, but shard " +
                          std::to_string(info.shard_index) + "/" + std::to_string(info.shard_count) + " of this sweep has " +
                          std::to_string(expected.size()) + "; expected the complete slice");
      by_index[info.shard_index] = path;
      infos.push_back(info);
    }
    std::string missing;
    for (int i = 0; i < first.shard_count; ++i)
      if (!by_index.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i);
    if (!missing.empty())
      throw OutputError(std::string(missing.find(',') == std::string::npos ? "missing shard " : "missing shards ") +
                        missing + " of " + std::to_string(first.shard_count) + "; expected every shard 0.." +
                        std::to_string(first.shard_count - 1));
  } catch (const OutputError& e) {
    PrintError(e);
    return kExitBadInput;
  }

  SweepFileInfo merged = first;
  merged.kind = "sweep";
  merged.shard_index = 0;
  merged.shard_count = 1;
  merged.points.clear();
  for (int p = 0; p < merged.design.rows(); ++p) merged.points.push_back(p);
  for (const auto& info : infos)
    for (int p : info.points) merged.design.row(p) = info.design.row(p);
  merged.command_line = command_line;
  merged.created = UtcNow();
  merged.diplosim_version = kVersion;
  // A merge does not poll for signals, so Ctrl-C ends it at once and may leave
  // its temporary file: remove such leftovers as run and sweep do.
  CleanStaleTemporaries(vm["output"].as<std::string>());
  std::unique_ptr<SweepFileWriter> writer;
  try {
    CheckNotAnInput(vm["output"].as<std::string>(), shards);
    writer = std::make_unique<SweepFileWriter>(vm["output"].as<std::string>(), vm.count("force") > 0, merged);
  } catch (const OutputError& e) {
    PrintError(e.what());
    return kExitBadInput;
  }
  for (const auto& [index, path] : by_index) ReadSweepFile(path, [&](const PointResult& r) { writer->Write(r); });
  const int failed = writer->Commit();  // fails if a shard lacked any of its points
  if (!vm.count("quiet"))
    std::cout << "Wrote " << vm["output"].as<std::string>() << ": " << merged.points.size() << " points from "
              << by_index.size() << " shards, " << failed << " failed\n";
  return failed > 0 ? kExitRunFailed : kExitOk;
}

}  // namespace diplosim
