// Reads `agreement` and `deal` events.
#include "scenarios/event_registry.h"
#include "scenarios/events/actor_list.h"
#include "scenarios/events/stance_reader.h"
#include "sim/events/agreement_event.h"

namespace diplosim {

namespace {

std::unique_ptr<Event> ParseAgreement(MapReader& r, Event::Header header, const References& refs, World& world,
                                      bool deal) {
  AgreementEvent::Spec spec;
  if (const ConfigNode* p = r.Require("parties", "the actors that sign (at least two)")) {
    spec.parties = refs.Actors(*p, header.type + " parties");
    if (spec.parties.size() < 2 && !refs.diags().HasErrors())
      refs.diags().Error(p->location, header.type + " '" + header.name +
                                          "' has fewer than two parties; expected at least two actors");
  }
  const ConfigNode* provider = deal ? r.Require("provider", "the party that provides (e.g. the patron)") : r.Get("provider");
  if (provider)
    if (auto pv = refs.Actor(*provider, header.type + " provider")) {
      spec.provider = *pv;
      if (std::find(spec.parties.begin(), spec.parties.end(), *pv) == spec.parties.end())
        refs.diags().Error(provider->location, "provider '" + provider->scalar + "' is not among the parties of " +
                                                   header.type + " '" + header.name + "'; expected one of the parties");
    }
  if (const ConfigNode* c = r.Get("count"))
    spec.count = static_cast<int>(ReadInteger(*c, "count", 1, 1000, refs.diags()).value_or(1));
  spec.dependency = r.Number("dependency", deal ? 0.02 : 0.0, Range::Unit());
  spec.affinity = r.Number("affinity", deal ? 0.02 : 0.05, Range::Between(-1, 1));
  spec.economic = r.Number("economic", deal ? 0.005 : 0.0, Range::Between(-1, 1));
  if (!deal) {
    if (const ConfigNode* st = r.Get("stance")) spec.stance = ReadStance(*st, refs);
    spec.commitment = r.Number("commitment", 0.2, Range::Unit());
    spec.hostility_cut = r.Number("hostility_cut", 0.2, Range::Unit());
  }
  const std::string actors = JoinIds(world, spec.parties);
  return std::make_unique<AgreementEvent>(std::move(header), std::move(spec), actors);
}

}  // namespace

void RegisterAgreementEvents(EventRegistry& registry) {
  registry.Register(EventType{
      "agreement", "parties sign an agreement: commitments, affinity, lower hostility targets",
      {"parties", "provider", "count", "dependency", "affinity", "economic", "stance", "commitment", "hostility_cut"},
      [](MapReader& r, Event::Header h, const References& refs, World& w) {
        return ParseAgreement(r, std::move(h), refs, w, false);
      }});
  registry.Register(EventType{
      "deal", "a provider signs deals with other parties: dependency, affinity and economic transfers",
      {"parties", "provider", "count", "dependency", "affinity", "economic"},
      [](MapReader& r, Event::Header h, const References& refs, World& w) {
        return ParseAgreement(r, std::move(h), refs, w, true);
      }});
}

}  // namespace diplosim
