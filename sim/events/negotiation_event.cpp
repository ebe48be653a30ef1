#include "sim/events/negotiation_event.h"

#include <algorithm>
#include <cmath>

#include "sim/effects.h"
#include "sim/forecast.h"
#include "sim/world.h"

namespace diplosim {

namespace {

bool Contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

void NegotiationEvent::Apply(StepContext& ctx) const {
  const World& world = ctx.world;
  State& s = ctx.state;
  const NegotiationParams& p = spec_.params;
  Rng rng = ctx.Stream(StreamPurpose::kNegotiation, static_cast<std::uint64_t>(header().sequence));

  // Attendance.
  std::vector<char> mediator_mask(world.NumActors(), 0);
  for (int m : spec_.mediators) mediator_mask[m] = 1;
  std::vector<int> attending;
  bool veto_boycott = false;
  for (int i : spec_.participants) {
    const auto& model = world.decision_models[i];
    const double prob = model ? model->AttendProbability(i, ctx, mediator_mask.data()) : 1.0;
    const bool attends = rng.Uniform() < prob;
    if (model) ctx.LogAction(i, attends ? "attend" : "boycott", header().name);
    if (attends) {
      attending.push_back(i);
    } else if (Contains(spec_.veto, i)) {
      veto_boycott = true;
    }
  }

  // The problem as the attendees see it.
  const int P = static_cast<int>(attending.size());
  const int K = static_cast<int>(spec_.agenda.size());
  BargainingProblem problem;
  problem.position.resize(P, K);
  problem.salience.resize(P, K);
  problem.intensity.resize(P, K);
  problem.capability.resize(P);
  for (int a = 0; a < P; ++a) {
    const int i = attending[a];
    problem.capability(a) = s.capability(i);
    for (int k = 0; k < K; ++k) {
      problem.position(a, k) = s.position(i, spec_.agenda[k]);
      problem.salience(a, k) = s.salience(i, spec_.agenda[k]);
      problem.intensity(a, k) = s.intensity(i, spec_.agenda[k]);
    }
  }
  const bool given = spec_.status_quo.size() == K;
  if (given && !spec_.status_quo.hasNaN()) {
    problem.status_quo = spec_.status_quo;
  } else {  // the agenda dimensions the scenario leaves out stand where the forecast does
    Eigen::VectorXd f(world.NumDimensions());
    ComputeForecast(s, f);
    problem.status_quo.resize(K);
    for (int k = 0; k < K; ++k)
      problem.status_quo(k) = given && !std::isnan(spec_.status_quo(k)) ? spec_.status_quo(k) : f(spec_.agenda[k]);
  }

  std::string outcome;
  std::vector<int> signatories;
  double share = 0.0;
  BargainingResult result;
  if (veto_boycott) {
    outcome = "boycott";
  } else if (P < 2) {
    outcome = "failure";
  } else {
    result = spec_.protocol->Solve(problem);
    if (!result.zone) {
      outcome = "no-zone";
    } else {
      bool veto_rejects = false;
      for (int a = 0; a < P; ++a) {
        const int i = attending[a];
        double med = 0.0;
        int count = 0;
        for (int m : spec_.mediators)
          if (m != i) {
            med += s.affinity(i, m);
            ++count;
          }
        med = count > 0 ? med / count : 0.0;
        const double gain = problem.Utility(a, result.outcome) - problem.Utility(a, problem.status_quo);
        const double z = p.acceptance_slope * gain + p.mediator_weight * med + p.acceptance_bias;
        const double prob = 1.0 / (1.0 + std::exp(-z));
        if (rng.Uniform() < prob) {
          signatories.push_back(i);
        } else if (Contains(spec_.veto, i)) {
          veto_rejects = true;
        }
      }
      share = static_cast<double>(signatories.size()) / P;
      outcome = (!veto_rejects && signatories.size() >= 2) ? "agreement" : "failure";
    }
  }

  if (outcome == "agreement") {
    for (int i : signatories) {
      for (int k = 0; k < K; ++k) MoveAnchorToward(s, i, spec_.agenda[k], result.outcome(k), p.commitment);
      for (int j : signatories) {
        if (j == i) continue;
        AddAffinity(s, i, j, p.affinity_gain);
        if (j > i) ScaleHostilityBase(s, i, j, 1.0 - p.hostility_cut);
      }
    }
  } else {
    for (int i : attending)
      for (int j : attending) {
        if (j == i) continue;
        AddAffinity(s, i, j, -p.failure_affinity_loss);
        if (j > i && s.hostility_base(i, j) > 0.0) ScaleHostilityBase(s, i, j, 1.0 + p.failure_hostility_raise);
      }
  }
  ctx.LogEvent(header().type, header().name, outcome == "agreement" ? signatories : attending, outcome, share);

  if (spec_.record_trace) {
    for (std::size_t k = 0; k < result.trace.size(); ++k) {
      const Dimension& dim = world.dimensions[spec_.agenda[k]];
      for (const EumRound& round : result.trace[k]) {
        const std::string label = "round " + std::to_string(round.round);
        ctx.LogEvent("eum-mean", header().name, dim.id, label, dim.ToNatural(round.mean));
        ctx.LogEvent("eum-median", header().name, dim.id, label, dim.ToNatural(round.median));
        if (!ctx.LogsEvent("eum-move")) continue;
        for (const EumMove& m : round.moves) {
          const int pair[] = {attending[m.mover], attending[m.toward]};
          ctx.LogEvent("eum-move", header().name, pair, m.kind + " in " + label, dim.ToNatural(m.to));
        }
      }
    }
  }
}

}  // namespace diplosim
