#include "scenarios/scenario_error.h"

namespace diplosim {

namespace {
std::string Join(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.ToString();
  }
  return out;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(Join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

void Diagnostics::Error(const SourceLocation& where, std::string message) {
  if (diagnostics_.size() >= cap_) {
    ++suppressed_;
    return;
  }
  diagnostics_.push_back(Diagnostic{where, std::move(message)});
}

void Diagnostics::ThrowIfAny() const {
  if (diagnostics_.empty()) return;
  std::vector<Diagnostic> all = diagnostics_;
  if (suppressed_ > 0)
    all.back().message += " (and " + std::to_string(suppressed_) + " more errors not shown)";
  throw ScenarioError(std::move(all));
}

}  // namespace diplosim
