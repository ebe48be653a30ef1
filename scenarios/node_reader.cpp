#include "scenarios/node_reader.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "scenarios/date_hint.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/id_from_name.h"
#include "scenarios/number_text.h"

namespace diplosim {

std::string Range::Describe() const {
  const bool has_min = std::isfinite(min), has_max = std::isfinite(max);
  if (has_min && has_max) return "a number in " + std::string(min_open ? "(" : "[") + ShortNumber(min) + ", " + ShortNumber(max) + "]";
  if (has_min) return std::string("a number ") + (min_open ? "> " : ">= ") + ShortNumber(min);
  if (has_max) return "a number <= " + ShortNumber(max);
  return "a number";
}

namespace {

// Why a scalar that is not a number was probably meant as one.
std::string NumberHint(const std::string& text, const Range& range) {
  const std::size_t comma = text.find(',');
  if (comma != std::string::npos && comma > 0 && comma + 1 < text.size() &&
      text.find_first_not_of("-0123456789,") == std::string::npos && text.find(',', comma + 1) == std::string::npos)
    return " (did you mean " + text.substr(0, comma) + "." + text.substr(comma + 1) + "? decimals take a point)";
  if (text.size() > 1 && text.back() == '%' && text.find_first_not_of("0123456789.", 0) == text.size() - 1) {
    if (range.max <= 1.0)
      return " (did you mean " + ShortNumber(std::stod(text.substr(0, text.size() - 1)) / 100.0) +
             "? shares are written as fractions)";
    return " (a percent sign is not read; expected the plain number)";
  }
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range && ptr == text.data() + text.size())
    return " (beyond the range of a double, about ±1.8e308)";
  return "";
}

}  // namespace

std::optional<double> ReadNumber(const ConfigNode& node, std::string_view what, Range range,
                                 Diagnostics& diags) {
  const std::string expected = "; expected " + range.Describe();
  if (!node.IsScalar()) {
    diags.Error(node.location, std::string(what) + " must be a number; got " + node.Describe() + expected);
    return std::nullopt;
  }
  const std::string& text = node.scalar;
  double value = 0.0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  // YAML spells non-finite numbers .nan/.inf; from_chars also accepts nan/inf.
  const bool looks_non_finite = text.find("nan") != std::string::npos || text.find("NaN") != std::string::npos ||
                                text.find("inf") != std::string::npos || text.find("Inf") != std::string::npos;
  if (looks_non_finite || (ec == std::errc() && ptr == end && !std::isfinite(value))) {
    diags.Error(node.location, std::string(what) + " is not a finite number; got '" + text + "'" + expected);
    return std::nullopt;
  }
  if (ec != std::errc() || ptr != end) {
    diags.Error(node.location,
                std::string(what) + " must be a number; got " + node.Describe() + expected + NumberHint(text, range));
    return std::nullopt;
  }
  const bool below = range.min_open ? value <= range.min : value < range.min;
  if (below || value > range.max) {
    diags.Error(node.location, std::string(what) + " out of range; got " + text + expected);
    return std::nullopt;
  }
  return value;
}

std::optional<long long> ReadInteger(const ConfigNode& node, std::string_view what, long long min,
                                     long long max, Diagnostics& diags) {
  const std::string expected = "; expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (!node.IsScalar()) {
    diags.Error(node.location, std::string(what) + " must be an integer; got " + node.Describe() + expected);
    return std::nullopt;
  }
  long long value = 0;
  const std::string& text = node.scalar;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    diags.Error(node.location, std::string(what) + " must be an integer; got " + node.Describe() + expected);
    return std::nullopt;
  }
  if (value < min || value > max) {
    diags.Error(node.location, std::string(what) + " out of range; got " + text + expected);
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> ReadSeed(const ConfigNode& node, std::string_view what, Diagnostics& diags) {
  std::uint64_t seed = 0;
  if (node.IsScalar()) {
    const std::string& text = node.scalar;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (!text.empty() && ec == std::errc() && end == text.data() + text.size()) return seed;
  }
  diags.Error(node.location, std::string(what) + " must be a whole number from 0 to 18446744073709551615; got " +
                                 node.Describe());
  return std::nullopt;
}

std::optional<bool> ReadBool(const ConfigNode& node, std::string_view what, Diagnostics& diags) {
  if (node.IsScalar() && (node.scalar == "true" || node.scalar == "false")) return node.scalar == "true";
  diags.Error(node.location, std::string(what) + " must be true or false; got " + node.Describe() +
                                 "; expected true or false");
  return std::nullopt;
}

std::optional<std::string> ReadString(const ConfigNode& node, std::string_view what, Diagnostics& diags) {
  if (node.IsScalar()) return node.scalar;
  diags.Error(node.location, std::string(what) + " must be text; got " + node.Describe() + "; expected text");
  return std::nullopt;
}

bool IsValidId(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

namespace {

constexpr const char* kIdForm = "expected ASCII letters, digits, '_' or '-', starting with a letter (at most 64)";

// A name typed by hand ("Lavrov: «talks in Astana»") folds to runs of '_';
// the suggestion keeps one of each and none at the end (Lavrov_talks_in_Astana).
std::string FoldedSuggestion(const std::string& text) {
  std::string folded;
  for (char c : IdFromName(text))
    if (c != '_' || folded.empty() || folded.back() != '_') folded += c;
  while (folded.size() > 1 && folded.back() == '_') folded.pop_back();
  return folded != text && IsValidId(folded) ? " (did you mean '" + folded + "'?)" : "";
}

}  // namespace

std::string InvalidIdMessage(std::string_view what, const std::string& text) {
  return std::string(what) + " '" + text + "' is not a valid identifier; " + kIdForm + FoldedSuggestion(text);
}

std::optional<std::string> ReadId(const ConfigNode& node, std::string_view what, Diagnostics& diags) {
  if (node.IsScalar() && IsValidId(node.scalar)) return node.scalar;
  diags.Error(node.location, std::string(what) + " is not a valid identifier; got " + node.Describe() + "; " + kIdForm +
                                 (node.IsScalar() ? FoldedSuggestion(node.scalar) : ""));
  return std::nullopt;
}

std::optional<Date> ReadDate(const ConfigNode& node, std::string_view what, Diagnostics& diags) {
  if (node.IsScalar())
    if (auto d = Date::Parse(node.scalar)) return d;
  diags.Error(node.location, std::string(what) + " is not a valid date; got " + node.Describe() +
                                 "; expected a date YYYY-MM-DD" + (node.IsScalar() ? DateHint(node.scalar) : ""));
  return std::nullopt;
}

MapReader::MapReader(const ConfigNode& node, std::string what, std::vector<std::string> allowed,
                     Diagnostics& diags)
    : node_(node), what_(std::move(what)), value_prefix_(what_ + "."), diags_(diags) {
  if (!node.IsMap()) {
    diags.Error(node.location, what_ + " must be a mapping; got " + node.Describe() + "; expected keys: " + JoinNames(allowed));
    return;
  }
  ok_ = true;
  for (const auto& e : node.entries) {
    bool known = false;
    for (const auto& k : allowed) known = known || k == e.key;
    if (!known)
      diags.Error(e.key_location, "unknown key '" + e.key + "' in " + what_ + "; expected one of: " +
                                      JoinNames(allowed) + DidYouMean(e.key, allowed));
  }
}

const ConfigNode* MapReader::Get(std::string_view key) const {
  if (!ok_) return nullptr;
  const ConfigNode* n = node_.Find(key);
  return n;
}

const ConfigNode* MapReader::Require(std::string_view key, std::string_view expected) {
  if (!ok_) return nullptr;
  const ConfigNode* n = node_.Find(key);
  if (!n)
    diags_.Error(node_.location, "missing required key '" + std::string(key) + "' in " + what_ +
                                     "; expected " + std::string(expected));
  return n;
}

std::optional<double> MapReader::Number(std::string_view key, Range range) {
  const ConfigNode* n = Get(key);
  if (!n) return std::nullopt;
  return ReadNumber(*n, value_prefix_ + std::string(key), range, diags_);
}

double MapReader::Number(std::string_view key, double fallback, Range range) {
  return Number(key, range).value_or(fallback);
}

std::optional<std::string> MapReader::String(std::string_view key) {
  const ConfigNode* n = Get(key);
  if (!n) return std::nullopt;
  return ReadString(*n, value_prefix_ + std::string(key), diags_);
}

bool MapReader::Bool(std::string_view key, bool fallback) {
  const ConfigNode* n = Get(key);
  if (!n) return fallback;
  return ReadBool(*n, value_prefix_ + std::string(key), diags_).value_or(fallback);
}

}  // namespace diplosim
