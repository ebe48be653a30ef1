#include <limits>

#include "scenarios/binding.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/node_reader.h"
#include "scenarios/scale_notes.h"
#include "scenarios/scenario.h"
#include "scenarios/sha256.h"

namespace diplosim {

namespace {

void BindMetadata(const ConfigNode* node, Scenario& scenario, Diagnostics& diags) {
  if (!node) return;
  MapReader r(*node, "metadata", {"name", "title", "description", "sources", "notes"}, diags);
  if (!r.ok()) return;
  if (const ConfigNode* n = r.Get("name")) scenario.metadata.name = ReadId(*n, "metadata.name", diags).value_or("");
  scenario.metadata.title = r.String("title").value_or("");
  scenario.metadata.description = r.String("description").value_or("");
  if (const ConfigNode* s = r.Get("sources")) {
    if (!s->IsSequence()) {
      diags.Error(s->location, "metadata.sources must be a list of texts; got " + s->Describe() +
                                   "; expected e.g. '- Author, Title, Year'");
    } else {
      for (const auto& item : s->items)
        if (auto text = ReadString(item, "metadata source", diags)) scenario.metadata.sources.push_back(*text);
    }
  }
}

void BindRun(const ConfigNode* node, Scenario& scenario, Diagnostics& diags) {
  if (!node) return;
  MapReader r(*node, "run", {"replicates", "seed"}, diags);
  if (const ConfigNode* n = r.Get("replicates"))
    scenario.run.replicates = static_cast<int>(ReadInteger(*n, "run.replicates", 1, 10'000'000, diags).value_or(1));
  if (const ConfigNode* n = r.Get("seed"))
    scenario.run.seed = ReadSeed(*n, "run.seed", diags).value_or(1);
}

void BindRecord(const ConfigNode* node, Scenario& scenario, const World& world, Diagnostics& diags) {
  scenario.record = RecordSpec::All();
  if (!node) return;
  MapReader r(*node, "record", {"variables", "every"}, diags);
  if (const ConfigNode* v = r.Get("variables")) {
    if (!v->IsSequence() || v->items.empty()) {
      diags.Error(v->location, "record.variables must be a non-empty list; got " + v->Describe() +
                                   "; expected names such as position, forecast");
    } else {
      const std::vector<std::string> names = RecordSpec::NamesAndGroups();
      scenario.record = RecordSpec{};
      for (const auto& item : v->items) {
        if (!item.IsScalar() || !scenario.record.Enable(item.scalar)) {
          diags.Error(item.location, "unknown variable " + item.Describe() + " in record.variables; expected one of: " +
                                         RecordSpec::Listed() +
                                         (item.IsScalar() ? DidYouMean(item.scalar, names) : std::string()));
          continue;
        }
        // Named on purpose, a variable the scenario cannot have would leave it out of the file without a word.
        if (const auto v = VariableFromName(item.scalar))
          if (const std::string_view missing = MissingFor(*v, !world.ceasefires.empty(), !world.populations.empty());
              !missing.empty())
            diags.Error(item.location, "record.variables names " + item.scalar + ", but this scenario has no " +
                                           std::string(missing) + "; expected variables it can record");
      }
    }
  }
  if (const ConfigNode* e = r.Get("every")) {
    scenario.record.every = static_cast<int>(ReadInteger(*e, "record.every", 1, 1'000'000, diags).value_or(1));
    if (const std::string note = scenario.record.EveryAsDaysNote(world.calendar.step_days); !note.empty())
      diags.Note(e->location, "record." + note);
  }
}

// decisions.interval counts steps. Equal to a multi-day step's length it reads
// like days, so this says how often actors then decide.
void NoteIntervalAsDays(const ConfigNode* mechanisms, const World& world, Diagnostics& diags) {
  const int k = world.params.decision_interval, days = world.calendar.step_days;
  if (!mechanisms || !mechanisms->IsMap() || days < 2 || k != days) return;
  const ConfigNode* decisions = mechanisms->Find("decisions");
  const ConfigNode* interval = decisions && decisions->IsMap() ? decisions->Find("interval") : nullptr;
  if (!interval) return;
  const int weekly = world.calendar.StepsNearestAWeek();
  diags.Note(interval->location, "mechanisms.decisions.interval " + std::to_string(k) + " counts steps, which with " +
                                     std::to_string(days) + "-day steps is one decision every " +
                                     std::to_string(k * days) + " days; without it actors decide about weekly (every " +
                                     (weekly == 1 ? std::string("step") : std::to_string(weekly) + " steps") + ")");
}

}  // namespace

Scenario BindScenario(ResolvedSource source, bool provenance) {
  Diagnostics diags;
  const ConfigNode& root = source.tree;
  const SourceLocation top{source.main_file, 1, 1};
  MapReader r(root, "the scenario",
              {"diplosim", "metadata", "calendar", "dimensions", "actors", "actors_from", "relations", "mechanisms",
               "populations", "events", "record", "run"},
              diags);
  if (const ConfigNode* v = r.Get("diplosim")) ReadInteger(*v, "diplosim (format version)", 1, 1, diags);

  Scenario scenario;
  auto world = std::make_shared<World>();
  BindMetadata(r.Get("metadata"), scenario, diags);
  world->title = scenario.metadata.title.empty() ? scenario.metadata.name : scenario.metadata.title;
  BindCalendar(r.Get("calendar"), top, *world, diags);
  BindDimensions(r.Get("dimensions"), top, *world, diags);
  // Actors need the dimensions; relations, mechanisms and events need the actors.
  if (!world->dimensions.empty()) {
    BindActors(r.Get("actors"), top, *world, diags, source.limits);
    BindRelations(r.Get("relations"), *world, diags);
    BindMechanisms(r.Get("mechanisms"), *world, diags);
    NoteIntervalAsDays(r.Get("mechanisms"), *world, diags);
    BindPopulations(r.Get("populations"), *world, diags, source.files, source.limits.max_population_agents,
                    source.limits.max_population_links, source.networks.get(), source.on_long_step);
    if (world->calendar.step_days > 0 && world->calendar.end > world->calendar.start) {
      const ConfigNode* calendar = r.Get("calendar");
      const ConfigNode* end = calendar && calendar->IsMap() ? calendar->Find("end") : nullptr;
      BindEvents(r.Get("events"), *world, diags, end ? end->location : SourceLocation{});
    }
  }
  BindRun(r.Get("run"), scenario, diags);
  BindRecord(r.Get("record"), scenario, *world, diags);
  diags.ThrowIfAny();

  Freeze(*world);
  std::vector<std::string> scale_notes = ScaleNotes(root, *world);
  scenario.notes.insert(scenario.notes.begin(), scale_notes.begin(), scale_notes.end());
  scenario.notes.insert(scenario.notes.end(), diags.notes().begin(), diags.notes().end());
  scenario.world = std::move(world);
  scenario.main_file = source.main_file;
  scenario.main_text = source.main_text;
  if (provenance) {
    scenario.resolved_yaml = EmitYaml(source.tree);
    scenario.main_sha256 = Sha256Hex(source.main_text);
    scenario.resolved_sha256 = Sha256Hex(scenario.resolved_yaml);
  }
  scenario.files = std::move(source.files);
  return scenario;
}

Scenario LoadScenario(const std::string& path, const LoadOptions& options, bool provenance) {
  return BindScenario(ResolveSource(path, options), provenance);
}

Scenario LoadScenarioText(const std::string& text, const std::string& name, const LoadOptions& options) {
  return BindScenario(ResolveSourceText(text, name, options));
}

}  // namespace diplosim
