#include "scenarios/distribution_reader.h"

#include <cctype>

#include "scenarios/csv_rows.h"
#include "scenarios/node_reader.h"
#include "sim/date.h"

namespace diplosim {

std::optional<Distribution> ReadDistribution(const ConfigNode& node, const std::string& what, Diagnostics& diags) {
  const std::string form =
      "{uniform: [low, high]}, {log_uniform: [low, high]}, {normal: [mean, sd], range: [low, high]} or {levels: [v1, "
      "v2, …]}";
  if (node.IsSequence()) {  // a bare list says which values, not how to draw them
    std::string items;
    for (std::size_t k = 0; k < node.items.size() && k < 4; ++k)
      items += (k ? ", " : "") + (node.items[k].IsScalar() ? node.items[k].scalar : std::string("…"));
    if (node.items.size() > 4) items += ", …";
    diags.Error(node.location, what + " must be a distribution; got a list; expected " +
                                   (node.items.size() == 2 ? "{uniform: [" + items + "]} for the range, or " : "") +
                                   "{levels: [" + items + "]} for these values alone");
    return std::nullopt;
  }
  MapReader r(node, what, {"uniform", "log_uniform", "normal", "range", "levels"}, diags);
  if (!r.ok()) return std::nullopt;
  Distribution d;
  int kinds = 0;
  auto pair = [&](const char* key, double* a, double* b) {
    const ConfigNode* n = r.Get(key);
    if (!n->IsSequence() || n->items.size() != 2) {
      diags.Error(n->location, what + "." + key + " must be two numbers; got " + n->Describe() + "; expected [a, b]");
      return false;
    }
    auto x = ReadNumber(n->items[0], what + "." + key, Range::Any(), diags);
    auto y = ReadNumber(n->items[1], what + "." + key, Range::Any(), diags);
    if (!x || !y) return false;
    *a = *x;
    *b = *y;
    return true;
  };
  bool ok = true;
  if (r.Get("uniform")) {
    ++kinds;
    d.kind = Distribution::Kind::kUniform;
    ok = pair("uniform", &d.low, &d.high);
  }
  if (r.Get("log_uniform")) {
    ++kinds;
    d.kind = Distribution::Kind::kLogUniform;
    ok = pair("log_uniform", &d.low, &d.high);
  }
  if (r.Get("normal")) {
    ++kinds;
    d.kind = Distribution::Kind::kNormal;
    ok = pair("normal", &d.mean, &d.sd);
    if (const ConfigNode* range = r.Require("range", "the truncation bounds [low, high] of a normal")) {
      ok = ok && pair("range", &d.low, &d.high);
      (void)range;
    }
  } else if (r.Get("range")) {
    diags.Error(r.Get("range")->location, what + ".range only goes with normal; expected " + form);
  }
  if (const ConfigNode* lv = r.Get("levels")) {
    ++kinds;
    d.kind = Distribution::Kind::kLevels;
    if (!lv->IsSequence() || lv->items.empty()) {
      diags.Error(lv->location, what + ".levels must be a non-empty list of numbers; got " + lv->Describe());
      ok = false;
    } else {
      for (const auto& item : lv->items) {
        // Dates and names are not numbers to sample: one message for the parameter.
        const bool date = item.IsScalar() && Date::Parse(item.scalar).has_value();
        const std::string lower = item.IsScalar() ? Lower(item.scalar) : "";
        const bool name = !lower.empty() && std::isalpha(static_cast<unsigned char>(lower[0])) &&
                          lower.rfind("nan", 0) != 0 && lower.rfind("inf", 0) != 0;
        if (date || name) {
          diags.Error(item.location, what + ".levels must be numbers; got " + (date ? "the date '" : "'") +
                                         item.scalar + "': a sweep varies numbers only, so " +
                                         (date ? "dates" : "names and other text") +
                                         " cannot be swept; write one variant scenario per value (extend: with "
                                         "overrides, docs/scenario-language.md) and run each");
          ok = false;
          break;
        }
        if (auto v = ReadNumber(item, what + ".levels", Range::Any(), diags))
          d.levels.push_back(*v);
        else
          ok = false;
      }
    }
  }
  if (kinds != 1) {
    diags.Error(node.location,
                what + " needs exactly one distribution; got " + std::to_string(kinds) + "; expected " + form);
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  std::string why;
  if (!d.IsValid(&why)) {
    diags.Error(node.location, what + ": " + why + "; expected " + form);
    return std::nullopt;
  }
  return d;
}

}  // namespace diplosim
