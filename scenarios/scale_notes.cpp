#include "scenarios/scale_notes.h"

#include "scenarios/number_text.h"

namespace diplosim {

std::vector<std::string> ScaleNotes(const ConfigNode& root, const World& world) {
  std::vector<std::string> notes;
  const ConfigNode* dimensions = root.Find("dimensions");
  if (!dimensions || world.NumActors() < 2) return notes;
  for (int d = 0; d < world.NumDimensions(); ++d) {
    const Dimension& dim = world.dimensions[d];
    // Only a range that holds [0, 1] as a small part of it: there shares and natural values can be confused.
    if (!(dim.low <= 0.0 && dim.high >= 1.0 && dim.high - dim.low >= 10.0)) continue;
    bool all_in_unit = true;
    for (int i = 0; i < world.NumActors() && all_in_unit; ++i) {
      const double natural = dim.ToNatural(world.initial.position(i, d));
      all_in_unit = natural >= 0.0 && natural <= 1.0;
    }
    if (!all_in_unit) continue;
    const ConfigNode* node = dimensions->Find(dim.id);
    const ConfigNode* range = node ? node->Find("range") : nullptr;
    const SourceLocation at = range ? range->location : node ? node->location : dimensions->location;
    notes.push_back(at.ToString() + ": every actor's position on '" + dim.id + "' lies in [0, 1], but its range is [" +
                    ShortNumber(dim.low) + ", " + ShortNumber(dim.high) +
                    "]: positions are written in the dimension's natural units (its middle is " +
                    ShortNumber(dim.ToNatural(0.5)) +
                    "), so all of them sit at its low end; if they are shares, "
                    "scale them to the range, or give the dimension range: [0, 1]");
  }
  return notes;
}

}  // namespace diplosim
