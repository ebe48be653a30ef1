#include <iostream>
#include <optional>

#include "app/cli_support.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/usage_error.h"
#include "output/output_error.h"
#include "output/run_reader.h"

namespace diplosim {

int InfoCommand(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("file", po::value<std::string>(), "result file (HDF5)")(
      "scenario", "also print the scenario text stored in the file");
  po::positional_options_description positional;
  positional.add("file", 1);
  const po::variables_map vm = ParseCommandLine(args, options, positional);
  if (vm.count("help")) {
    std::cout << "Usage: diplosim info FILE [--scenario]\n\nPrints a result file's provenance and contents.\n\n"
              << options;
    return kExitOk;
  }
  if (!vm.count("file")) throw UsageError("info: missing FILE; expected 'diplosim info FILE'");
  std::optional<RunReader> opened;
  try {
    opened.emplace(vm["file"].as<std::string>());
  } catch (const OutputError& e) {  // a missing or unreadable input is bad input, as for analyze and merge
    std::cerr << "diplosim: error: " << e.what() << "\n";
    return kExitBadInput;
  }
  const RunReader& reader = *opened;
  auto attr = [&](const char* name) { return reader.HasAttribute(name) ? reader.StringAttribute(name) : std::string("?"); };
  std::cout << vm["file"].as<std::string>() << "\n";
  std::cout << "  kind:            " << attr("kind") << "\n";
  std::cout << "  title:           " << attr("title") << "\n";
  std::cout << "  diplosim:        " << attr("diplosim_version") << " (format "
            << reader.IntAttribute("diplosim_format_version") << ")\n";
  std::cout << "  created:         " << attr("created") << "\n";
  std::cout << "  command line:    " << attr("command_line") << "\n";
  std::cout << "  scenario:        " << attr("scenario_file") << " (sha256 " << attr("scenario_sha256") << ")\n";
  if (reader.HasAttribute("seed")) std::cout << "  seed:            " << reader.IntAttribute("seed") << "\n";
  if (reader.HasAttribute("replicates"))
    std::cout << "  replicates:      " << reader.IntAttribute("replicates") << "\n";
  if (reader.HasAttribute("start_date"))
    std::cout << "  calendar:        " << attr("start_date") << " to " << attr("end_date") << "\n";
  std::cout << "  variables:\n";
  for (const auto& name : reader.Variables()) {
    const auto dims = reader.DimensionNames(name);
    std::cout << "    " << name << " (";
    for (std::size_t k = 0; k < dims.size(); ++k) std::cout << (k ? ", " : "") << dims[k];
    std::cout << ")\n";
  }
  for (const char* table : {"events", "actions"}) {
    const std::string column = std::string(table) + "/replicate";
    if (reader.HasDataset(column)) std::cout << "  " << table << ": " << reader.Ints(column).size() << " rows\n";
  }
  if (vm.count("scenario")) std::cout << "\n" << attr("scenario");
  return kExitOk;
}

}  // namespace diplosim
