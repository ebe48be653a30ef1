#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>

#include "actors/actor_model_registry.h"
#include "scenarios/binding.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/node_reader.h"
#include "scenarios/number_text.h"
#include "sim/byte_text.h"

namespace diplosim {

namespace {

constexpr const char* kAllGroup = "all";
constexpr double kSalienceTolerance = 1e-3;

const std::vector<std::string>& ActorKeys() {
  static const std::vector<std::string> kKeys = {
      "name",   "profile", "description",    "groups",     "capability",       "position",
      "salience", "intensity", "susceptibility", "self_weight", "confidence_bound", "model", "parameters", "flags"};
  return kKeys;
}

// Flags the core understands; anything else is a typo.
const std::vector<std::string>& KnownFlags() {
  static const std::vector<std::string> kFlags = {"designated"};
  return kFlags;
}

std::vector<std::string> DimensionIds(const World& world) {
  std::vector<std::string> ids;
  for (const auto& d : world.dimensions) ids.push_back(d.id);
  return ids;
}

// The value when it is a finite number outside `range` (anything else is ReadNumber's to report).
std::optional<double> OutsideRange(const ConfigNode& value, const Range& range) {
  if (!value.IsScalar() || value.scalar.empty()) return std::nullopt;
  double v = 0.0;
  const std::string& text = value.scalar;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(v) && (v < range.min || v > range.max))
    return v;
  return std::nullopt;
}

// Reads a mapping dimension id → number into `out` (unit scale when `natural`).
// Returns which dimensions were given.
std::vector<bool> ReadPerDimension(const ConfigNode& node, const std::string& what, const World& world,
                                   bool natural, Eigen::VectorXd& out, Diagnostics& diags) {
  std::vector<bool> given(world.NumDimensions(), false);
  if (!node.IsMap()) {
    diags.Error(node.location, what + " must map dimension ids to numbers; got " + node.Describe() +
                                   "; expected e.g. '" + (world.dimensions.empty() ? "x" : world.dimensions[0].id) +
                                   ": 0.5'");
    return given;
  }
  for (const auto& e : node.entries) {
    const int d = world.DimensionIndex(e.key);
    if (d < 0) {
      diags.Error(e.key_location, "unknown dimension '" + e.key + "' in " + what + "; expected a dimension id" +
                                      DidYouMean(e.key, DimensionIds(world)));
      continue;
    }
    const Dimension& dim = world.dimensions[d];
    const Range range = natural ? Range::Between(std::min(dim.low, dim.high), std::max(dim.low, dim.high))
                                : Range::NonNegative();
    if (const std::optional<double> outside = natural ? OutsideRange(e.value, range) : std::nullopt) {
      // Name the dimension's range: a 0–100 value (a stakeholder table's scale) on a
      // dimension left at the default [0, 1] is the usual cause.
      const bool percent_scale = dim.low == 0.0 && dim.high == 1.0 && *outside <= 100.0;
      diags.Error(e.value.location, what + "." + e.key + " out of range; got " + e.value.scalar + "; expected " +
                                        range.Describe() + ", the range of dimension '" + dim.id + "'" +
                                        (percent_scale ? " (for a 0–100 scale, as stakeholder tables use, give the "
                                                         "dimension range: [0, 100])"
                                                       : ""));
      continue;
    }
    if (auto v = ReadNumber(e.value, what + "." + e.key, range, diags)) {
      out(d) = natural ? dim.ToUnit(*v) : *v;
      given[d] = true;
    }
  }
  return given;
}

void BindOneActor(const std::string& id, const ConfigNode::Entry& entry, World& world, ActorSpec& a,
                  Diagnostics& diags) {
  const std::string what = "actor '" + id + "'";
  MapReader r(entry.value, what, ActorKeys(), diags);
  if (!r.ok()) return;
  const int D = world.NumDimensions();
  a.name = r.String("name").value_or(id);
  a.profile = r.String("profile").value_or("");

  if (const ConfigNode* cap = r.Require("capability", "{military, economic, diplomatic}, each >= 0")) {
    MapReader c(*cap, what + ".capability", {"military", "economic", "diplomatic"}, diags);
    a.capability(kMilitary) = c.Number("military", 0.0, Range::NonNegative());
    a.capability(kEconomic) = c.Number("economic", 0.0, Range::NonNegative());
    a.capability(kDiplomatic) = c.Number("diplomatic", 0.0, Range::NonNegative());
  }

  a.position = Eigen::VectorXd::Zero(D);
  if (const ConfigNode* pos = r.Require("position", "a position on every dimension")) {
    const auto given = ReadPerDimension(*pos, what + ".position", world, true, a.position, diags);
    if (pos->IsMap())
      for (int d = 0; d < D; ++d)
        if (!given[d] && !pos->Find(world.dimensions[d].id))
          diags.Error(pos->location, what + " has no position on dimension '" + world.dimensions[d].id +
                                         "'; expected a position on every dimension");
  }

  a.salience = Eigen::VectorXd::Constant(D, 1.0 / std::max(D, 1));
  if (const ConfigNode* sal = r.Get("salience")) {
    a.salience.setZero();
    ReadPerDimension(*sal, what + ".salience", world, false, a.salience, diags);
    const double sum = a.salience.sum();
    if (sal->IsMap() && std::abs(sum - 1.0) > kSalienceTolerance) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", sum);
      // Weights that sum to 100 are percentages; any other total, weights to be scaled.
      const std::string hint = std::abs(sum - 100.0) < 100.0 * kSalienceTolerance ? " (percentages? divide each by 100)"
                               : sum > 0 ? " (divide each by the total to keep their proportions)"
                                         : "";
      diags.Error(sal->location, "salience of " + what + " sums to " + buf +
                                     "; expected values that sum to 1 (within 0.001); missing dimensions count as 0" +
                                     hint);
    } else if (sum > 0) {
      a.salience /= sum;  // remove rounding within the tolerance
    }
  }

  if (const ConfigNode* in = r.Get("intensity")) {
    a.intensity = a.salience;  // dimensions not listed keep their relative salience
    ReadPerDimension(*in, what + ".intensity", world, false, a.intensity, diags);
    for (int d = 0; d < D; ++d)
      if (a.intensity(d) > 1.0) {
        const ConfigNode* value = in->Find(world.dimensions[d].id);
        diags.Error(value ? value->location : in->location,
                    what + ".intensity." + world.dimensions[d].id + " out of range; got " +
                        (value ? value->scalar : ShortNumber(a.intensity(d))) + "; expected a number in [0, 1]" +
                        (a.intensity(d) <= 100.0 ? " (a KTAB-style salience of 0–100 is intensity ÷ 100)" : ""));
        break;
      }
  }

  a.susceptibility = r.Number("susceptibility", 0.5, Range::Unit());
  a.self_weight = r.Number("self_weight", -1.0, Range::Unit());
  a.confidence_bound = r.Number("confidence_bound", std::numeric_limits<double>::infinity(), Range::Positive());

  const ActorModelType* model = nullptr;
  if (const ConfigNode* m = r.Get("model")) {
    const ActorModelRegistry& registry = BuiltinActorModels();
    model = m->IsScalar() ? registry.Find(m->scalar) : nullptr;
    if (!model) {
      // The kinds of actor by the words analysts use for them.
      static const std::map<std::string, OtherName> others = {
          {"rebel", {"armed_opposition", "an armed faction against the government"}},
          {"rebels", {"armed_opposition", "an armed faction against the government"}},
          {"insurgent", {"armed_opposition", "an armed faction against the government"}},
          {"insurgents", {"armed_opposition", "an armed faction against the government"}},
          {"jihadist", {"spoiler", "a group outside every ceasefire that attacks it"}},
          {"terrorist", {"spoiler", "a group outside every ceasefire that attacks it"}},
          {"great_power", {"patron_power", "a great-power patron"}},
          {"superpower", {"patron_power", "a great-power patron"}}};
      diags.Error(m->location, "unknown actor model " + m->Describe() + " for " + what +
                                   "; expected one of: " + JoinNames(registry.Names()) +
                                   (m->IsScalar() ? DidYouMean(m->scalar, registry.Names(), others) : std::string()));
    } else {
      a.model = model->name;
    }
  }
  if (const ConfigNode* params = r.Get("parameters")) {
    if (!params->IsMap()) {
      diags.Error(params->location, what + ".parameters must be a mapping of names to numbers; got " +
                                        params->Describe() + "; expected e.g. 'temperature: 0.2'");
    } else if (!model && !r.Get("model")) {
      diags.Error(params->location, what + " has parameters but no model; expected 'model: NAME' with them");
    } else if (model) {
      std::vector<std::string> names;
      for (const auto& spec : model->parameters) names.push_back(spec.name);
      for (const auto& p : params->entries) {
        auto spec = std::find_if(model->parameters.begin(), model->parameters.end(),
                                 [&](const ParameterSpec& ps) { return ps.name == p.key; });
        if (spec == model->parameters.end()) {
          diags.Error(p.key_location, "unknown parameter '" + p.key + "' of model " + model->name + " for " + what +
                                          "; expected one of: " + JoinNames(names) + DidYouMean(p.key, names));
          continue;
        }
        if (auto v = ReadNumber(p.value, what + ".parameters." + p.key, Range::Between(spec->min, spec->max), diags))
          a.parameters[p.key] = *v;
      }
    }
  }
  if (const ConfigNode* flags = r.Get("flags")) {
    if (!flags->IsMap()) {
      diags.Error(flags->location, what + ".flags must be a mapping of flag names to true/false; got " +
                                       flags->Describe() + "; expected e.g. 'designated: true'");
    } else {
      for (const auto& f : flags->entries) {
        if (std::find(KnownFlags().begin(), KnownFlags().end(), f.key) == KnownFlags().end()) {
          diags.Error(f.key_location, "unknown flag '" + f.key + "' for " + what + "; expected one of: designated" +
                                          DidYouMean(f.key, KnownFlags()));
          continue;
        }
        if (auto v = ReadBool(f.value, what + ".flags." + f.key, diags)) a.flags[f.key] = *v;
      }
    }
  }
}

// The actor × actor state grows with the square of the actor count: checked
// before any of it is allocated, so a table too large fails with its size.
bool ActorStateFits(const ConfigNode& actors, const ParseLimits& limits, Diagnostics& diags) {
  const double n = static_cast<double>(actors.entries.size());
  const double bytes = State::kActorPairMatrices * n * n * sizeof(double);
  const std::string count = std::to_string(actors.entries.size()) + " actors";
  const std::string instead =
      "; larger numbers of agents belong in populations attached to actors, which are stored sparse";
  if (n > static_cast<double>(limits.max_actors)) {
    diags.Error(actors.location, count + "; expected at most " + std::to_string(limits.max_actors) +
                                     ": their state holds " + std::to_string(State::kActorPairMatrices) +
                                     " dense actor × actor matrices (" + HumanBytes(bytes) + " at " + count + ")" +
                                     instead);
    return false;
  }
  if (limits.max_actor_state_bytes > 0 && bytes > static_cast<double>(limits.max_actor_state_bytes)) {
    diags.Error(actors.location, count + " need about " + HumanBytes(bytes) + " for their state (" +
                                     std::to_string(State::kActorPairMatrices) +
                                     " dense actor × actor matrices), more than the " +
                                     HumanBytes(static_cast<double>(limits.max_actor_state_bytes)) + " " +
                                     limits.max_actor_state_source + "; expected fewer actors" + instead);
    return false;
  }
  return true;
}

}  // namespace

void BindActors(const ConfigNode* node, const SourceLocation& root, World& world, Diagnostics& diags,
                const ParseLimits& limits) {
  if (!node) {
    diags.Error(root, "missing required key 'actors'; expected a mapping of actor ids to actor definitions");
    return;
  }
  if (!node->IsMap() || node->entries.empty()) {
    diags.Error(node->location, "actors must be a non-empty mapping; got " + node->Describe() +
                                    "; expected actor ids mapped to {profile, capability, position, …}");
    return;
  }
  if (!ActorStateFits(*node, limits, diags)) return;
  // Pass 1: ids, so groups and later references can be checked against all of them.
  for (const auto& e : node->entries) {
    if (!IsValidId(e.key))
      diags.Error(e.key_location, InvalidIdMessage("actor id", e.key));
    ActorSpec a;
    a.id = e.key;
    world.actors.push_back(std::move(a));
  }
  // Pass 2: the actors' values.
  world.decision_models.assign(world.actors.size(), nullptr);
  for (std::size_t k = 0; k < node->entries.size(); ++k) {
    const auto& e = node->entries[k];
    ActorSpec& a = world.actors[k];
    BindOneActor(e.key, e, world, a, diags);
    if (const ActorModelType* model = a.model.empty() ? nullptr : BuiltinActorModels().Find(a.model))
      world.decision_models[k] = model->make(a.parameters);
    if (!e.value.IsMap()) continue;
    if (const ConfigNode* groups = e.value.Find("groups")) {
      std::vector<const ConfigNode*> items;
      if (groups->IsSequence()) {
        for (const auto& g : groups->items) items.push_back(&g);
      } else {
        items.push_back(groups);
      }
      for (const ConfigNode* g : items) {
        auto gid = ReadId(*g, "group of actor '" + e.key + "'", diags);
        if (!gid) continue;
        if (*gid == kAllGroup) {
          diags.Error(g->location, "'all' is the group of every actor; expected another group id");
          continue;
        }
        if (world.ActorIndex(*gid) >= 0) {
          diags.Error(g->location, "group '" + *gid + "' has the same id as an actor; expected a distinct group id");
          continue;
        }
        a.groups.push_back(*gid);
        world.groups[*gid].push_back(static_cast<int>(k));
      }
    }
  }
  // 'all': every actor, for tables whose rows all negotiate (`participants: all`),
  // unless an actor is called that.
  if (world.ActorIndex(kAllGroup) < 0)
    for (int k = 0; k < world.NumActors(); ++k) world.groups[kAllGroup].push_back(k);
}

}  // namespace diplosim
