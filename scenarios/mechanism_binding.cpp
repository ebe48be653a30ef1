#include "scenarios/binding.h"
#include "scenarios/node_reader.h"

namespace diplosim {

namespace {

void BindExplicitWeights(const ConfigNode& node, World& world, Diagnostics& diags) {
  const int n = world.NumActors();
  const std::string form = "a list of " + std::to_string(n) + " rows of " + std::to_string(n) +
                           " numbers (one per actor, in the order actors are declared), each row summing to 1";
  if (!node.IsSequence() || static_cast<int>(node.items.size()) != n) {
    diags.Error(node.location, "influence.weights has " +
                                   (node.IsSequence() ? std::to_string(node.items.size()) + " rows" : node.Describe()) +
                                   "; expected " + form);
    return;
  }
  Eigen::MatrixXd w(n, n);
  bool ok = true;
  for (int i = 0; i < n; ++i) {
    const ConfigNode& row = node.items[i];
    if (!row.IsSequence() || static_cast<int>(row.items.size()) != n) {
      diags.Error(row.location, "row " + std::to_string(i + 1) + " of influence.weights has " +
                                    (row.IsSequence() ? std::to_string(row.items.size()) + " entries" : row.Describe()) +
                                    "; expected " + std::to_string(n));
      ok = false;
      continue;
    }
    for (int j = 0; j < n; ++j) {
      auto v = ReadNumber(row.items[j], "influence weight", Range::Unit(), diags);
      ok = ok && v.has_value();
      w(i, j) = v.value_or(0.0);
    }
    if (ok && std::abs(w.row(i).sum() - 1.0) > 1e-6) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.9g", w.row(i).sum());
      diags.Error(row.location, "row " + std::to_string(i + 1) + " of influence.weights sums to " + buf +
                                    "; expected each row to sum to 1 (within 1e-6)");
      ok = false;
    }
  }
  if (ok) world.params.influence.explicit_weights = w;
}

}  // namespace

void BindMechanisms(const ConfigNode* node, World& world, Diagnostics& diags) {
  // Decisions come about weekly whatever the step, unless the scenario says otherwise.
  world.params.decision_interval = world.calendar.StepsNearestAWeek();
  if (!node) return;
  MapReader r(*node, "mechanisms", {"capability_weights", "influence", "affinity", "conflict", "decisions"}, diags);
  if (!r.ok()) return;
  ModelParams& p = world.params;

  if (const ConfigNode* cw = r.Get("capability_weights")) {
    MapReader c(*cw, "mechanisms.capability_weights", {"military", "economic", "diplomatic"}, diags);
    p.capability_weights(kMilitary) = c.Number("military", p.capability_weights(kMilitary), Range::NonNegative());
    p.capability_weights(kEconomic) = c.Number("economic", p.capability_weights(kEconomic), Range::NonNegative());
    p.capability_weights(kDiplomatic) =
        c.Number("diplomatic", p.capability_weights(kDiplomatic), Range::NonNegative());
    if (c.ok() && p.capability_weights.sum() <= 0.0)
      diags.Error(cw->location, "capability_weights are all zero; expected at least one positive weight");
  }

  if (const ConfigNode* inf = r.Get("influence")) {
    MapReader i(*inf, "mechanisms.influence",
                {"self_weight", "dependency_weight", "affinity_weight", "deference_weight", "salience_modulation", "noise",
                 "weights"},
                diags);
    InfluenceParams& ip = p.influence;
    ip.self_weight = i.Number("self_weight", ip.self_weight, Range::Unit());
    ip.dependency_weight = i.Number("dependency_weight", ip.dependency_weight, Range::NonNegative());
    ip.affinity_weight = i.Number("affinity_weight", ip.affinity_weight, Range::NonNegative());
    ip.deference_weight = i.Number("deference_weight", ip.deference_weight, Range::NonNegative());
    ip.salience_modulation = i.Number("salience_modulation", ip.salience_modulation, Range::NonNegative());
    ip.noise = i.Number("noise", ip.noise, Range::Unit());
    if (const ConfigNode* w = i.Get("weights")) BindExplicitWeights(*w, world, diags);
    std::string why;
    if (i.ok() && !ip.IsValid(&why)) diags.Error(inf->location, "mechanisms.influence: " + why);
  }

  if (const ConfigNode* aff = r.Get("affinity")) {
    MapReader a(*aff, "mechanisms.affinity", {"enabled", "rate", "hostility_weight"}, diags);
    AffinityParams& ap = p.affinity;
    ap.enabled = a.Bool("enabled", ap.enabled);
    ap.rate = a.Number("rate", ap.rate, Range::Unit());
    ap.hostility_weight = a.Number("hostility_weight", ap.hostility_weight, Range::NonNegative());
  }

  if (const ConfigNode* con = r.Get("conflict")) {
    MapReader c(*con, "mechanisms.conflict",
                {"enabled", "relaxation", "ceasefire_residual", "violation_rate", "spoiler_weight", "activity_weight",
                 "trust_loss", "violation_hostility", "collapse_after", "attrition", "recovery", "support_relaxation",
                 "activity_decay", "deference_decay"},
                diags);
    ConflictParams& cp = p.conflict;
    cp.enabled = c.Bool("enabled", cp.enabled);
    cp.relaxation = c.Number("relaxation", cp.relaxation, Range::Unit());
    cp.ceasefire_residual = c.Number("ceasefire_residual", cp.ceasefire_residual, Range::Unit());
    cp.violation_rate = c.Number("violation_rate", cp.violation_rate, Range::Between(0, 10));
    cp.spoiler_weight = c.Number("spoiler_weight", cp.spoiler_weight, Range::NonNegative());
    cp.activity_weight = c.Number("activity_weight", cp.activity_weight, Range::NonNegative());
    cp.trust_loss = c.Number("trust_loss", cp.trust_loss, Range::Unit());
    cp.violation_hostility = c.Number("violation_hostility", cp.violation_hostility, Range::NonNegative());
    if (const ConfigNode* n = c.Get("collapse_after"))
      cp.collapse_after = static_cast<int>(ReadInteger(*n, "mechanisms.conflict.collapse_after", 1, 1'000'000, diags)
                                               .value_or(cp.collapse_after));
    cp.attrition = c.Number("attrition", cp.attrition, Range::Unit());
    cp.recovery = c.Number("recovery", cp.recovery, Range::Unit());
    cp.support_relaxation = c.Number("support_relaxation", cp.support_relaxation, Range::Unit());
    cp.activity_decay = c.Number("activity_decay", cp.activity_decay, Range::Unit());
    cp.deference_decay = c.Number("deference_decay", cp.deference_decay, Range::Unit());
  }

  if (const ConfigNode* dec = r.Get("decisions")) {
    MapReader d(*dec, "mechanisms.decisions", {"interval"}, diags);
    if (const ConfigNode* n = d.Get("interval"))
      p.decision_interval = static_cast<int>(
          ReadInteger(*n, "mechanisms.decisions.interval", 1, 10000, diags).value_or(p.decision_interval));
  }
}

}  // namespace diplosim
