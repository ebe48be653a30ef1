// Reads `negotiation` events: participants, agenda, protocol and its options.
#include <algorithm>
#include <limits>
#include <map>

#include "scenarios/binding.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/event_registry.h"
#include "sim/bargaining/eum_protocol.h"
#include "sim/bargaining/median_protocol.h"
#include "sim/bargaining/nash_protocol.h"
#include "sim/events/negotiation_event.h"

namespace diplosim {

namespace {

std::shared_ptr<const BargainingProtocol> ReadProtocol(MapReader& r, const References& refs, bool* is_eum) {
  const std::vector<std::string> names = {"median", "nash", "eum"};
  std::string name = "median";
  if (const ConfigNode* p = r.Get("protocol")) {
    if (!p->IsScalar() || std::find(names.begin(), names.end(), p->scalar) == names.end()) {
      // The protocols by the names the literature gives them.
      static const std::map<std::string, OtherName> others = {
          {"bdm", {"eum", "Bueno de Mesquita's expected-utility model"}},
          {"bueno_de_mesquita", {"eum", "Bueno de Mesquita's expected-utility model"}},
          {"expected_utility", {"eum", "Bueno de Mesquita's expected-utility model"}},
          {"euv", {"eum", "Bueno de Mesquita's expected-utility model"}},
          {"median_voter", {"median", "the weighted median"}},
          {"nash_bargaining", {"nash", "the asymmetric Nash bargaining solution"}},
          {"nbs", {"nash", "the asymmetric Nash bargaining solution"}}};
      refs.diags().Error(p->location, "unknown protocol " + p->Describe() + "; expected median, nash or eum" +
                                          (p->IsScalar() ? DidYouMean(p->scalar, names, others) : std::string()));
      return nullptr;
    }
    name = p->scalar;
  }
  *is_eum = name == "eum";
  // Rounds and eum options set on a one-shot protocol would be ignored, silently.
  for (const char* key : {"eum", "rounds"})
    if (name != "eum" && r.Get(key))
      refs.diags().Error(r.Get(key)->location, std::string("'") + key + "' applies only with protocol: eum; this " +
                                                   "negotiation uses " + name + ", which solves in one step");
  if (name == "median") return std::make_shared<MedianProtocol>();
  if (name == "nash") return std::make_shared<NashProtocol>();
  EumOptions options;
  if (const ConfigNode* o = r.Get("eum")) {
    MapReader e(*o, "eum options", {"probability", "compromise_choice", "q", "rounds"}, refs.diags());
    e.SetValuePrefix("eum.");
    if (auto v = e.String("probability")) {
      if (*v == "pairwise") options.probability = EumOptions::Probability::kPairwise;
      else if (*v != "scholz")
        refs.diags().Error(e.Get("probability")->location, "unknown eum probability '" + *v +
                                                               "'; expected scholz or pairwise" +
                                                               DidYouMean(*v, {"scholz", "pairwise"}));
    }
    if (auto v = e.String("compromise_choice")) {
      if (*v == "nearest") options.compromise_choice = EumOptions::CompromiseChoice::kNearest;
      else if (*v != "scholz")
        refs.diags().Error(e.Get("compromise_choice")->location, "unknown eum compromise_choice '" + *v +
                                                                     "'; expected scholz or nearest" +
                                                                     DidYouMean(*v, {"scholz", "nearest"}));
    }
    options.q = e.Number("q", options.q, Range::NonNegative());
    if (const ConfigNode* n = e.Get("rounds"))
      options.rounds = static_cast<int>(ReadInteger(*n, "eum rounds", 0, 10000, refs.diags()).value_or(10));
  } else if (r.Get("rounds")) {
    options.rounds = static_cast<int>(ReadInteger(*r.Get("rounds"), "rounds", 0, 10000, refs.diags()).value_or(10));
  }
  return std::make_shared<EumProtocol>(options);
}

// The forecast (the default status quo) maximises Σ_i c_i T_i U_i, with T_i the
// actor's salience over the agenda, so it is Pareto optimal for the whole cast:
// with every actor at the table nash has no proposal all of them prefer. On one
// dimension the same holds whenever it lies between the attendees' positions.
// Valid, but likely not what was meant, so it is a note.
void NoteNashFromTheForecast(MapReader& r, const Event::Header& header, const NegotiationEvent::Spec& spec,
                             const World& world, Diagnostics& diags) {
  const ConfigNode* protocol = r.Get("protocol");
  if (!protocol || !protocol->IsScalar() || protocol->scalar != "nash" || spec.status_quo.size() != 0) return;
  const bool everyone = spec.participants.size() == world.actors.size();
  if (!everyone && spec.agenda.size() != 1) return;
  const std::string why =
      everyone ? "the forecast, a clout-weighted mean of every actor's positions, is a point no proposal improves on "
                 "for all of them, so with everyone at the table"
               : "on one dimension ('" + world.dimensions[spec.agenda[0]].id +
                     "') no proposal improves for every attendee on a status quo between their positions, so whenever "
                     "the forecast lies there";
  diags.Note(protocol->location, "negotiation '" + header.name + "' bargains by nash from the forecast: " + why +
                                     " nash finds no zone of agreement; set status_quo (where the dispute stands "
                                     "before the talks) or use protocol median");
}

}  // namespace

void RegisterNegotiationEvent(EventRegistry& registry) {
  registry.Register(EventType{
      "negotiation", "a bargaining round (median, nash or eum) with acceptance, veto players and consequences",
      {"venue", "end", "participants", "mediators", "veto", "agenda", "protocol", "eum", "rounds", "status_quo",
       "acceptance_slope", "mediator_weight", "acceptance_bias", "commitment", "affinity_gain", "hostility_cut",
       "failure_affinity_loss", "failure_hostility_raise", "trace"},
      [](MapReader& r, Event::Header header, const References& refs, World& world) -> std::unique_ptr<Event> {
        NegotiationEvent::Spec spec;
        if (const ConfigNode* p = r.Require("participants", "the actors or groups at the table")) {
          spec.participants = refs.RequiredActors(*p, "negotiation participants");
          if (spec.participants.size() == 1)
            refs.diags().Error(p->location,
                               "negotiation participants name one actor only ('" +
                                   world.actors[spec.participants[0]].id +
                                   "'); expected two or more actors or groups (alone, no talks can agree)");
        }
        if (const ConfigNode* m = r.Get("mediators")) spec.mediators = refs.Actors(*m, "negotiation mediators");
        if (const ConfigNode* v = r.Get("veto")) {
          spec.veto = refs.Actors(*v, "negotiation veto");
          for (int i : spec.veto)
            if (std::find(spec.participants.begin(), spec.participants.end(), i) == spec.participants.end())
              refs.diags().Error(v->location, "veto player '" + world.actors[i].id +
                                                  "' is not a participant; expected veto players among the participants");
        }
        if (const ConfigNode* a = r.Require("agenda", "a list of dimension ids")) {
          if (a->IsScalar()) {  // one dimension, as one actor id stands for a list of one elsewhere
            if (auto d = refs.Dimension(*a, "negotiation agenda")) spec.agenda.push_back(*d);
          } else if (!a->IsSequence() || a->items.empty()) {
            std::string ids;
            for (const auto& dim : world.dimensions) ids += (ids.empty() ? "" : ", ") + dim.id;
            refs.diags().Error(a->location, "agenda must list dimensions; got " +
                                                (a->IsSequence() ? std::string("an empty list") : a->Describe()) +
                                                "; expected dimension ids, a list of some of [" + ids + "]");
          } else {
            for (const auto& item : a->items)
              if (auto d = refs.Dimension(item, "negotiation agenda")) {
                if (std::find(spec.agenda.begin(), spec.agenda.end(), *d) != spec.agenda.end())
                  refs.diags().Error(item.location, "dimension '" + item.scalar +
                                                        "' is on the agenda twice; expected each dimension once");
                else
                  spec.agenda.push_back(*d);
              }
          }
        }
        bool is_eum = false;
        spec.protocol = ReadProtocol(r, refs, &is_eum);
        if (const ConfigNode* q = r.Get("status_quo")) {
          if (!q->IsMap() || q->entries.empty()) {
            refs.diags().Error(q->location, "status_quo must map agenda dimensions to positions; got " + q->Describe() +
                                                "; expected e.g. 'settlement: 0.2' (leave it out for the forecast "
                                                "on every agenda dimension)");
          } else {
            spec.status_quo.resize(static_cast<int>(spec.agenda.size()));
            spec.status_quo.setConstant(std::numeric_limits<double>::quiet_NaN());  // not given: the forecast
            for (const auto& e : q->entries) {
              auto d = refs.Dimension(ConfigNode::Scalar(e.key, e.key_location), "status_quo");
              if (!d) continue;
              auto it = std::find(spec.agenda.begin(), spec.agenda.end(), *d);
              if (it == spec.agenda.end()) {
                refs.diags().Error(e.key_location, "status_quo names '" + e.key +
                                                       "', which is not on the agenda; expected agenda dimensions only");
                continue;
              }
              const Dimension& dim = world.dimensions[*d];
              if (auto v = ReadNumber(e.value, "status_quo." + e.key,
                                      Range::Between(std::min(dim.low, dim.high), std::max(dim.low, dim.high)),
                                      refs.diags()))
                spec.status_quo(it - spec.agenda.begin()) = dim.ToUnit(*v);
            }
          }
        }
        NoteNashFromTheForecast(r, header, spec, world, refs.diags());
        NegotiationParams& p = spec.params;
        p.acceptance_slope = r.Number("acceptance_slope", p.acceptance_slope, Range::NonNegative());
        p.mediator_weight = r.Number("mediator_weight", p.mediator_weight, Range::Any());
        p.acceptance_bias = r.Number("acceptance_bias", p.acceptance_bias, Range::Any());
        p.commitment = r.Number("commitment", p.commitment, Range::Unit());
        p.affinity_gain = r.Number("affinity_gain", p.affinity_gain, Range::Unit());
        p.hostility_cut = r.Number("hostility_cut", p.hostility_cut, Range::Unit());
        p.failure_affinity_loss = r.Number("failure_affinity_loss", p.failure_affinity_loss, Range::Unit());
        p.failure_hostility_raise = r.Number("failure_hostility_raise", p.failure_hostility_raise, Range::NonNegative());
        spec.record_trace = r.Bool("trace", is_eum);
        r.String("venue");
        // Resolved on the last day of the talks.
        // (Only against a valid start: an invalid date was reported already.)
        if (const ConfigNode* e = r.Get("end"); e && header.date >= world.calendar.start) {
          if (auto end = ReadDate(*e, "negotiation end", refs.diags())) {
            if (*end < header.date || *end >= world.calendar.LastDate())
              refs.diags().Error(e->location, "negotiation end " + end->ToString() + " is outside [" +
                                                  header.date.ToString() + ", " + world.calendar.LastDate().ToString() +
                                                  "); expected a date from the start of the talks to before the "
                                                  "calendar's last time point" +
                                                  LastTimePointNote(world.calendar));
            else
              header.date = *end;
          }
        }
        if (!spec.protocol) return nullptr;
        world.negotiations.push_back(header.name);
        return std::make_unique<NegotiationEvent>(std::move(header), std::move(spec));
      }});
}

}  // namespace diplosim
