#pragma once

#include <Eigen/Dense>
#include <array>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "sim/recorder.h"
#include "sim/state.h"

namespace diplosim {

struct World;
class Trajectory;

// Quantile q ∈ [0, 1] of `values` by linear interpolation between order
// statistics (Hyndman & Fan type 7, numpy's default). `values` is reordered.
double Quantile(std::vector<double>& values, double q);

// What the CLI prints after a run, accumulated replicate by replicate:
// the forecast's median and 5–95 % band per dimension at the end date (noting
// when every replicate ended at the same forecast), the
// shares of replicates in which each negotiation reached an agreement, was held
// without one, or was never held (and was boycotted, by whom), the shares in
// which each ceasefire holds, has collapsed or never came into force at the
// end, the shares in which each trigger fired (and its median first date),
// and the eum rounds and moves
// (replicate 0; the protocol is deterministic), with who boycotted the talks.
class RunSummary {
 public:
  RunSummary(const World& world, int replicates);
  void Add(const Trajectory& trajectory);
  void Print(std::ostream& out, double wall_seconds) const;

  double AgreementShare(const std::string& negotiation) const;
  double HeldShare(const std::string& negotiation) const;
  // Share of replicates in which some participant stayed away (needs the actions table).
  double BoycottShare(const std::string& negotiation) const;
  // Shares of replicates with the ceasefire in this status at the end.
  double StatusShare(std::size_t ceasefire, State::CeasefireStatus status) const;

 private:
  // counts[name] / replicates added (0 for a name not counted).
  double ReplicateShare(const std::map<std::string, int>& counts, const std::string& name) const;
  // Whether every replicate added so far ended at the same forecast, bit for bit.
  bool SameFinalForecastEverywhere() const;
  // " (farc 50.0 %, eln 2.5 %)": who stayed away from a negotiation, in how many replicates.
  std::string BoycottersOf(const std::string& negotiation) const;

  const World& world_;
  int added_ = 0;
  Eigen::MatrixXd final_forecasts_;  // replicates × dimensions
  // Per negotiation, replicates in which it was held, and in which it reached an
  // agreement, at least once (a trigger may hold it many times, or never).
  std::map<std::string, int> held_, agreements_;
  std::map<std::string, int> no_zone_;  // per negotiation, replicates in which it found no zone of agreement
  std::map<std::string, std::vector<int>> first_fired_;  // per trigger, the day it first fired, per replicate it did
  std::vector<std::array<int, 3>> ceasefire_status_;  // per ceasefire: replicates pending, in force, collapsed
  std::vector<EventRecord> eum_rows_;
  // Replicate 0's boycotts ("name date" → actors, in order), when actions are
  // recorded: the eum rounds are bargained among those who came.
  std::map<std::string, std::vector<std::string>> boycotts_;
  // Per negotiation, replicates in which anyone, and each actor, stayed away; known
  // only when the actions table is recorded.
  bool knows_attendance_ = false;
  std::map<std::string, int> boycotted_;
  std::map<std::string, std::map<std::string, int>> boycotters_;
};

}  // namespace diplosim
