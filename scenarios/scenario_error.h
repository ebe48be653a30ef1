#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenarios/source_location.h"

namespace diplosim {

// One problem in an input file: rendered as "file:line:col: error: message".
struct Diagnostic {
  SourceLocation location;
  std::string message;  // "what; got X; expected Y" with an optional did-you-mean

  std::string ToString() const { return location.ToString() + ": error: " + message; }
};

// Bad input in a scenario, profile, stakeholder table or sweep file. Carries
// every problem found (up to a cap), in file order.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Collects problems so a user sees several at once rather than one per run.
class Diagnostics {
 public:
  static constexpr std::size_t kDefaultCap = 20;
  explicit Diagnostics(std::size_t cap = kDefaultCap) : cap_(cap) {}

  void Error(const SourceLocation& where, std::string message);
  bool HasErrors() const { return !diagnostics_.empty(); }
  std::size_t count() const { return diagnostics_.size(); }
  // Throws ScenarioError if any problem was recorded.
  void ThrowIfAny() const;
  // Advice on input that is valid but probably not what was meant ("file:line:col: …");
  // validate and run print it, and it never fails a load.
  void Note(const SourceLocation& where, const std::string& message) {
    notes_.push_back(where.ToString() + ": " + message);
  }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  std::size_t cap_;
  std::size_t suppressed_ = 0;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::string> notes_;
};

}  // namespace diplosim
