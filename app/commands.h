#pragma once

#include <string>
#include <vector>

namespace diplosim {

// Each subcommand takes the arguments after its name and returns an exit code.
// `command_line` is the whole invocation, for provenance.
int RunCommand(const std::vector<std::string>& args, const std::string& command_line);
int ValidateCommand(const std::vector<std::string>& args);
int InfoCommand(const std::vector<std::string>& args);
int ModelsCommand(const std::vector<std::string>& args);
int SweepCommand(const std::vector<std::string>& args, const std::string& command_line);
int MergeCommand(const std::vector<std::string>& args, const std::string& command_line);
int AnalyzeCommand(const std::vector<std::string>& args);

}  // namespace diplosim
