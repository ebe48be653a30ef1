#include "output/run_writer.h"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <array>
#include <ctime>

#include "diplosim/version.h"
#include "output/atomic_output.h"
#include "output/chunk_encoder.h"
#include "output/hdf5_handle.h"
#include "output/output_error.h"
#include "output/table_writer.h"
#include "sim/world.h"

namespace diplosim {

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

unsigned long long TimeChunk(unsigned long long slice_values, unsigned long long num_times) {
  const unsigned long long target = (1ull << 20) / 8;
  return std::clamp<unsigned long long>(target / std::max<unsigned long long>(slice_values, 1), 1, num_times);
}

namespace {

// Fast, and nearly as small as higher levels on these smooth series.
constexpr int kDeflateLevel = 1;

H5Handle WriteIntCoordinate(hid_t file, const std::string& name, const std::vector<int>& values) {
  hsize_t dims[1] = {values.size()};
  H5Handle space = Check(H5Screate_simple(1, dims, nullptr), "coordinate space");
  H5Handle ds = Check(H5Dcreate2(file, name.c_str(), H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                      "create " + name);
  CheckStatus(H5Dwrite(ds.get(), H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "write " + name);
  return ds;
}

H5Handle WriteStringVariable(hid_t file, const std::string& name, const std::vector<std::string>& values) {
  hsize_t dims[1] = {values.size()};
  H5Handle space = Check(H5Screate_simple(1, dims, nullptr), "string space");
  H5Handle type = Utf8StringType();
  H5Handle ds = Check(H5Dcreate2(file, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                      "create " + name);
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  CheckStatus(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "write " + name);
  return ds;
}

H5Handle WriteDoubleVariable(hid_t file, const std::string& name, const std::vector<double>& values) {
  hsize_t dims[1] = {values.size()};
  H5Handle space = Check(H5Screate_simple(1, dims, nullptr), "space");
  H5Handle ds = Check(H5Dcreate2(file, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                      "create " + name);
  CheckStatus(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "write " + name);
  return ds;
}

void MakeScale(hid_t ds, const std::string& name) { CheckStatus(H5DSset_scale(ds, name.c_str()), "scale " + name); }

void Attach(hid_t ds, hid_t scale, unsigned axis) { CheckStatus(H5DSattach_scale(ds, scale, axis), "attach scale"); }

}  // namespace

struct RunWriter::Impl {
  AtomicOutput target;
  const World& world;
  RecordSpec spec;
  int replicates;
  int next_replicate = 0;
  H5Handle file;
  H5Handle replicate_scale, time_scale, actor_scale, actor_j_scale, dimension_scale, ceasefire_scale, population_scale;
  std::array<H5Handle, kNumVariables> variables;
  std::unique_ptr<TableWriter> events;
  std::unique_ptr<TableWriter> actions;
  hsize_t num_times = 0;
  std::array<hsize_t, kNumVariables> time_chunk{};  // chunk length along time, per variable

  Impl(const std::string& path, bool force, const World& w, const RecordSpec& s, int r)
      : target(path, force), world(w), spec(s), replicates(r) {}

  // Shape of a variable as (replicate, time, axes…) and its scales.
  std::vector<hsize_t> Shape(Variable v) const {
    const hsize_t n = world.actors.size(), d = world.dimensions.size();
    std::vector<hsize_t> shape = {static_cast<hsize_t>(replicates), num_times};
    switch (Info(v).shape) {
      case VariableShape::kActorDimension: shape.insert(shape.end(), {n, d}); break;
      case VariableShape::kActor: shape.push_back(n); break;
      case VariableShape::kActorActor: shape.insert(shape.end(), {n, n}); break;
      case VariableShape::kDimension: shape.push_back(d); break;
      case VariableShape::kCeasefire: shape.push_back(world.ceasefires.size()); break;
      case VariableShape::kPopulationDimension: shape.insert(shape.end(), {world.populations.size(), d}); break;
    }
    return shape;
  }

  std::vector<hid_t> Scales(Variable v) const {
    std::vector<hid_t> scales = {replicate_scale.get(), time_scale.get()};
    switch (Info(v).shape) {
      case VariableShape::kActorDimension: scales.insert(scales.end(), {actor_scale.get(), dimension_scale.get()}); break;
      case VariableShape::kActor: scales.push_back(actor_scale.get()); break;
      case VariableShape::kActorActor: scales.insert(scales.end(), {actor_scale.get(), actor_j_scale.get()}); break;
      case VariableShape::kDimension: scales.push_back(dimension_scale.get()); break;
      case VariableShape::kCeasefire: scales.push_back(ceasefire_scale.get()); break;
      case VariableShape::kPopulationDimension:
        scales.insert(scales.end(), {population_scale.get(), dimension_scale.get()});
        break;
    }
    return scales;
  }

  void CreateCoordinates(const std::vector<int>& time_indices) {
    std::vector<int> reps(replicates);
    for (int r = 0; r < replicates; ++r) reps[r] = r;
    replicate_scale = WriteIntCoordinate(file.get(), "replicate", reps);
    MakeScale(replicate_scale.get(), "replicate");

    std::vector<int> days;
    for (int k : time_indices) days.push_back(k * world.calendar.step_days);
    num_times = days.size();
    time_scale = WriteIntCoordinate(file.get(), "time", days);
    MakeScale(time_scale.get(), "time");
    WriteStringAttribute(time_scale.get(), "units", "days since " + world.calendar.start.ToString());
    WriteStringAttribute(time_scale.get(), "calendar", "proleptic_gregorian");
    WriteStringAttribute(time_scale.get(), "long_name", "date");

    std::vector<std::string> ids, names, dim_ids, labels, lows, highs;
    std::vector<double> range_low, range_high;
    for (const auto& a : world.actors) {
      ids.push_back(a.id);
      names.push_back(a.name);
    }
    for (const auto& d : world.dimensions) {
      dim_ids.push_back(d.id);
      labels.push_back(d.label);
      lows.push_back(d.low_pole);
      highs.push_back(d.high_pole);
      range_low.push_back(d.low);
      range_high.push_back(d.high);
    }
    actor_scale = WriteStringVariable(file.get(), "actor", ids);
    MakeScale(actor_scale.get(), "actor");
    actor_j_scale = WriteStringVariable(file.get(), "actor_j", ids);
    MakeScale(actor_j_scale.get(), "actor_j");
    dimension_scale = WriteStringVariable(file.get(), "dimension", dim_ids);
    MakeScale(dimension_scale.get(), "dimension");

    if (!world.ceasefires.empty()) {
      std::vector<std::string> cf_names;
      for (const auto& cf : world.ceasefires) cf_names.push_back(cf.name);
      ceasefire_scale = WriteStringVariable(file.get(), "ceasefire", cf_names);
      MakeScale(ceasefire_scale.get(), "ceasefire");
    }
    if (!world.populations.empty()) {
      std::vector<std::string> pop_ids, pop_actors, pop_networks;
      std::vector<int> pop_sizes;
      for (const auto& p : world.populations) {
        pop_ids.push_back(p.id);
        pop_actors.push_back(world.actors[p.actor].id);
        pop_sizes.push_back(p.size);
        pop_networks.push_back(p.network_description);
      }
      population_scale = WriteStringVariable(file.get(), "population", pop_ids);
      MakeScale(population_scale.get(), "population");
      for (const auto& [name, values] : {std::pair{std::string("population_actor"), &pop_actors},
                                         std::pair{std::string("population_network"), &pop_networks}}) {
        H5Handle ds = WriteStringVariable(file.get(), name, *values);
        Attach(ds.get(), population_scale.get(), 0);
      }
      H5Handle sizes = WriteIntCoordinate(file.get(), "population_size", pop_sizes);
      Attach(sizes.get(), population_scale.get(), 0);
    }

    H5Handle actor_name = WriteStringVariable(file.get(), "actor_name", names);
    Attach(actor_name.get(), actor_scale.get(), 0);
    const std::vector<std::pair<std::string, const std::vector<std::string>*>> dim_text = {
        {"dimension_label", &labels}, {"dimension_low_pole", &lows}, {"dimension_high_pole", &highs}};
    for (const auto& [name, values] : dim_text) {
      H5Handle ds = WriteStringVariable(file.get(), name, *values);
      Attach(ds.get(), dimension_scale.get(), 0);
    }
    for (const auto& [name, values] : {std::pair{std::string("dimension_range_low"), &range_low},
                                       std::pair{std::string("dimension_range_high"), &range_high}}) {
      H5Handle ds = WriteDoubleVariable(file.get(), name, *values);
      Attach(ds.get(), dimension_scale.get(), 0);
    }
  }

  // A variable over an empty axis (no ceasefires, no populations) is left out of the file.
  bool Writes(Variable v) const {
    if (!spec.Has(v)) return false;
    if (v == Variable::kCeasefire) return !world.ceasefires.empty();
    if (Info(v).shape == VariableShape::kPopulationDimension) return !world.populations.empty();
    return true;
  }

  void CreateVariables() {
    for (const auto& info : AllVariables()) {
      if (!Writes(info.variable)) continue;
      const std::vector<hsize_t> shape = Shape(info.variable);
      hsize_t slice = 1;
      for (std::size_t a = 2; a < shape.size(); ++a) slice *= shape[a];
      std::vector<hsize_t> chunk = shape;
      chunk[0] = 1;
      chunk[1] = TimeChunk(slice, num_times);
      time_chunk[static_cast<int>(info.variable)] = chunk[1];
      H5Handle space = Check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), "space");
      H5Handle props = Check(H5Pcreate(H5P_DATASET_CREATE), "properties");
      CheckStatus(H5Pset_chunk(props.get(), static_cast<int>(chunk.size()), chunk.data()), "chunking");
      CheckStatus(H5Pset_deflate(props.get(), kDeflateLevel), "compression");
      const std::string name(info.name);
      H5Handle ds = Check(H5Dcreate2(file.get(), name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, props.get(),
                                     H5P_DEFAULT),
                          "create " + name);
      const std::vector<hid_t> scales = Scales(info.variable);
      for (std::size_t a = 0; a < scales.size(); ++a) Attach(ds.get(), scales[a], static_cast<unsigned>(a));
      WriteStringAttribute(ds.get(), "long_name", std::string(info.description));
      // Each dimension has its own range, which no single CF `units` string (UDUNITS) can say; a text
      // there breaks tools that parse units (pint-xarray, cf-xarray), so it is a comment.
      if (info.natural_units)
        WriteStringAttribute(ds.get(), "comment",
                             "in each dimension's natural range, dimension_range_low to dimension_range_high");
      if (info.variable == Variable::kCeasefire) {
        WriteFlags(ds.get(), {0, 1, 2}, "not_yet_in_force in_force collapsed");
      }
      variables[static_cast<int>(info.variable)] = std::move(ds);
    }
  }

  void CreateTables() {
    const std::string units = "days since " + world.calendar.start.ToString();
    using C = TableWriter::Column;
    using T = TableWriter::Type;
    if (spec.events)
      events = std::make_unique<TableWriter>(
        file.get(), "events", "event",
        std::vector<C>{{"replicate", T::kInt, {}},
                       {"date", T::kInt, {{"units", units}, {"calendar", "proleptic_gregorian"}}},
                       {"type", T::kString, {}},
                       {"name", T::kString, {}},
                       {"actors", T::kString, {}},
                       {"outcome", T::kString, {}},
                       {"value", T::kDouble, {}}});
    if (spec.actions)
      actions = std::make_unique<TableWriter>(
        file.get(), "actions", "decision",
        std::vector<C>{{"replicate", T::kInt, {}},
                       {"date", T::kInt, {{"units", units}, {"calendar", "proleptic_gregorian"}}},
                       {"actor", T::kString, {}},
                       {"action", T::kString, {}},
                       {"target", T::kString, {}}});
  }

  void WriteProvenance(const Provenance& p) {
    const hid_t root = file.get();
    WriteStringAttribute(root, "diplosim_version", p.diplosim_version);
    WriteIntAttribute(root, "diplosim_format_version", kOutputFormatVersion);
    WriteStringAttribute(root, "kind", "run");
    WriteStringAttribute(root, "title", p.title);
    WriteStringAttribute(root, "scenario_file", p.scenario_file);
    WriteStringAttribute(root, "scenario", p.scenario_text);
    WriteStringAttribute(root, "scenario_sha256", p.scenario_sha256);
    WriteStringAttribute(root, "scenario_resolved", p.resolved_text);
    WriteStringAttribute(root, "scenario_resolved_sha256", p.resolved_sha256);
    WriteStringAttribute(root, "command_line", p.command_line);
    WriteStringAttribute(root, "created", p.created_utc);
    WriteUint64Attribute(root, "seed", p.seed);
    WriteIntAttribute(root, "replicates", p.replicates);
    WriteIntAttribute(root, "record_every", p.record_every);
    WriteStringAttribute(root, "start_date", world.calendar.start.ToString());
    WriteStringAttribute(root, "end_date", world.calendar.end.ToString());
    WriteIntAttribute(root, "step_days", world.calendar.step_days);
  }
};

RunWriter::RunWriter(const std::string& final_path, bool force, const World& world, const RecordSpec& spec,
                     int replicates, const Provenance& provenance) {
  QuietHdf5Errors();
  impl_ = std::make_unique<Impl>(final_path, force, world, spec, replicates);
  impl_->file = CreateOutputFile(impl_->target.temp_path());
  impl_->CreateCoordinates(spec.TimeIndices(world.calendar.NumSteps()));
  impl_->CreateVariables();
  impl_->CreateTables();
  impl_->WriteProvenance(provenance);
}

RunWriter::~RunWriter() = default;

void RunWriter::Write(const Trajectory& t) {
  try {
    WriteReplicate(t);
  } catch (const OutputError& e) {
    throw WriteFailure(e, impl_->target.final_path());
  }
}

void RunWriter::Encode(Trajectory& t) const {
  const Impl& m = *impl_;
  auto& out = t.encoded();
  out.clear();
  const bool release = t.RecordedBytes() > release_above_;
  for (const auto& info : AllVariables()) {
    if (!m.Writes(info.variable)) continue;
    const std::vector<double>& data = t.Data(info.variable);
    const std::size_t slice = t.SliceSize(info.variable);
    const std::size_t rows = m.time_chunk[static_cast<int>(info.variable)];
    thread_local std::vector<double> padded;  // the last chunk may overhang the time axis
    for (std::size_t first = 0; first < m.num_times; first += rows) {
      const std::size_t have = std::min<std::size_t>(rows, m.num_times - first);
      const double* values = data.data() + first * slice;
      if (have < rows) {
        padded.assign(rows * slice, 0.0);
        std::copy(values, values + have * slice, padded.begin());
        values = padded.data();
      }
      PreparedChunk& chunk = out.emplace_back();
      chunk.flags = EncodeChunk(values, rows, slice, kDeflateLevel, chunk.bytes);
    }
    if (release) t.ReleaseData(info.variable);
  }
}

void RunWriter::WriteReplicate(const Trajectory& t) {
  Impl& m = *impl_;
  if (t.replicate() != m.next_replicate)
    throw OutputError("replicates must be written in order; got " + std::to_string(t.replicate()) + ", expected " +
                      std::to_string(m.next_replicate));
  std::size_t next_chunk = 0;
  for (const auto& info : AllVariables()) {
    if (!m.Writes(info.variable)) continue;
    const hid_t ds = m.variables[static_cast<int>(info.variable)].get();
    if (!t.encoded().empty()) {  // chunks compressed by Encode: stored as they are
      const hsize_t rows = m.time_chunk[static_cast<int>(info.variable)];
      std::vector<hsize_t> offset(m.Shape(info.variable).size(), 0);
      offset[0] = static_cast<hsize_t>(t.replicate());
      for (offset[1] = 0; offset[1] < m.num_times; offset[1] += rows) {
        if (next_chunk >= t.encoded().size()) throw OutputError("fewer encoded chunks than the layout needs");
        const PreparedChunk& chunk = t.encoded()[next_chunk++];
        CheckStatus(H5Dwrite_chunk(ds, H5P_DEFAULT, chunk.flags, offset.data(), chunk.bytes.size(), chunk.bytes.data()),
                    "write " + std::string(info.name));
      }
      continue;
    }
    std::vector<hsize_t> shape = m.Shape(info.variable);
    std::vector<hsize_t> start(shape.size(), 0);
    start[0] = static_cast<hsize_t>(t.replicate());
    shape[0] = 1;
    // Neither encoded nor kept (a sink that declined the values after Prepare): refuse, never read past them.
    if (t.Data(info.variable).size() != m.num_times * t.SliceSize(info.variable))
      throw OutputError(std::string(info.name) + ": replicate " + std::to_string(t.replicate()) +
                        " holds no values to write");
    H5Handle file_space = Check(H5Dget_space(ds), "space");
    CheckStatus(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, shape.data(), nullptr),
                "select replicate");
    H5Handle mem_space = Check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), "memory space");
    CheckStatus(H5Dwrite(ds, H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), H5P_DEFAULT, t.Data(info.variable).data()),
                "write " + std::string(info.name));
  }
  if (m.events) WriteEvents(t);
  if (m.actions) WriteActions(t);
  ++m.next_replicate;
}

void RunWriter::WriteEvents(const Trajectory& t) {
  Impl& m = *impl_;
  const Date start = m.world.calendar.start;
  for (const EventRecord& e : t.events()) {
    m.events->Int(e.replicate);
    m.events->Int(e.date - start);
    m.events->String(e.type);
    m.events->String(e.name);
    m.events->String(e.actors);
    m.events->String(e.outcome);
    m.events->Double(e.value);
    m.events->EndRow();
  }
}

void RunWriter::WriteActions(const Trajectory& t) {
  Impl& m = *impl_;
  const Date start = m.world.calendar.start;
  for (const ActionRecord& a : t.actions()) {
    m.actions->Int(a.replicate);
    m.actions->Int(a.date - start);
    m.actions->String(a.actor);
    m.actions->String(a.action);
    m.actions->String(a.target);
    m.actions->EndRow();
  }
}

void RunWriter::Commit() {
  Impl& m = *impl_;
  if (m.next_replicate != m.replicates)
    throw OutputError("only " + std::to_string(m.next_replicate) + " of " + std::to_string(m.replicates) +
                      " replicates were written");
  if (m.events) m.events->Flush();
  if (m.actions) m.actions->Flush();
  m.events.reset();
  m.actions.reset();
  for (auto& v : m.variables) v.Reset();
  m.replicate_scale.Reset();
  m.time_scale.Reset();
  m.actor_scale.Reset();
  m.actor_j_scale.Reset();
  m.dimension_scale.Reset();
  m.ceasefire_scale.Reset();
  m.population_scale.Reset();
  CheckStatus(H5Fflush(m.file.get(), H5F_SCOPE_GLOBAL), "flush");
  if (H5Fclose(m.file.Release()) < 0)
    throw OutputWriteError("cannot close '" + m.target.temp_path() + "' (disk full or a file-size limit?)");
  m.target.Commit();
}

}  // namespace diplosim
