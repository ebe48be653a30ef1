#pragma once

#include <initializer_list>
#include <limits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/config_node.h"
#include "scenarios/scenario_error.h"
#include "sim/date.h"

namespace diplosim {

// A closed or half-open numeric range used to validate scalars.
struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;
  static Range Any() { return {}; }
  static Range Unit() { return {0.0, 1.0, false}; }
  static Range NonNegative() { return {0.0, std::numeric_limits<double>::infinity(), false}; }
  static Range Positive() { return {0.0, std::numeric_limits<double>::infinity(), true}; }
  static Range Between(double lo, double hi) { return {lo, hi, false}; }
  std::string Describe() const;  // "a number in [0, 1]", "a number > 0", …
};

// Scalar conversions. Each reports a located error (naming `what`) and returns
// nullopt when the node is not of the expected form.
std::optional<double> ReadNumber(const ConfigNode& node, std::string_view what, Range range,
                                 Diagnostics& diags);
std::optional<long long> ReadInteger(const ConfigNode& node, std::string_view what, long long min,
                                     long long max, Diagnostics& diags);
// A random seed: any whole number from 0 to 2^64 − 1, the range of --seed and
// of the point seeds a sweep stores (so a point can be rerun from its seed).
std::optional<std::uint64_t> ReadSeed(const ConfigNode& node, std::string_view what, Diagnostics& diags);
std::optional<bool> ReadBool(const ConfigNode& node, std::string_view what, Diagnostics& diags);
std::optional<std::string> ReadString(const ConfigNode& node, std::string_view what, Diagnostics& diags);
// An identifier: letters, digits, '_' and '-', starting with a letter.
std::optional<std::string> ReadId(const ConfigNode& node, std::string_view what, Diagnostics& diags);
std::optional<Date> ReadDate(const ConfigNode& node, std::string_view what, Diagnostics& diags);
bool IsValidId(std::string_view text);
// "<what> '<text>' is not a valid identifier; expected …", with the id the
// text folds to as a did-you-mean ('rząd' -> 'rzad').
std::string InvalidIdMessage(std::string_view what, const std::string& text);

// Reads one mapping strictly: keys outside `allowed` are errors with a
// did-you-mean, and required keys that are missing are errors at the mapping.
class MapReader {
 public:
  MapReader(const ConfigNode& node, std::string what, std::vector<std::string> allowed,
            Diagnostics& diags);

  bool ok() const { return ok_; }
  const ConfigNode& node() const { return node_; }
  const std::string& what() const { return what_; }
  // What a value's message calls it: prefix + key, "mechanisms.conflict." by
  // default (what + "."); an event's keys read better as "ceasefire residual".
  void SetValuePrefix(std::string prefix) { value_prefix_ = std::move(prefix); }
  const ConfigNode* Get(std::string_view key) const;
  // Reports "missing required key" when absent.
  const ConfigNode* Require(std::string_view key, std::string_view expected);

  std::optional<double> Number(std::string_view key, Range range);
  double Number(std::string_view key, double fallback, Range range);
  std::optional<std::string> String(std::string_view key);
  bool Bool(std::string_view key, bool fallback);

  Diagnostics& diags() { return diags_; }

 private:
  const ConfigNode& node_;
  std::string what_;
  std::string value_prefix_;
  Diagnostics& diags_;
  bool ok_ = false;
};

}  // namespace diplosim
