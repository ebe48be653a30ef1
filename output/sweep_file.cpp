#include "output/sweep_file.h"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <filesystem>
#include <cmath>
#include <unordered_map>

#include "diplosim/version.h"
#include "output/atomic_output.h"
#include "output/hdf5_handle.h"
#include "output/output_error.h"
#include "output/run_reader.h"

namespace diplosim {

namespace {

H5Handle CreateDataset(hid_t file, const std::string& name, hid_t type, const std::vector<hsize_t>& shape, bool chunked) {
  H5Handle space = Check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), "space");
  H5Handle props = Check(H5Pcreate(H5P_DATASET_CREATE), "properties");
  if (chunked && shape[0] > 0) {
    std::vector<hsize_t> chunk = shape;
    chunk[0] = std::min<hsize_t>(shape[0], 256);
    CheckStatus(H5Pset_chunk(props.get(), static_cast<int>(chunk.size()), chunk.data()), "chunking");
    CheckStatus(H5Pset_deflate(props.get(), 1), "compression");
  }
  return Check(H5Dcreate2(file, name.c_str(), type, space.get(), H5P_DEFAULT, props.get(), H5P_DEFAULT), "create " + name);
}

void WriteRow(hid_t ds, hid_t mem_type, hsize_t row, const std::vector<hsize_t>& shape, const void* data) {
  std::vector<hsize_t> start(shape.size(), 0), count = shape;
  start[0] = row;
  count[0] = 1;
  H5Handle file_space = Check(H5Dget_space(ds), "space");
  CheckStatus(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), "select");
  H5Handle mem = Check(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), "memory space");
  CheckStatus(H5Dwrite(ds, mem_type, mem.get(), file_space.get(), H5P_DEFAULT, data), "write row");
}

H5Handle StringCoordinate(hid_t file, const std::string& name, const std::vector<std::string>& values) {
  H5Handle type = Utf8StringType();
  H5Handle ds = CreateDataset(file, name, type.get(), {values.size()}, false);
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  if (!values.empty()) CheckStatus(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "write " + name);
  CheckStatus(H5DSset_scale(ds.get(), name.c_str()), "scale " + name);
  return ds;
}

void Attach(hid_t ds, const std::vector<hid_t>& scales) {
  for (unsigned a = 0; a < scales.size(); ++a) CheckStatus(H5DSattach_scale(ds, scales[a], a), "attach scale");
}

}  // namespace

struct SweepFileWriter::Impl {
  AtomicOutput target;
  SweepFileInfo info;
  H5Handle file;
  H5Handle point, parameter, outcome, statistic, time, dimension;
  H5Handle summary, status, error, run_seconds, trajectory;
  std::unordered_map<int, hsize_t> row_of;
  std::vector<char> written;
  int failed = 0;

  Impl(const std::string& path, bool force, const SweepFileInfo& i) : target(path, force), info(i) {}
};

SweepFileWriter::SweepFileWriter(const std::string& final_path, bool force, const SweepFileInfo& info) {
  QuietHdf5Errors();
  impl_ = std::make_unique<Impl>(final_path, force, info);
  Impl& m = *impl_;
  m.file = CreateOutputFile(m.target.temp_path());
  const hid_t f = m.file.get();
  const hsize_t P = info.points.size(), K = info.parameters.size(), O = info.outcomes.size();

  std::vector<long long> global(info.points.begin(), info.points.end());
  m.point = CreateDataset(f, "point", H5T_STD_I64LE, {P}, false);
  if (P > 0) CheckStatus(H5Dwrite(m.point.get(), H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, global.data()), "write point");
  CheckStatus(H5DSset_scale(m.point.get(), "point"), "scale point");
  m.parameter = StringCoordinate(f, "parameter", info.parameters);
  m.outcome = StringCoordinate(f, "outcome", info.outcomes);
  std::vector<std::string> stats(kStatisticNames, kStatisticNames + kNumStatistics);
  m.statistic = StringCoordinate(f, "statistic", stats);

  // The design rows and seeds of this file's points.
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> design(P, K);
  std::vector<unsigned long long> seeds(P);
  for (hsize_t r = 0; r < P; ++r) {
    design.row(static_cast<int>(r)) = info.design.row(info.points[r]);
    seeds[r] = PointSeed(info.seed, info.points[r]);
    m.row_of[info.points[r]] = r;
  }
  H5Handle ds = CreateDataset(f, "design", H5T_IEEE_F64LE, {P, K}, true);
  if (P > 0 && K > 0) CheckStatus(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, design.data()), "write design");
  Attach(ds.get(), {m.point.get(), m.parameter.get()});
  WriteStringAttribute(ds.get(), "long_name", "parameter values of each point (the parameters' own units)");
  H5Handle sd = CreateDataset(f, "point_seed", H5T_STD_U64LE, {P}, false);
  if (P > 0) CheckStatus(H5Dwrite(sd.get(), H5T_NATIVE_ULLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, seeds.data()), "write seeds");
  Attach(sd.get(), {m.point.get()});
  WriteStringAttribute(sd.get(), "long_name", "seed the point ran with: diplosim run --seed reproduces it");

  m.summary = CreateDataset(f, "summary", H5T_IEEE_F64LE, {P, O, kNumStatistics}, true);
  Attach(m.summary.get(), {m.point.get(), m.outcome.get(), m.statistic.get()});
  WriteStringAttribute(m.summary.get(), "long_name", "outcome statistics over the point's replicates (NaN: failed point)");
  m.status = CreateDataset(f, "status", H5T_STD_I8LE, {P}, false);
  Attach(m.status.get(), {m.point.get()});
  WriteFlags(m.status.get(), {0, 1}, "ok failed");
  H5Handle str = Utf8StringType();
  m.error = CreateDataset(f, "error", str.get(), {P}, false);
  Attach(m.error.get(), {m.point.get()});
  m.run_seconds = CreateDataset(f, "run_seconds", H5T_IEEE_F64LE, {P}, false);
  Attach(m.run_seconds.get(), {m.point.get()});
  if (info.trajectory_rows > 0) {
    m.time = CreateDataset(f, "time", H5T_STD_I32LE, {info.time_days.size()}, false);
    CheckStatus(H5Dwrite(m.time.get(), H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, info.time_days.data()), "write time");
    CheckStatus(H5DSset_scale(m.time.get(), "time"), "scale time");
    WriteStringAttribute(m.time.get(), "units", info.time_units);
    WriteStringAttribute(m.time.get(), "calendar", "proleptic_gregorian");
    m.dimension = StringCoordinate(f, "dimension", info.dimensions);
    m.trajectory = CreateDataset(f, "forecast_median", H5T_IEEE_F64LE,
                                 {P, static_cast<hsize_t>(info.trajectory_rows), info.dimensions.size()}, true);
    Attach(m.trajectory.get(), {m.point.get(), m.time.get(), m.dimension.get()});
    WriteStringAttribute(m.trajectory.get(), "long_name", "median over replicates of the forecast (natural units)");
  }
  m.written.assign(P, 0);

  const hid_t root = f;
  WriteStringAttribute(root, "kind", info.kind);
  WriteIntAttribute(root, "diplosim_format_version", kOutputFormatVersion);
  WriteStringAttribute(root, "diplosim_version", info.diplosim_version);
  WriteStringAttribute(root, "sweep_file", info.sweep_file);
  WriteStringAttribute(root, "sweep", info.sweep_text);
  WriteStringAttribute(root, "sweep_sha256", info.sweep_sha256);
  WriteStringAttribute(root, "scenario_file", info.scenario_file);
  WriteStringAttribute(root, "scenario_resolved", info.scenario_resolved);
  WriteStringAttribute(root, "sampler", info.sampler);
  WriteIntAttribute(root, "saltelli_base", info.saltelli_base);
  WriteIntAttribute(root, "design_points", info.design.rows());
  WriteIntAttribute(root, "replicates", info.replicates);
  WriteUint64Attribute(root, "seed", info.seed);
  WriteIntAttribute(root, "shard_index", info.shard_index);
  WriteIntAttribute(root, "shard_count", info.shard_count);
  WriteStringAttribute(root, "command_line", info.command_line);
  WriteStringAttribute(root, "created", info.created);
}

SweepFileWriter::~SweepFileWriter() = default;

void SweepFileWriter::Write(const PointResult& r) {
  try {
    WritePoint(r);
  } catch (const OutputWriteError&) {
    throw;
  } catch (const OutputError& e) {
    throw WriteFailure(e, impl_->target.final_path());
  }
}

void SweepFileWriter::WritePoint(const PointResult& r) {
  Impl& m = *impl_;
  auto it = m.row_of.find(r.point);
  if (it == m.row_of.end()) throw OutputError("point " + std::to_string(r.point) + " does not belong to this file");
  const hsize_t row = it->second;
  if (m.written[row]) return;  // a point recorded twice (a resumed run): the first record stands
  const hsize_t O = m.info.outcomes.size();
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> summary(O, kNumStatistics);
  if (r.failed || r.summary.rows() != static_cast<int>(O)) summary.setConstant(std::nan(""));
  else summary = r.summary;
  WriteRow(m.summary.get(), H5T_NATIVE_DOUBLE, row, {m.info.points.size(), O, kNumStatistics}, summary.data());
  const signed char status = r.failed ? 1 : 0;
  WriteRow(m.status.get(), H5T_NATIVE_SCHAR, row, {m.info.points.size()}, &status);
  H5Handle str = Utf8StringType();
  const char* err = r.error.c_str();
  WriteRow(m.error.get(), str.get(), row, {m.info.points.size()}, &err);
  WriteRow(m.run_seconds.get(), H5T_NATIVE_DOUBLE, row, {m.info.points.size()}, &r.seconds);
  if (m.trajectory.valid()) {
    const hsize_t T = m.info.trajectory_rows, D = m.info.dimensions.size();
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> t(T, D);
    if (r.trajectory.rows() == static_cast<int>(T)) t = r.trajectory;
    else t.setConstant(std::nan(""));
    WriteRow(m.trajectory.get(), H5T_NATIVE_DOUBLE, row, {m.info.points.size(), T, D}, t.data());
  }
  m.written[row] = 1;
  m.failed += r.failed ? 1 : 0;
}

int SweepFileWriter::Commit() {
  Impl& m = *impl_;
  const auto missing = std::count(m.written.begin(), m.written.end(), 0);
  if (missing > 0)
    throw OutputError(std::to_string(missing) + " of " + std::to_string(m.written.size()) + " points have no result");
  try {
    WriteIntAttribute(m.file.get(), "failed_points", m.failed);
    CheckStatus(H5Fflush(m.file.get(), H5F_SCOPE_GLOBAL), "flush");  // so a failed write is seen (StoreSensitivity)
    for (H5Handle* h : {&m.point, &m.parameter, &m.outcome, &m.statistic, &m.time, &m.dimension, &m.summary, &m.status,
                        &m.error, &m.run_seconds, &m.trajectory})
      h->Reset();
    CheckStatus(H5Fclose(m.file.Release()), "close");
  } catch (const OutputError& e) {
    throw WriteFailure(e, m.target.final_path());
  }
  m.target.CommitDurably();  // a sweep's journals are removed next: the result must be on disk first
  return m.failed;
}

SweepFileInfo ReadSweepFile(const std::string& path, const std::function<void(const PointResult&)>& visit) {
  const RunReader r(path);
  SweepFileInfo info;
  info.kind = r.StringAttribute("kind");
  if (info.kind.empty())  // written by every version; empty only when its bytes were altered
    throw OutputError("'" + path + "' does not say what it holds (its 'kind' attribute reads empty): is it damaged?");
  if (info.kind != "sweep" && info.kind != "sweep-shard")
    throw OutputError("'" + path + "' is a diplosim " + info.kind + " file, not a sweep or shard file");
  info.shard_index = static_cast<int>(r.IntAttribute("shard_index"));
  info.shard_count = static_cast<int>(r.IntAttribute("shard_count"));
  info.sweep_sha256 = r.StringAttribute("sweep_sha256");
  info.sweep_text = r.StringAttribute("sweep");
  info.sweep_file = r.StringAttribute("sweep_file");
  info.scenario_file = r.StringAttribute("scenario_file");
  info.scenario_resolved = r.StringAttribute("scenario_resolved");
  info.sampler = r.StringAttribute("sampler");
  info.saltelli_base = static_cast<int>(r.IntAttribute("saltelli_base"));
  info.replicates = static_cast<int>(r.IntAttribute("replicates"));
  info.seed = static_cast<std::uint64_t>(r.IntAttribute("seed"));
  info.diplosim_version = r.StringAttribute("diplosim_version");
  info.parameters = r.Strings("parameter");
  info.outcomes = r.Strings("outcome");
  for (long long p : r.Ints("point")) info.points.push_back(static_cast<int>(p));
  const RunReader::Array design = r.Doubles("design");
  const RunReader::Array summary = r.Doubles("summary");
  const std::vector<long long> status = r.Ints("status");
  const std::vector<std::string> errors = r.Strings("error");
  const RunReader::Array seconds = r.Doubles("run_seconds");
  RunReader::Array trajectory;
  if (r.HasDataset("forecast_median")) {
    trajectory = r.Doubles("forecast_median");
    info.trajectory_rows = static_cast<int>(trajectory.shape[1]);
    for (long long t : r.Ints("time")) info.time_days.push_back(static_cast<int>(t));
    info.dimensions = r.Strings("dimension");
  }
  const std::size_t K = info.parameters.size(), O = info.outcomes.size();
  // Only this file's rows of the design are stored; the caller rebuilds the rest.
  info.design.setConstant(static_cast<int>(r.IntAttribute("design_points")), static_cast<int>(K), std::nan(""));
  for (std::size_t row = 0; row < info.points.size(); ++row) {
    for (std::size_t k = 0; k < K; ++k) info.design(info.points[row], static_cast<int>(k)) = design.values[row * K + k];
    PointResult res;
    res.point = info.points[row];
    res.failed = status[row] != 0;
    res.error = errors[row];
    res.seconds = seconds.values[row];
    res.summary = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        summary.values.data() + row * O * kNumStatistics, static_cast<int>(O), kNumStatistics);
    if (info.trajectory_rows > 0) {
      const std::size_t D = info.dimensions.size(), T = info.trajectory_rows;
      res.trajectory = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
          trajectory.values.data() + row * T * D, static_cast<int>(T), static_cast<int>(D));
    }
    visit(res);
  }
  return info;
}

}  // namespace diplosim

namespace diplosim {

void StoreSensitivity(const std::string& path, const SensitivityTable& t) {
  QuietHdf5Errors();
  // The indices go into a copy that replaces the file by a rename, so a failure
  // (disk full, a signal) leaves the sweep's points as they were. The copy is
  // named like every temporary (FILE.partial-HOST-PID): removed if this fails,
  // and by the next command on the file if a kill leaves it.
  AtomicOutput target(path, /*force=*/true);
  const std::string& temp = target.temp_path();
  std::error_code ec;
  std::filesystem::copy_file(path, temp, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec)
    throw OutputWriteError("cannot copy '" + path + "' to add the indices to it: " + ec.message() +
                           " (disk full or a file-size limit?); the file is unchanged");
  try {
    const H5Handle fapl = InputFileAccess();  // kept open until OpenFailureReason has read the error stack
    H5Handle file(H5Fopen(temp.c_str(), H5F_ACC_RDWR, fapl.get()));
    if (!file.valid()) {
      const std::string why = OpenFailureReason();
      throw OutputError("cannot open '" + temp + "' for writing" + (why.empty() ? "" : ": " + why));
    }
    const hid_t f = file.get();
    const std::vector<std::string> names = {"sobol_first",      "sobol_first_low",  "sobol_first_high",
                                            "sobol_total",      "sobol_total_low",  "sobol_total_high",
                                            "outcome_analyzed", "sobol_noise_share"};
    for (const auto& n : names)
      if (H5Lexists(f, n.c_str(), H5P_DEFAULT) > 0) H5Ldelete(f, n.c_str(), H5P_DEFAULT);
    H5Handle analyzed = StringCoordinate(f, "outcome_analyzed", t.outcomes);
    H5Handle parameter = Check(H5Dopen2(f, "parameter", H5P_DEFAULT), "open parameter");
    const std::vector<const Eigen::MatrixXd*> tables = {&t.first, &t.first_low, &t.first_high,
                                                        &t.total, &t.total_low, &t.total_high};
    for (std::size_t k = 0; k < tables.size(); ++k) {
      const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> m = *tables[k];
      H5Handle ds = CreateDataset(f, names[k], H5T_IEEE_F64LE, {static_cast<hsize_t>(m.rows()), static_cast<hsize_t>(m.cols())}, false);
      if (m.size() > 0) CheckStatus(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, m.data()), "write " + names[k]);
      Attach(ds.get(), {analyzed.get(), parameter.get()});
      WriteStringAttribute(ds.get(), "long_name", k < 3 ? "first-order Sobol index (Saltelli 2010)" : "total-effect Sobol index (Jansen 1999)");
    }
    H5Handle noise =
        CreateDataset(f, "sobol_noise_share", H5T_IEEE_F64LE, {static_cast<hsize_t>(t.noise_share.size())}, false);
    if (t.noise_share.size() > 0)
      CheckStatus(H5Dwrite(noise.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, t.noise_share.data()),
                  "write sobol_noise_share");
    Attach(noise.get(), {analyzed.get()});
    WriteStringAttribute(noise.get(), "long_name", "share of the outcome's variance that is replicate noise");
    WriteIntAttribute(f, "sobol_bootstrap_resamples", t.resamples);
    WriteDoubleAttribute(f, "sobol_confidence", t.confidence);
    // Flushed while checked: H5Fclose with any object still open only defers
    // the close, and returns success even when the deferred writes then fail
    // (a file-size limit), which put a truncated file in the sweep's place.
    CheckStatus(H5Fflush(f, H5F_SCOPE_GLOBAL), "flush");
    noise.Reset();
    analyzed.Reset();
    parameter.Reset();
    CheckStatus(H5Fclose(file.Release()), "close");
  } catch (const OutputError& e) {
    throw OutputWriteError(std::string(e.what()) + " while adding the indices to a copy of '" + path +
                           "' (disk full or a file-size limit?); '" + path + "' is unchanged");
  }
  target.CommitDurably();  // it replaces the sweep: the copy must be on disk before the rename
}

}  // namespace diplosim
