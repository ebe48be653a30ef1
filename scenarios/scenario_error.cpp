#include "scenarios/scenario_error.h"

#include <algorithm>

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
  // Checks run by concept, not by position, so a later line can be found first.
  // Files keep the order they were first reported in (the scenario before the
  // files it names); within a file, problems read top to bottom.
  std::vector<std::string> files;
  for (const auto& d : all)
    if (std::find(files.begin(), files.end(), d.location.file) == files.end()) files.push_back(d.location.file);
  const auto rank = [&](const Diagnostic& d) {
    return std::find(files.begin(), files.end(), d.location.file) - files.begin();
  };
  std::stable_sort(all.begin(), all.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const auto ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    if (a.location.line != b.location.line) return a.location.line < b.location.line;
    return a.location.column < b.location.column;
  });
  if (suppressed_ > 0)
    all.back().message += " (and " + std::to_string(suppressed_) + " more errors not shown)";
  throw ScenarioError(std::move(all));
}

}  // namespace diplosim
