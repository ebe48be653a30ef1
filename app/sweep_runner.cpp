#include "app/sweep_runner.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "app/progress_bar.h"
#include "diplosim/version.h"
#include "output/atomic_output.h"
#include "output/output_error.h"
#include "output/provenance.h"
#include "output/sweep_file.h"
#include "output/sweep_journal.h"
#include "scenarios/scenario_error.h"
#include "scenarios/yaml_io.h"
#include "sim/simulation.h"

namespace diplosim {

namespace fs = std::filesystem;

std::vector<std::string> SweepJournals(const std::string& output) {
  std::vector<std::string> found;
  const fs::path out(output);
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  const std::string name = out.filename().string();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string f = e.path().filename().string();
    if (f == name + ".journal" || (f.rfind(name + ".rank-", 0) == 0 && f.size() > 8 && f.substr(f.size() - 8) == ".journal"))
      found.push_back(e.path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

namespace {

JournalHeader HeaderFor(const SweepSpec& sweep, const Design& design) {
  JournalHeader h;
  h.sweep_sha256 = sweep.sha256;
  h.num_points = design.NumPoints();
  h.num_outcomes = static_cast<int>(sweep.outcomes.size());
  if (sweep.trajectories) {
    h.trajectory_rows = sweep.base_world->calendar.NumSteps() + 1;
    h.trajectory_cols = sweep.base_world->NumDimensions();
  }
  return h;
}

PointResult RunOnePoint(const SweepSpec& sweep, const Design& design, int point) {
  const auto start = std::chrono::steady_clock::now();
  PointResult result;
  try {
    const Scenario scenario = BindPoint(sweep, design.values.row(point), point);
    result = RunPoint(*scenario.world, PointSeed(sweep.seed, point), sweep.replicates, sweep.outcomes, sweep.trajectories);
  } catch (const ScenarioError& e) {
    result.failed = true;
    result.error = std::string("invalid scenario for this point: ") + e.what();
  } catch (const SimulationError& e) {
    result.failed = true;
    result.error = std::string("run failed: ") + e.what();
  } catch (const std::exception& e) {
    result.failed = true;
    result.error = std::string("error: ") + e.what();
  }
  result.point = point;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

// The worker threads and the queues between them and the main thread.
class Pool {
 public:
  Pool(const SweepSpec& sweep, const Design& design, int threads) : sweep_(sweep), design_(design) {
    for (int t = 0; t < threads; ++t) workers_.emplace_back([this] { Work(); });
  }
  ~Pool() { Close(); }

  void Push(int point) {
    std::lock_guard lock(mutex_);
    queue_.push_back(point);
    ++in_flight_;
    changed_.notify_all();
  }
  std::size_t Queued() {
    std::lock_guard lock(mutex_);
    return queue_.size();
  }
  int InFlight() {
    std::lock_guard lock(mutex_);
    return in_flight_;
  }
  // Takes finished results, waiting up to `wait` for one.
  std::vector<PointResult> Take(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, wait, [&] { return !results_.empty(); });
    std::vector<PointResult> out(std::make_move_iterator(results_.begin()), std::make_move_iterator(results_.end()));
    results_.clear();
    in_flight_ -= static_cast<int>(out.size());
    return out;
  }
  void DropQueued() {
    std::lock_guard lock(mutex_);
    in_flight_ -= static_cast<int>(queue_.size());
    queue_.clear();
  }
  void Close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      changed_.notify_all();
    }
    workers_.clear();  // joins
  }

 private:
  void Work() {
    for (;;) {
      int point;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return;
        point = queue_.front();
        queue_.pop_front();
      }
      PointResult r = RunOnePoint(sweep_, design_, point);
      std::lock_guard lock(mutex_);
      results_.push_back(std::move(r));
      changed_.notify_all();
    }
  }

  const SweepSpec& sweep_;
  const Design& design_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<int> queue_;
  std::vector<PointResult> results_;
  int in_flight_ = 0;
  bool closed_ = false;
  std::vector<std::jthread> workers_;
};

SweepFileInfo FileInfo(const SweepSpec& sweep, const Design& design, const SweepRunOptions& o, std::vector<int> points) {
  SweepFileInfo info;
  info.kind = o.shard_count > 1 ? "sweep-shard" : "sweep";
  info.shard_index = o.shard_index;
  info.shard_count = o.shard_count;
  info.points = std::move(points);
  for (const auto& p : sweep.parameters) info.parameters.push_back(p.path);
  info.design = design.values;
  for (const auto& out : sweep.outcomes) info.outcomes.push_back(out.name);
  const World& w = *sweep.base_world;
  if (sweep.trajectories) {
    info.trajectory_rows = w.calendar.NumSteps() + 1;
    for (int k = 0; k < info.trajectory_rows; ++k) info.time_days.push_back(k * w.calendar.step_days);
    info.time_units = "days since " + w.calendar.start.ToString();
    for (const auto& d : w.dimensions) info.dimensions.push_back(d.id);
  }
  info.diplosim_version = kVersion;
  info.sweep_file = sweep.file;
  info.sweep_text = sweep.text;
  info.sweep_sha256 = sweep.sha256;
  info.scenario_file = sweep.scenario_file;
  info.scenario_resolved = EmitYaml(sweep.base.tree);
  info.sampler = o.design_label;
  info.command_line = o.command_line;
  info.created = UtcNow();
  info.saltelli_base = design.saltelli_base;
  info.replicates = sweep.replicates;
  info.seed = sweep.seed;
  return info;
}

// The refusal to overwrite an existing output. When the file holds another
// shard of this sweep (every shard given one -o), --force would destroy it, so
// the message says so and names a file of this shard's own.
std::string ExistingOutputRefusal(const SweepSpec& sweep, const SweepRunOptions& o) {
  const std::string exists = "output file '" + o.output + "' already exists";
  const std::string force = "use --force to overwrite it";
  SweepFileInfo held;
  try {
    held = ReadSweepFile(o.output, [](const PointResult&) {});
  } catch (const OutputError&) {
    return exists + "; " + force;  // not a sweep result (or a damaged one): nothing more to say of it
  }
  if (held.sweep_sha256 != sweep.sha256) return exists + " and holds another sweep's result; " + force;
  const bool same_part = held.shard_count == o.shard_count && held.shard_index == o.shard_index;
  if (same_part)
    return exists + " and holds this " + (o.shard_count > 1 ? "shard's" : "sweep's") +
           " finished result; use --force to run it again";
  const std::string part = held.kind == "sweep-shard" ? "shard " + std::to_string(held.shard_index) + "/" +
                                                            std::to_string(held.shard_count) + " of this sweep"
                                                      : "this whole sweep";
  std::string advice = force + " (which loses it)";
  if (o.shard_count > 1)
    advice = "give each shard its own output, e.g. -o " + o.output + ".shard-" + std::to_string(o.shard_index) +
             ".h5 (as --emit-slurm's script does), then merge them; or " + advice;
  return exists + " and holds " + part + "; " + advice;
}

}  // namespace

SweepRunReport RunSweep(const SweepSpec& sweep, const Design& design, const SweepRunOptions& o, MpiSession& session) {
  const auto start = std::chrono::steady_clock::now();
  SweepRunReport report;
  std::vector<int> mine;
  for (int p = 0; p < design.NumPoints(); ++p)
    if (p % o.shard_count == o.shard_index) mine.push_back(p);
  report.points = static_cast<int>(mine.size());

  // A folder, a device or '-' is named as such, not as a result that "already exists".
  CheckOutputTarget(o.output, /*force=*/true);
  std::error_code ec;
  if (fs::exists(o.output, ec) && !o.force) {
    // A run killed between writing the result and removing its journals left a
    // complete result: resuming it has nothing to do but tidy up.
    bool complete = false;
    if (o.resume) {
      try {
        const SweepFileInfo done_info = ReadSweepFile(o.output, [](const PointResult&) {});
        complete = done_info.sweep_sha256 == sweep.sha256 && done_info.points == mine;
      } catch (const OutputError&) {
      }
    }
    if (!complete) throw OutputError(ExistingOutputRefusal(sweep, o));
    session.Barrier();
    if (session.rank() == 0)
      for (const auto& j : SweepJournals(o.output)) fs::remove(j, ec);
    report.reused = report.points;
    report.already_complete = true;
    return report;
  }
  const JournalHeader header = HeaderFor(sweep, design);
  std::vector<std::string> journals = SweepJournals(o.output);
  // A sweep still writing to this output holds its journals' locks: refuse
  // before reading, truncating or (--force) removing them. Rank 0 alone tries
  // the locks (ranks trying at once would see each other's) and tells the rest.
  int busy = -1;
  std::string holder = "a running process";  // what the other ranks say; rank 0 names it
  if (session.rank() == 0)
    for (std::size_t j = 0; j < journals.size() && busy < 0; ++j)
      if (std::string h = JournalHolder(journals[j]); !h.empty()) {
        busy = static_cast<int>(j);
        holder = std::move(h);
      }
  busy = session.Broadcast(busy);
  if (busy >= 0) throw OutputError(JournalBusy(journals[busy], holder));
  if (!journals.empty() && !o.resume && !o.force)
    throw OutputError("an interrupted sweep left " + journals[0] + (journals.size() > 1 ? " (and more)" : "") +
                      "; use --resume to continue it or --force to start over");
  if (!journals.empty() && !o.resume && o.force && session.rank() == 0)
    for (const auto& j : journals) fs::remove(j, ec);
  session.Barrier();

  // Points finished by an earlier run, from every journal of this output.
  std::set<int> done;
  if (o.resume)
    for (const auto& j : SweepJournals(o.output)) ReadJournal(j, header, [&](const PointResult& r) { done.insert(r.point); });
  session.Barrier();  // everyone has read before anyone truncates its own journal
  std::vector<int> todo;
  for (int p : mine)
    if (!done.count(p)) todo.push_back(p);
  report.reused = report.points - static_cast<int>(todo.size());

  const std::string own = session.size() > 1 ? o.output + ".rank-" + std::to_string(session.rank()) + ".journal"
                                             : o.output + ".journal";
  {
    JournalWriter journal(own, header, o.resume);
    std::unique_ptr<PointSource> source = session.SharedSource(todo);
    ProgressBar progress("points", ProgressStyle(o.progress && session.rank() == 0));
    Pool pool(sweep, design, std::max(1, o.threads));
    bool exhausted = false;
    long long finished = report.reused;
    for (;;) {
      const bool cancelled = o.cancel && o.cancel->load();
      if (cancelled && !report.interrupted) {
        report.interrupted = true;
        pool.DropQueued();
      }
      // Keep one point queued per thread, plus one, so no thread waits on the source.
      while (!exhausted && !report.interrupted && pool.Queued() < static_cast<std::size_t>(std::max(1, o.threads))) {
        int point;
        if (source->Next(&point)) pool.Push(point);
        else exhausted = true;
      }
      source->Serve();
      for (const PointResult& r : pool.Take(std::chrono::milliseconds(2))) {
        journal.Append(r);
        ++report.ran;
        ++finished;
      }
      progress.Update(session.rank() == 0 && session.size() > 1 ? report.reused + source->Dispatched() : finished,
                      report.points);
      if ((exhausted || report.interrupted) && pool.InFlight() == 0 && (report.interrupted || source->PeersDone())) break;
    }
    progress.Finish();
  }
  if (report.interrupted) {
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
  }
  session.Barrier();
  if (session.rank() == 0) {
    try {
      SweepFileWriter writer(o.output, o.force, FileInfo(sweep, design, o, mine));
      const std::set<int> ours(mine.begin(), mine.end());
      for (const auto& j : SweepJournals(o.output))
        ReadJournal(j, header, [&](const PointResult& r) {
          if (ours.count(r.point)) writer.Write(r);
        });
      report.failed = writer.Commit();
    } catch (const OutputWriteError& e) {
      // The journals stay until the result is in place, so no finished point is lost.
      throw OutputWriteError(std::string(e.what()) +
                             "; every finished point is kept in its journal: once there is room, the same command "
                             "with --resume writes the result without running them again");
    }
    for (const auto& j : SweepJournals(o.output)) fs::remove(j, ec);
  }
  report.failed = session.Broadcast(report.failed);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace diplosim
