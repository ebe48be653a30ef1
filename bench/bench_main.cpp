// diplosim's benchmark cases (Google Benchmark). bench/run_bench.py runs them
// with their baselines and prints every figure beside its baseline.
//
//   diplosim_bench [--export inputs.json] [benchmark flags]
//
// --export writes the mechanisms-only flagship's inputs and the engine's end
// state for the NumPy baseline (bench/numpy_baseline.py).
#include <benchmark/benchmark.h>
#include <libdeflate.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>

#include "bench/bare_loop.h"
#include "bench/counting_allocator.h"
#include "output/chunk_encoder.h"
#include "scenarios/scenario.h"
#include "sim/bargaining/eum_protocol.h"
#include "sim/bargaining/median_protocol.h"
#include "sim/bargaining/nash_protocol.h"
#include "sim/network.h"
#include "sim/outcome.h"
#include "sim/population.h"
#include "sim/simulation.h"
#include "sim/trajectory.h"
#include "sim/world.h"

namespace diplosim {
namespace {

class NullRecorder final : public Recorder {
 public:
  void OnState(int, const State&) override {}
  void OnEvent(const EventRecord&) override {}
  void OnAction(const ActionRecord&) override {}
  bool WantsEvent(std::string_view) const override { return false; }
  bool WantsActions() const override { return false; }
};

// Counts the heap allocations made in each step of the step loop (between
// consecutive recorded states, so not in setting up the replicate's State),
// separately for steps in which no scheduled event applies, and passes
// everything on to the recorder it wraps.
class StepAllocationCounter final : public Recorder {
 public:
  StepAllocationCounter(Recorder& inner, const World& world)
      : inner_(inner), scheduled_(world.calendar.NumSteps(), 0) {
    for (const auto& e : world.events) {
      const Date d = e->header().date;
      if (d >= world.calendar.start && d < world.calendar.end) scheduled_[world.calendar.StepOf(d)] = 1;
    }
  }
  void OnState(int k, const State& s) override {
    const long long now = AllocationCount();
    if (k > 0) {
      allocations_ += now - last_;
      ++steps_;
      if (!scheduled_[k - 1]) {
        quiet_allocations_ += now - last_;
        ++quiet_steps_;
      }
    }
    last_ = now;  // the recorder's own allocations count toward the next step
    inner_.OnState(k, s);
  }
  void OnEvent(const EventRecord& e) override { inner_.OnEvent(e); }
  void OnAction(const ActionRecord& a) override { inner_.OnAction(a); }
  bool WantsEvent(std::string_view type) const override { return inner_.WantsEvent(type); }
  bool WantsActions() const override { return inner_.WantsActions(); }
  void Report(benchmark::State& state) const {
    state.counters["allocations_per_step"] = steps_ ? static_cast<double>(allocations_) / steps_ : 0.0;
    state.counters["allocations_per_quiet_step"] =
        quiet_steps_ ? static_cast<double>(quiet_allocations_) / quiet_steps_ : 0.0;
  }

 private:
  Recorder& inner_;
  std::vector<char> scheduled_;  // per step: a scheduled event applies in it
  long long last_ = 0;
  long long allocations_ = 0, steps_ = 0;
  long long quiet_allocations_ = 0, quiet_steps_ = 0;
};

LoadOptions Options() {
  LoadOptions o;
  o.profile_dirs = {DIPLOSIM_SOURCE_DIR "/actors/profiles"};
  return o;
}

// The flagship as it is: events, actor decisions, all mechanisms.
const Scenario& Flagship() {
  static const Scenario s = LoadScenario(DIPLOSIM_SOURCE_DIR "/scenarios/syria-2016-17.yaml", Options());
  return s;
}

// The flagship's actors, relations and mechanisms without events, decisions,
// noise or violations: what the bare loop and NumPy also compute.
const World& MechanismsOnly() {
  static const Scenario s = [] {
    LoadOptions o = Options();
    o.overrides.push_back(ParseOverrideArgument("mechanisms.influence.noise=0"));
    o.overrides.push_back(ParseOverrideArgument("mechanisms.conflict.violation_rate=0"));
    Scenario sc = LoadScenario(DIPLOSIM_SOURCE_DIR "/scenarios/syria-2016-17.yaml", o);
    World& w = const_cast<World&>(*sc.world);  // benchmark set-up only: strip what the baselines lack
    w.events.clear();
    w.triggers.clear();
    w.ceasefires.clear();
    w.decision_models.assign(w.actors.size(), nullptr);
    w.initial.ceasefires.clear();
    w.initial.triggers_fired.clear();
    return sc;
  }();
  return *s.world;
}

// "Summary recording": the end-date forecast of every dimension.
std::vector<OutcomeSpec> SummaryOutcomes(const World& w) {
  std::vector<OutcomeSpec> out;
  for (int d = 0; d < w.NumDimensions(); ++d) {
    OutcomeSpec o;
    o.name = w.dimensions[d].id;
    o.kind = OutcomeSpec::Kind::kForecast;
    o.dimension = d;
    out.push_back(o);
  }
  return out;
}

void BM_FlagshipReplicate(benchmark::State& state) {
  const World& w = *Flagship().world;
  const auto outcomes = SummaryOutcomes(w);
  OutcomeRecorder rec(w, outcomes, false);
  StepAllocationCounter counter(rec, w);
  int r = 0;
  for (auto _ : state) {
    rec.Reset();
    SimulateReplicate(w, ReplicateId{1, 0, r++}, counter);
    benchmark::DoNotOptimize(rec.values().data());
  }
  counter.Report(state);
  state.counters["replicate_runs_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FlagshipReplicate)->Unit(benchmark::kMicrosecond);

void BM_MechanismsEngine(benchmark::State& state) {
  const World& w = MechanismsOnly();
  NullRecorder rec;
  StepAllocationCounter counter(rec, w);
  for (auto _ : state) SimulateReplicate(w, ReplicateId{1, 0, 0}, counter);
  counter.Report(state);
}
BENCHMARK(BM_MechanismsEngine)->Unit(benchmark::kMicrosecond);

void BM_MechanismsBareLoop(benchmark::State& state) {
  const World& w = MechanismsOnly();
  for (auto _ : state) {
    BareState s = BareInitial(w);
    BareRun(w, s, w.calendar.NumSteps());
    benchmark::DoNotOptimize(s.X.data());
  }
}
BENCHMARK(BM_MechanismsBareLoop)->Unit(benchmark::kMicrosecond);

// Influence step on N actors × 5 dimensions with a fixed row-stochastic W:
// the engine's step against the bare Eigen expression it evaluates.
std::unique_ptr<World> InfluenceWorld(int n) {
  auto w = std::make_unique<World>();
  w->calendar = Calendar{Date::Parse("2020-01-01").value(), Date::Parse("2020-02-01").value(), 1};
  for (int k = 0; k < 5; ++k) w->dimensions.push_back(Dimension{"d" + std::to_string(k), "", "a", "b", 0, 1});
  Rng rng(StreamKey{5});
  Eigen::MatrixXd W(n, n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) W(i, j) = rng.Uniform();
    W.row(i) /= W.row(i).sum();
  }
  for (int i = 0; i < n; ++i) {
    ActorSpec a;
    a.id = "a" + std::to_string(i);
    a.capability = Eigen::Vector3d(1, 1, 1);
    a.position = Eigen::VectorXd::NullaryExpr(5, [&](Eigen::Index) { return rng.Uniform(); });
    a.salience = Eigen::VectorXd::Constant(5, 0.2);
    a.susceptibility = rng.Uniform();
    w->actors.push_back(a);
  }
  w->initial.affinity.setZero(n, n);
  w->initial.dependency.setZero(n, n);
  w->initial.hostility.setZero(n, n);
  w->params.influence.explicit_weights = W;
  w->params.affinity.enabled = false;
  w->params.conflict.enabled = false;
  Freeze(*w);
  return w;
}

void BM_InfluenceStepEngine(benchmark::State& state) {
  auto w = InfluenceWorld(static_cast<int>(state.range(0)));
  State s = w->initial;
  NullRecorder rec;
  StepContext ctx{*w, s, rec, StreamKey{}, 0, 0, w->calendar.start};
  InfluenceMechanism m;
  for (auto _ : state) m.Step(ctx);
  benchmark::DoNotOptimize(s.position.data());
}
BENCHMARK(BM_InfluenceStepEngine)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_InfluenceStepBare(benchmark::State& state) {
  auto w = InfluenceWorld(static_cast<int>(state.range(0)));
  const Eigen::MatrixXd& W = w->params.influence.explicit_weights;
  const Eigen::MatrixXd L = w->initial.susceptibility.replicate(1, 5).cwiseProduct(
      (1.0 - w->initial.salience.array()).matrix());
  const Eigen::MatrixXd U = w->initial.anchor;
  Eigen::MatrixXd X = w->initial.position, WX(X.rows(), X.cols());
  for (auto _ : state) {
    WX.noalias() = W * X;
    X = L.cwiseProduct(WX) + (1.0 - L.array()).matrix().cwiseProduct(U);
  }
  benchmark::DoNotOptimize(X.data());
}
BENCHMARK(BM_InfluenceStepBare)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

// A population of N agents on a small-world network of mean degree 20, D = 5,
// stored sparse: the engine's whole step (product and Friedkin–Johnsen update)
// against the bare Eigen sparse product W·X it is built on.
struct SparseCase {
  PopulationSpec spec;
  Eigen::MatrixXd anchor, x, work;
};

const SparseCase& Sparse(int n) {
  static std::map<int, SparseCase> cases;
  auto it = cases.find(n);
  if (it != cases.end()) return it->second;
  SparseCase c;
  c.spec.id = "bench";
  c.spec.size = n;
  c.spec.spread = 0.2;
  c.spec.storage = InfluenceStorage::kSparse;
  SetWeights(c.spec, SmallWorldNetwork(n, 20, 0.1, 1));
  c.anchor = InitialPopulationPositions(c.spec, Eigen::RowVectorXd::Constant(5, 0.5), 0);
  c.x = c.anchor;
  c.work.setZero(n, 5);
  return cases.emplace(n, std::move(c)).first->second;
}

void BM_PopulationStepSparse(benchmark::State& state) {
  const SparseCase& c = Sparse(static_cast<int>(state.range(0)));
  Eigen::MatrixXd x = c.x, work = c.work;
  Eigen::RowVectorXd actor = Eigen::RowVectorXd::Constant(5, 0.7);
  Eigen::MatrixXd actors = actor;  // StepPopulation moves a row of the actors' matrix
  for (auto _ : state) {
    StepPopulation(c.spec, c.anchor, x, work, actors.row(0));
    benchmark::DoNotOptimize(x.data());
  }
  state.counters["non_zeros"] = static_cast<double>(c.spec.weights->sparse.nonZeros());
}
BENCHMARK(BM_PopulationStepSparse)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

void BM_SparseProductBare(benchmark::State& state) {
  const SparseCase& c = Sparse(static_cast<int>(state.range(0)));
  Eigen::MatrixXd y(c.x.rows(), c.x.cols());
  for (auto _ : state) {
    y.noalias() = c.spec.weights->sparse * c.x;
    benchmark::DoNotOptimize(y.data());
  }
}
BENCHMARK(BM_SparseProductBare)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

// Generating a population's network (mean degree 20) against building its
// listening matrix from the same links: the generator should cost no more than
// the matrix the run needs anyway, and grow linearly with the links.
Network Generated(int model, int n) {
  return model == 0 ? SmallWorldNetwork(n, 20, 0.1, 1) : ScaleFreeNetwork(n, 10, 1);
}

void BM_NetworkGeneration(benchmark::State& state) {
  for (auto _ : state) {
    const Network net = Generated(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
    benchmark::DoNotOptimize(net.edges.data());
  }
}
BENCHMARK(BM_NetworkGeneration)->ArgsProduct({{0, 1}, {10000, 100000, 300000}})->Unit(benchmark::kMillisecond);

void BM_ListeningMatrix(benchmark::State& state) {
  const Network net = Generated(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  for (auto _ : state) {
    const auto w = net.RowStochastic();
    benchmark::DoNotOptimize(w.valuePtr());
  }
  state.counters["links"] = static_cast<double>(net.edges.size());
}
BENCHMARK(BM_ListeningMatrix)->ArgsProduct({{0, 1}, {10000, 100000, 300000}})->Unit(benchmark::kMillisecond);

BargainingProblem RandomProblem(int n) {
  Rng rng(StreamKey{17, static_cast<std::uint64_t>(n)});
  BargainingProblem p;
  p.position.resize(n, 1);
  p.salience.resize(n, 1);
  p.intensity.resize(n, 1);
  p.capability.resize(n);
  for (int i = 0; i < n; ++i) {
    // Away from the status quo (0), so every actor gains from some agreement and
    // Nash has a zone to search (an actor sitting on the status quo would end it at once).
    p.position(i, 0) = 0.05 + std::round(rng.Uniform() * 95) / 100;
    p.salience(i, 0) = 1.0;
    p.intensity(i, 0) = 0.1 + 0.9 * rng.Uniform();
    p.capability(i) = 0.1 + rng.Uniform();
  }
  p.status_quo = Eigen::VectorXd::Constant(1, 0.0);
  return p;
}

template <class Protocol>
void BM_Bargaining(benchmark::State& state) {
  const BargainingProblem p = RandomProblem(static_cast<int>(state.range(0)));
  EumOptions o;
  o.rounds = 10;
  const auto protocol = [&] {
    if constexpr (std::is_same_v<Protocol, EumProtocol>) return EumProtocol(o);
    else return Protocol();
  }();
  if (!protocol.Solve(p).zone) {
    state.SkipWithError("no bargaining zone: the case would time the shortcut, not the search");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(protocol.Solve(p).outcome.data());
}
BENCHMARK_TEMPLATE(BM_Bargaining, MedianProtocol)->Arg(10)->Arg(40)->Arg(80)->Arg(160)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(BM_Bargaining, NashProtocol)->Arg(10)->Arg(40)->Arg(80)->Arg(160)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(BM_Bargaining, EumProtocol)->Arg(10)->Arg(40)->Arg(80)->Arg(160)->Unit(benchmark::kMillisecond);

// A scenario of n dated events (half shocks, half statements) extending the
// flagship, as a list converted from event data would: its ids and dates, drawn
// from a fixed stream.
std::string EventDataScenario(int n) {
  const World& w = *Flagship().world;
  Rng rng(StreamKey{23, static_cast<std::uint64_t>(n)});
  const auto pick = [&](int size) { return std::min(size - 1, static_cast<int>(rng.Uniform() * size)); };
  std::string text = "extend: " DIPLOSIM_SOURCE_DIR "/scenarios/syria-2016-17.yaml\nevents:\n";
  const int days = w.calendar.NumSteps() * w.calendar.step_days;
  for (int k = 0; k < n; ++k) {
    const std::string date = (w.calendar.start + pick(days)).ToString();
    const std::string& a = w.actors[pick(w.NumActors())].id;
    const std::string& b = w.actors[pick(w.NumActors())].id;
    if (k % 2 == 0 && a != b)
      text += "  - {type: shock, date: " + date + ", name: e" + std::to_string(k) + ", add: {hostility." + a + "." + b +
              ": 0.01}}\n";
    else
      text += "  - {type: statement, date: " + date + ", name: e" + std::to_string(k) + ", actor: " + a +
              ", stance: {" + w.dimensions[pick(w.NumDimensions())].id + ": 0.5}, commitment: 0.01}\n";
  }
  return text;
}

// Loading a scenario text: parse, extend, bind and check everything in it.
void TimeLoad(benchmark::State& state, const std::string& text) {
  for (auto _ : state) benchmark::DoNotOptimize(LoadScenarioText(text, "/tmp/bench.yaml", Options()).world.get());
}

// Its baseline: yaml-cpp's own parse of the same text, which the load includes.
void TimeYamlParse(benchmark::State& state, const std::string& text) {
  for (auto _ : state) benchmark::DoNotOptimize(YAML::Load(text).size());
}

void BM_LoadEvents(benchmark::State& state) { TimeLoad(state, EventDataScenario(static_cast<int>(state.range(0)))); }
BENCHMARK(BM_LoadEvents)->Arg(500)->Arg(2000)->Arg(8000)->Unit(benchmark::kMillisecond);

void BM_YamlParseEvents(benchmark::State& state) {
  TimeYamlParse(state, EventDataScenario(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_YamlParseEvents)->Arg(500)->Arg(2000)->Arg(8000)->Unit(benchmark::kMillisecond);

// A stakeholder-scale scenario: n actors on one dimension and 6n directed
// relation pairs between actors drawn from a fixed stream, each side looked up
// by id when bound.
std::string ManyActorsScenario(int n) {
  Rng rng(StreamKey{29, static_cast<std::uint64_t>(n)});
  const auto pick = [&] { return std::min(n - 1, static_cast<int>(rng.Uniform() * n)); };
  std::string text = "calendar: {start: 2020-01-01, end: 2020-01-03}\ndimensions:\n  d: {low: a, high: b}\nactors:\n";
  for (int i = 0; i < n; ++i)
    text += "  a" + std::to_string(i) + ": {capability: {military: 1}, position: {d: " + std::to_string(rng.Uniform()) +
            "}}\n";
  text += "relations:\n  pairs:\n";
  for (int k = 0; k < 6 * n; ++k) {
    const int i = pick(), j = pick();
    if (i != j) text += "    - {from: a" + std::to_string(i) + ", to: a" + std::to_string(j) + ", affinity: 0.1}\n";
  }
  return text;
}

void BM_LoadActors(benchmark::State& state) { TimeLoad(state, ManyActorsScenario(static_cast<int>(state.range(0)))); }
BENCHMARK(BM_LoadActors)->Arg(250)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_YamlParseActors(benchmark::State& state) {
  TimeYamlParse(state, ManyActorsScenario(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_YamlParseActors)->Arg(250)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond);

// The flagship variables whose chunks repeat enough to be deflated, from the
// busiest (influence: rows change with every affinity) to the quietest.
constexpr std::array<Variable, 4> kDeflatedVariables = {Variable::kInfluence, Variable::kHostility, Variable::kSupport,
                                                        Variable::kDependency};

// One flagship replicate's recorded series of a variable: one chunk, [day][…].
const std::vector<double>& RecordedSeries(Variable v) {
  static const std::map<Variable, std::vector<double>> series = [] {
    const World& w = *Flagship().world;
    Trajectory t(w, RecordSpec::All());
    t.Reset(0);
    SimulateReplicate(w, ReplicateId{1, 0, 0}, t);
    std::map<Variable, std::vector<double>> out;
    for (Variable k : kDeflatedVariables) out[k] = t.Data(k);
    return out;
  }();
  return series.at(v);
}

// Encodes one chunk as the run writer does (DeflateRepeats for its repeats);
// the baseline deflates the same bytes with libdeflate at level 1, as the
// writer did before. bytes_out compares the streams' sizes.
void BM_EncodeChunk(benchmark::State& state) {
  const Variable v = kDeflatedVariables[state.range(0)];
  const std::vector<double>& data = RecordedSeries(v);
  const std::size_t slice = SliceValues(*Flagship().world, Info(v).shape);
  std::vector<unsigned char> out;
  for (auto _ : state) benchmark::DoNotOptimize(EncodeChunk(data.data(), data.size() / slice, slice, 1, out));
  state.counters["bytes_out"] = static_cast<double>(out.size());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size() * sizeof(double)));
}
BENCHMARK(BM_EncodeChunk)->DenseRange(0, kDeflatedVariables.size() - 1)->Unit(benchmark::kMicrosecond);

void BM_LibdeflateChunk(benchmark::State& state) {
  const std::vector<double>& data = RecordedSeries(kDeflatedVariables[state.range(0)]);
  const std::size_t bytes = data.size() * sizeof(double);
  libdeflate_compressor* compressor = libdeflate_alloc_compressor(1);
  std::vector<unsigned char> out(bytes);
  std::size_t size = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(size = libdeflate_zlib_compress(compressor, data.data(), bytes, out.data(), out.size()));
  libdeflate_free_compressor(compressor);
  state.counters["bytes_out"] = static_cast<double>(size);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_LibdeflateChunk)->DenseRange(0, kDeflatedVariables.size() - 1)->Unit(benchmark::kMicrosecond);

double MaxDiff(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) { return (a - b).cwiseAbs().maxCoeff(); }

// Runs the engine and the bare loop on the same inputs; they must agree.
bool CheckBareLoop() {
  const World& w = MechanismsOnly();
  class Last final : public Recorder {
   public:
    void OnState(int, const State& s) override { last = s; }
    void OnEvent(const EventRecord&) override {}
    void OnAction(const ActionRecord&) override {}
    State last;
  } rec;
  SimulateReplicate(w, ReplicateId{1, 0, 0}, rec);
  BareState b = BareInitial(w);
  BareRun(w, b, w.calendar.NumSteps());
  const double diff = std::max({MaxDiff(rec.last.position, b.X), MaxDiff(rec.last.affinity, b.A),
                                MaxDiff(rec.last.hostility, b.H), MaxDiff(rec.last.capability_components, b.comps)});
  std::fprintf(stderr, "check: engine vs bare loop, largest difference in the end state: %.3g\n", diff);
  return diff <= 1e-12;
}

void WriteMatrix(std::ofstream& out, const char* name, const Eigen::MatrixXd& m, bool comma = true) {
  out << "\"" << name << "\": [";
  for (int i = 0; i < m.rows(); ++i) {
    out << (i ? "," : "") << "[";
    for (int j = 0; j < m.cols(); ++j) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", m(i, j));
      out << (j ? "," : "") << buf;
    }
    out << "]";
  }
  out << "]" << (comma ? ",\n" : "\n");
}

void ExportInputs(const char* path) {
  const World& w = MechanismsOnly();
  BareState b = BareInitial(w);
  std::ofstream out(path);
  const auto& ip = w.params.influence;
  const auto& ap = w.params.affinity;
  const auto& cp = w.params.conflict;
  Eigen::VectorXd self(w.NumActors());
  for (int i = 0; i < w.NumActors(); ++i) self(i) = w.actors[i].self_weight >= 0 ? w.actors[i].self_weight : ip.self_weight;
  out << "{\n\"steps\": " << w.calendar.NumSteps() << ",\n";
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "\"params\": {\"sigma\": %.17g, \"alpha_D\": %.17g, \"alpha_A\": %.17g, \"alpha_G\": %.17g, \"rho\": %.17g, "
                "\"kappa_H\": %.17g, \"kappa\": %.17g, \"attrition\": %.17g, \"recovery\": %.17g, \"support_relaxation\": %.17g},\n",
                ip.salience_modulation, ip.dependency_weight, ip.affinity_weight, ip.deference_weight, ap.rate,
                ap.hostility_weight, cp.relaxation, cp.attrition, cp.recovery, cp.support_relaxation);
  out << buf;
  WriteMatrix(out, "weights", w.params.capability_weights.transpose());
  WriteMatrix(out, "self", self.transpose());
  WriteMatrix(out, "lambda", b.lambda.transpose());
  WriteMatrix(out, "m0", b.m0.transpose());
  for (auto [name, m] : {std::pair{"X", &b.X}, {"U", &b.U}, {"S", &b.S}, {"A", &b.A}, {"Dp", &b.Dp}, {"H", &b.H},
                         {"H0", &b.H0}, {"G", &b.G}, {"Sup", &b.Sup}, {"Sup0", &b.Sup0}, {"comps", &b.comps}})
    WriteMatrix(out, name, *m);
  BareRun(w, b, w.calendar.NumSteps());
  WriteMatrix(out, "X_end", b.X);
  WriteMatrix(out, "A_end", b.A, false);
  out << "}\n";
}

}  // namespace
}  // namespace diplosim

int main(int argc, char** argv) {
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--export") == 0 && i + 1 < argc) {
      diplosim::ExportInputs(argv[++i]);
      return 0;
    }
    rest.push_back(argv[i]);
  }
  if (!diplosim::CheckBareLoop()) {
    std::fprintf(stderr, "the bare loop does not reproduce the engine: the comparison would be meaningless\n");
    return 1;
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
