// Reads `trigger` events: a condition on the state and the events it fires.
#include <cmath>
#include <limits>
#include <utility>

#include "scenarios/did_you_mean.h"
#include "scenarios/event_registry.h"
#include "scenarios/number_text.h"
#include "sim/events/trigger_event.h"

namespace diplosim {

namespace {

int CeasefireIndex(const ConfigNode& node, const References& refs, const World& world) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < world.ceasefires.size(); ++c) {
    names.push_back(world.ceasefires[c].name);
    if (node.IsScalar() && world.ceasefires[c].name == node.scalar) return static_cast<int>(c);
  }
  refs.diags().Error(node.location, "unknown ceasefire " + node.Describe() + "; expected the name of a ceasefire event" +
                                        (node.IsScalar() ? DidYouMean(node.scalar, names) +
                                                               refs.DisabledEventNote(node.scalar)
                                                         : std::string()));
  return -1;
}

// The values a condition's quantity can take, in the units its thresholds are
// compared in (positions and anchors on the unit scale).
std::pair<double, double> ValueRange(const TriggerCondition& c) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  switch (c.kind) {
    case TriggerCondition::Kind::kDivergence:
      return {0.0, 1.0};
    case TriggerCondition::Kind::kViolations:
      return {0.0, kInf};
    case TriggerCondition::Kind::kCollapsed:
      return {0.0, 1.0};
    case TriggerCondition::Kind::kValue:
      break;
  }
  switch (c.target.field) {
    case StateField::kAffinity:
      return {-1.0, 1.0};
    case StateField::kCapability:
    case StateField::kHostility:
    case StateField::kSupport:
      return {0.0, kInf};
    default:
      return {0.0, 1.0};  // positions, anchors (unit scale), salience, susceptibility, dependency
  }
}

// A threshold the quantity can never pass (divergence above 30, a position above
// its dimension's end, above ≥ below) made a trigger that silently never fired.
void CheckReachable(const TriggerCondition& c, const MapReader& r, const World& world, Diagnostics& diags) {
  const auto [lo, hi] = ValueRange(c);
  const bool natural = c.natural_dimension >= 0;
  const auto shown = [&](double unit) {
    return ShortNumber(natural ? world.dimensions[c.natural_dimension].ToNatural(unit) : unit);
  };
  const std::string range = "[" + shown(lo) + ", " + (std::isinf(hi) ? std::string("∞") : shown(hi)) + "]";
  const std::string what = c.kind == TriggerCondition::Kind::kDivergence   ? "divergence"
                           : c.kind == TriggerCondition::Kind::kViolations ? "a violation count"
                                                                           : r.Get("value")->scalar;
  const std::string advice = c.kind == TriggerCondition::Kind::kDivergence ? " (a share: 0.3 for 30 %)" : "";
  if (const ConfigNode* a = r.Get("above"); a && c.above >= hi)
    diags.Error(a->location, "the trigger can never fire: " + what + " lies in " + range + ", never above " +
                                 a->scalar + "; expected a threshold inside that range" + advice);
  else if (const ConfigNode* b = r.Get("below"); b && c.below <= lo)
    diags.Error(b->location, "the trigger can never fire: " + what + " lies in " + range + ", never below " +
                                 b->scalar + "; expected a threshold inside that range" + advice);
  else if (r.Get("above") && r.Get("below") && c.above >= c.below)
    diags.Error(r.Get("below")->location, "the trigger can never fire: it asks for a value above " +
                                              r.Get("above")->scalar + " and below " + r.Get("below")->scalar +
                                              " at once; expected above < below (a band), or one of them");
}

std::optional<TriggerCondition> ReadCondition(const ConfigNode& node, const References& refs, const World& world) {
  MapReader r(node, "trigger condition", {"divergence", "dimensions", "value", "violations", "collapsed", "above", "below"},
              refs.diags());
  if (!r.ok()) return std::nullopt;
  TriggerCondition c;
  int kinds = 0;
  if (const ConfigNode* d = r.Get("divergence")) {
    ++kinds;
    c.kind = TriggerCondition::Kind::kDivergence;
    if (!d->IsSequence() || d->items.size() != 2) {
      refs.diags().Error(d->location, "divergence must name two actors; got " + d->Describe() + "; expected [a, b]");
      return std::nullopt;
    }
    auto a = refs.Actor(d->items[0], "divergence");
    auto b = refs.Actor(d->items[1], "divergence");
    if (!a || !b) return std::nullopt;
    if (*a == *b) {  // always 0: the trigger would fire at once or never
      refs.diags().Error(d->location, "divergence of '" + d->items[0].scalar +
                                          "' with itself is always 0; expected two different actors");
      return std::nullopt;
    }
    c.a = *a;
    c.b = *b;
    if (const ConfigNode* dims = r.Get("dimensions")) {
      if (!dims->IsSequence()) {
        refs.diags().Error(dims->location, "dimensions must be a list; got " + dims->Describe() + "; expected [d1, d2]");
      } else {
        c.dims.resize(static_cast<int>(dims->items.size()));
        for (std::size_t k = 0; k < dims->items.size(); ++k)
          c.dims(static_cast<int>(k)) = refs.Dimension(dims->items[k], "divergence dimensions").value_or(0);
      }
    }
  }
  if (const ConfigNode* v = r.Get("value")) {
    ++kinds;
    c.kind = TriggerCondition::Kind::kValue;
    auto targets = v->IsScalar() ? refs.StatePath(v->scalar, v->location) : std::nullopt;
    if (!v->IsScalar())
      refs.diags().Error(v->location, "value must be a state path; got " + v->Describe() + "; expected e.g. affinity." +
                                          refs.ExampleActor(0) + "." + refs.ExampleActor(1));
    if (!targets) return std::nullopt;
    if (targets->targets.size() != 1) {
      refs.diags().Error(v->location, "value path '" + v->scalar + "' names " + std::to_string(targets->targets.size()) +
                                          " values; expected a path to exactly one (actors, not groups)");
      return std::nullopt;
    }
    c.target = targets->targets[0];
    // Positions and anchors are read and reported in the dimension's natural units.
    if (c.target.field == StateField::kPosition || c.target.field == StateField::kAnchor) c.natural_dimension = c.target.k;
  }
  if (const ConfigNode* v = r.Get("violations")) {
    ++kinds;
    c.kind = TriggerCondition::Kind::kViolations;
    c.ceasefire = CeasefireIndex(*v, refs, world);
  }
  if (const ConfigNode* v = r.Get("collapsed")) {
    ++kinds;
    c.kind = TriggerCondition::Kind::kCollapsed;
    c.ceasefire = CeasefireIndex(*v, refs, world);
    c.above = 0.5;
  }
  if (kinds != 1) {
    refs.diags().Error(node.location, "a trigger condition needs exactly one of divergence, value, violations, collapsed; got " +
                                          std::to_string(kinds) + "; expected one");
    return std::nullopt;
  }
  if (c.ceasefire < 0) return std::nullopt;
  auto threshold = [&](const char* key) -> std::optional<double> {
    auto v = r.Number(key, Range::Any());
    if (v && c.kind == TriggerCondition::Kind::kValue && c.natural_dimension >= 0)
      return world.dimensions[c.natural_dimension].ToUnit(*v);
    return v;
  };
  if (auto v = threshold("above")) c.above = *v;
  if (auto v = threshold("below")) c.below = *v;
  if (c.kind != TriggerCondition::Kind::kCollapsed && !r.Get("above") && !r.Get("below"))
    refs.diags().Error(node.location, "a trigger condition needs 'above' or 'below'; expected a threshold");
  else if (c.kind != TriggerCondition::Kind::kCollapsed)
    CheckReachable(c, r, world, refs.diags());
  return c;
}

}  // namespace

void RegisterTriggerEvent(EventRegistry& registry) {
  registry.Register(EventType{
      "trigger", "fires its 'then' events when a condition on the state holds (divergence, value, violations, collapse)",
      {"when", "then", "until", "repeat"},
      [](MapReader& r, Event::Header header, const References& refs, World& world) -> std::unique_ptr<Event> {
        std::optional<TriggerCondition> condition;
        if (const ConfigNode* w = r.Require("when", "a condition such as {divergence: [a, b], above: 0.3}"))
          condition = ReadCondition(*w, refs, world);
        Date until = world.calendar.end;
        if (const ConfigNode* u = r.Get("until"))
          if (auto d = ReadDate(*u, "trigger until", refs.diags())) {
            until = *d;
            // Only against a valid date: an invalid one was reported already.
            if (until < header.date && header.date >= world.calendar.start)
              refs.diags().Error(u->location, "trigger until " + until.ToString() + " is before the trigger's date " +
                                                  header.date.ToString() +
                                                  ", so it could never fire; expected a date on or after it");
          }
        const bool repeat = r.Bool("repeat", false);
        std::vector<std::unique_ptr<const Event>> then;
        if (const ConfigNode* t = r.Require("then", "a list of events to fire")) {
          if (!t->IsSequence() || t->items.empty()) {
            refs.diags().Error(t->location, "then must be a non-empty list of events; got " + t->Describe() +
                                                "; expected e.g. '- {type: warning, actor: " + refs.ExampleActor(0) +
                                                ", target: " + refs.ExampleActor(1) + "}'");
          } else {
            int k = 0;
            for (const auto& item : t->items) {
              auto inner = ParseEvent(item, header.sequence * 1000 + (++k), world, refs, nullptr, &header);
              if (inner && dynamic_cast<const TriggerEvent*>(inner.get()))
                refs.diags().Error(item.location, "a trigger cannot fire another trigger; expected other event types");
              else if (inner)
                then.push_back(std::move(inner));
            }
          }
        }
        if (!condition) return nullptr;
        const int index = static_cast<int>(world.triggers.size());
        return std::make_unique<TriggerEvent>(std::move(header), index, *condition, until, repeat, std::move(then));
      }});
}

}  // namespace diplosim
