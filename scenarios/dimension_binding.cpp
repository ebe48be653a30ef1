#include "scenarios/binding.h"
#include "scenarios/node_reader.h"

namespace diplosim {

namespace {
constexpr int kMaxDimensions = 1000;
}

void BindDimensions(const ConfigNode* node, const SourceLocation& root, World& world, Diagnostics& diags) {
  if (!node) {
    diags.Error(root, "missing required key 'dimensions'; expected a mapping of dimension ids to "
                      "{label, low, high}");
    return;
  }
  if (!node->IsMap() || node->entries.empty()) {
    diags.Error(node->location, "dimensions must be a non-empty mapping; got " + node->Describe() +
                                    "; expected dimension ids mapped to {label, low, high}");
    return;
  }
  if (node->entries.size() > kMaxDimensions) {
    diags.Error(node->location, "more than " + std::to_string(kMaxDimensions) +
                                    " dimensions; expected at most " + std::to_string(kMaxDimensions));
    return;
  }
  for (const auto& e : node->entries) {
    Dimension dim;
    if (!IsValidId(e.key)) {
      diags.Error(e.key_location, InvalidIdMessage("dimension id", e.key));
      continue;
    }
    dim.id = e.key;
    MapReader r(e.value, "dimension '" + e.key + "'", {"label", "low", "high", "range", "description"}, diags);
    if (r.ok()) {
      dim.label = r.String("label").value_or(e.key);
      if (auto low = r.Require("low", "the label of the pole at the low end")) dim.low_pole = ReadString(*low, "low", diags).value_or("");
      if (auto high = r.Require("high", "the label of the pole at the high end")) dim.high_pole = ReadString(*high, "high", diags).value_or("");
      if (const ConfigNode* range = r.Get("range")) {
        if (!range->IsSequence() || range->items.size() != 2) {
          diags.Error(range->location, "range of dimension '" + e.key + "' must be two numbers; got " +
                                           range->Describe() + "; expected [low, high], e.g. [4, 10]");
        } else {
          auto lo = ReadNumber(range->items[0], "range low", Range::Any(), diags);
          auto hi = ReadNumber(range->items[1], "range high", Range::Any(), diags);
          if (lo && hi) {
            if (*lo == *hi) {
              diags.Error(range->location, "range of dimension '" + e.key +
                                               "' is empty; expected two different numbers [low, high]");
            } else {
              dim.low = *lo;
              dim.high = *hi;
            }
          }
        }
      }
    }
    world.dimensions.push_back(dim);
  }
}

}  // namespace diplosim
