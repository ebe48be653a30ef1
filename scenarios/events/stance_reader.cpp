#include "scenarios/events/stance_reader.h"

#include <algorithm>

#include "scenarios/node_reader.h"
#include "scenarios/number_text.h"

namespace diplosim {

std::vector<std::pair<int, double>> ReadStance(const ConfigNode& node, const References& refs) {
  std::vector<std::pair<int, double>> out;
  if (!node.IsMap() || node.entries.empty()) {
    refs.diags().Error(node.location,
                       "stance must map dimensions to positions; got " + node.Describe() + "; expected e.g. '" +
                           refs.ExampleDimension() + ": " +
                           (refs.world().dimensions.empty() ? std::string("0.5")
                                                            : ShortNumber(refs.world().dimensions[0].ToNatural(0.5))) +
                           "'");
    return out;
  }
  for (const auto& e : node.entries) {
    auto d = refs.Dimension(ConfigNode::Scalar(e.key, e.key_location), "stance");
    if (!d) continue;
    const Dimension& dim = refs.world().dimensions[*d];
    auto v = ReadNumber(e.value, "stance on '" + e.key + "'",
                        Range::Between(std::min(dim.low, dim.high), std::max(dim.low, dim.high)), refs.diags());
    if (v) out.emplace_back(*d, dim.ToUnit(*v));
  }
  return out;
}

}  // namespace diplosim
