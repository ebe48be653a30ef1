#include "scenarios/scenario_source.h"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "scenarios/config_merge.h"
#include "scenarios/did_you_mean.h"
#include "scenarios/node_reader.h"
#include "scenarios/scenario_error.h"
#include "scenarios/stakeholder_table.h"
#include "scenarios/sweep_spec.h"

namespace diplosim {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void Fail(const SourceLocation& where, std::string message) {
  throw ScenarioError({Diagnostic{where, std::move(message)}});
}

class Resolver {
 public:
  explicit Resolver(const SourceOptions& options) : options_(options) {}

  ConfigNode LoadChain(const std::string& path, const std::string& text, const SourceLocation& referenced_from) {
    const std::string key = Canonical(path);
    if (std::find(stack_.begin(), stack_.end(), key) != stack_.end()) {
      std::string cycle;
      for (const auto& s : stack_) cycle += fs::path(s).filename().string() + " -> ";
      Fail(referenced_from, "cyclic extend: " + cycle + fs::path(key).filename().string() +
                                "; expected a chain of scenarios that ends in a file without extend");
    }
    if (stack_.size() >= 16) Fail(referenced_from, "extend chain longer than 16 files; expected a shorter chain");
    stack_.push_back(key);
    files_.push_back(path);
    chain_.push_back(path);

    ConfigNode tree = ParseYaml(text, path, options_.limits);
    if (tree.IsNull())
      Fail(SourceLocation{path, 1, 1},
           "empty scenario; expected a mapping with calendar, dimensions and actors");
    // A file that `extend` names and that is no scenario is the extending file's
    // mistake: reported at its `extend` line.
    const bool extended = !referenced_from.file.empty();
    if (!tree.IsMap()) {
      if (extended)
        Fail(referenced_from, "extend '" + fs::path(path).lexically_normal().string() +
                                  "' is not a scenario (its text is " + tree.Describe() +
                                  ", not a mapping); expected a scenario file to extend");
      Fail(tree.location, "a scenario must be a mapping; got " + tree.Describe() +
                              "; expected keys such as calendar, dimensions, actors");
    }
    std::vector<std::string> keys;
    for (const auto& e : tree.entries) keys.push_back(e.key);
    if (LooksLikeSweep(keys)) {
      if (extended)
        Fail(referenced_from, "extend '" + fs::path(path).lexically_normal().string() +
                                  "' is a sweep file, not a scenario; expected a scenario file to extend");
      Fail(tree.entries.front().key_location,
           "this is a sweep file, not a scenario; expected a scenario (calendar, dimensions, actors, …): run a "
           "sweep with 'diplosim sweep " + path + " -o OUT.h5'");
    }

    ConfigNode result;
    if (const ConfigNode::Entry* ext = tree.FindEntry("extend")) {
      if (!ext->value.IsScalar() || ext->value.scalar.empty())
        Fail(ext->value.location, "extend must name a scenario file; got " + ext->value.Describe() +
                                      "; expected a path such as base.yaml");
      const fs::path base_path = fs::path(path).parent_path() / ext->value.scalar;
      const std::string base_text = ReadInputFile(base_path.string(), ext->value.location, options_.limits);
      result = LoadChain(base_path.string(), base_text, ext->value.location);
    } else {
      result.kind = ConfigNode::Kind::kMap;
      result.location = tree.location;
    }
    ConfigNode body = tree;
    std::erase_if(body.entries, [](const auto& e) { return e.key == "extend" || e.key == "overrides"; });
    MergeInto(result, body);
    if (const ConfigNode::Entry* ov = tree.FindEntry("overrides")) CollectOverrides(ov->value);
    stack_.pop_back();
    return result;
  }

  // actors_from: {file, dimensions}: rows of a stakeholder table become actors;
  // the scenario's own `actors` entries (by id) are merged on top of them.
  void ExpandActorTables(ConfigNode& tree) {
    const ConfigNode* from = tree.Find("actors_from");
    if (!from) return;
    Diagnostics diags;
    MapReader r(*from, "actors_from", {"file", "dimensions", "format"}, diags);
    const ConfigNode* file = r.Require("file", "the path of the CSV table, relative to the scenario");
    // The scenario's own dimension ids make the example: usually the very list wanted.
    std::string example;
    if (const ConfigNode* declared = tree.Find("dimensions"); declared && declared->IsMap())
      for (const auto& e : declared->entries) example += (example.empty() ? "" : ", ") + e.key;
    const ConfigNode* dims =
        r.Require("dimensions", "the dimension id of each Pstn/Sal pair, in order" +
                                    (example.empty() ? std::string() : " (e.g. dimensions: [" + example + "])"));
    if (const ConfigNode* f = r.Get("format"))
      if (!f->IsScalar() || (f->scalar != "ktab" && f->scalar != "csv"))
        diags.Error(f->location, "unknown table format " + f->Describe() + "; expected ktab or csv");
    std::vector<std::string> dim_ids;
    if (dims && (!dims->IsSequence() || dims->items.empty()))
      diags.Error(dims->location, "actors_from.dimensions must be a list of dimension ids; got " + dims->Describe());
    else if (dims)
      for (const auto& d : dims->items)
        if (auto id = ReadId(d, "actors_from dimension", diags)) dim_ids.push_back(*id);
    if (file && !file->IsScalar()) diags.Error(file->location, "actors_from.file must be a path; got " + file->Describe());
    diags.ThrowIfAny();
    const fs::path table = fs::path(file->location.file).parent_path() / file->scalar;
    files_.push_back(table.string());
    ConfigNode actors = ReadStakeholderTable(table.string(), file->location, dim_ids, options_.limits);
    if (const ConfigNode* own = tree.Find("actors")) MergeInto(actors, *own);
    if (ConfigNode* existing = tree.Find("actors")) {
      *existing = std::move(actors);
    } else {
      tree.entries.push_back(ConfigNode::Entry{"actors", from->location, std::move(actors)});
    }
  }

  void ExpandProfiles(ConfigNode& tree) {
    ConfigNode* actors = tree.Find("actors");
    if (!actors || !actors->IsMap()) return;
    const std::vector<std::string> search = ProfileSearch();  // the same folders for every actor
    for (auto& entry : actors->entries) {
      ConfigNode& actor = entry.value;
      if (!actor.IsMap()) continue;
      const ConfigNode* profile = actor.Find("profile");
      if (!profile) continue;
      if (!profile->IsScalar() || !IsValidId(profile->scalar))
        Fail(profile->location, "profile must name a profile; got " + profile->Describe() +
                                    "; expected a profile name such as NAME (a file NAME.yaml in a profile folder)");
      ConfigNode base = LoadProfile(profile->scalar, profile->location, search);
      MergeInto(base, actor);
      base.location = actor.location;
      actor = std::move(base);
    }
  }

  void ApplyOverrides(ConfigNode& tree) {
    Diagnostics diags;
    for (const std::vector<PathOverride>* list : {&std::as_const(overrides_), &options_.overrides})
      for (const auto& o : *list)
        if (ReadBeforeOverrides(o, diags)) ApplyOverride(tree, o.path, o.value, o.location, diags);
    diags.ThrowIfAny();
  }

  // extend, actors_from and profile are resolved before overrides apply, so an
  // override of them would change nothing (an actors_from.dimensions swapped
  // by --set was ignored without a word). False, with an error, for those.
  static bool ReadBeforeOverrides(const PathOverride& o, Diagnostics& diags) {
    const std::string first = o.path.substr(0, o.path.find('.'));
    const bool profile =
        first == "actors" && o.path.ends_with(".profile") && std::count(o.path.begin(), o.path.end(), '.') == 2;
    if (first != "extend" && first != "overrides" && first != "actors_from" && !profile) return true;
    diags.Error(o.location, "'" + o.path + "' cannot be overridden: " +
                                (profile ? std::string("profiles are") : "'" + first + "' is") +
                                " read before overrides apply (extend, then actors_from tables, then profiles, "
                                "then overrides); expected a variant file that sets it ('extend:' this scenario and "
                                "write the key)");
    return false;
  }

  std::vector<std::string> files() const { return files_; }

 private:
  static std::string Canonical(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::path(path), ec);
    return ec ? path : p.string();
  }

  void CollectOverrides(const ConfigNode& node) {
    if (!node.IsMap())
      Fail(node.location, "overrides must be a mapping of dotted paths to values; got " + node.Describe() +
                              "; expected e.g. 'actors.ACTOR.capability.military: 0.5'");
    for (const auto& e : node.entries) overrides_.push_back(PathOverride{e.key, e.value, e.key_location});
  }

  // The folders to search for profiles: the user's, then the profiles/ folder
  // beside each file of the extend chain, the variant's first (a base scenario
  // extended from another folder finds its own profiles, as it does when run
  // alone), then the stock ones.
  std::vector<std::string> ProfileSearch() const {
    std::vector<std::string> dirs = options_.profile_dirs;
    for (const auto& file : chain_) {
      std::error_code ec;
      const fs::path beside = fs::path(file).parent_path() / "profiles";
      const bool listed = std::any_of(dirs.begin(), dirs.end(), [&](const std::string& d) {
        std::error_code same_ec;
        return fs::equivalent(d, beside, same_ec);
      });
      if (fs::is_directory(beside, ec) && !listed) dirs.push_back(beside.string());
    }
    for (const auto& dir : options_.stock_profile_dirs)
      if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
    return dirs;
  }

  ConfigNode LoadProfile(const std::string& name, const SourceLocation& where, const std::vector<std::string>& search) {
    std::vector<std::string> available;
    for (const auto& dir : search) {
      const fs::path candidate = fs::path(dir) / (name + ".yaml");
      std::error_code ec;
      if (fs::is_regular_file(candidate, ec)) {
        const std::string text = ReadInputFile(candidate.string(), where, options_.limits);
        files_.push_back(candidate.string());
        ConfigNode tree = ParseYaml(text, candidate.string(), options_.limits);
        if (!tree.IsMap())
          Fail(tree.location, "a profile must be a mapping of actor keys; got " + tree.Describe() +
                                  "; expected keys such as model, capability, parameters");
        return tree;
      }
      for (const auto& f : fs::directory_iterator(dir, ec))
        if (f.path().extension() == ".yaml") available.push_back(f.path().stem().string());
    }
    std::string searched;
    for (const auto& dir : search) searched += (searched.empty() ? "" : ", ") + dir;
    Fail(where, "unknown profile '" + name + "'; expected one of the profiles in " +
                    (searched.empty() ? std::string("(no profile folder configured)") : searched) +
                    DidYouMean(name, available));
  }

  const SourceOptions& options_;
  std::vector<std::string> stack_;
  std::vector<std::string> files_;
  std::vector<std::string> chain_;  // the extend chain's files, the variant first
  std::vector<PathOverride> overrides_;
};

ResolvedSource Resolve(const std::string& path, const std::string& text, const SourceOptions& options) {
  Resolver resolver(options);
  ResolvedSource out;
  out.main_file = path;
  out.main_text = text;
  out.tree = resolver.LoadChain(path, text, SourceLocation{});
  resolver.ExpandActorTables(out.tree);
  resolver.ExpandProfiles(out.tree);
  resolver.ApplyOverrides(out.tree);
  out.files = resolver.files();
  out.limits = options.limits;
  out.on_long_step = options.on_long_step;
  return out;
}

}  // namespace

ResolvedSource ResolveSource(const std::string& path, const SourceOptions& options) {
  return Resolve(path, ReadInputFile(path, SourceLocation{}, options.limits), options);
}

ResolvedSource ResolveSourceText(const std::string& text, const std::string& name,
                                 const SourceOptions& options) {
  return Resolve(name, text, options);
}

PathOverride ParseOverrideArgument(const std::string& argument) {
  const SourceLocation where{"--set " + argument, 1, 1};
  const std::size_t eq = argument.find('=');
  if (eq == std::string::npos || eq == 0)
    Fail(where, "malformed --set; got '" + argument +
                    "'; expected PATH=VALUE, e.g. "
                    "actors.ACTOR.capability.military=0.5");
  PathOverride o;
  o.path = argument.substr(0, eq);
  o.location = where;
  o.value = ParseYaml(argument.substr(eq + 1), "--set " + argument);
  o.value.location = where;
  return o;
}

}  // namespace diplosim
