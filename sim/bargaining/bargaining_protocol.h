#pragma once

#include <Eigen/Dense>
#include <string>
#include <string_view>
#include <vector>

namespace diplosim {

// One negotiation round's input: P participants on K agenda dimensions, all on
// the unit scale.
struct BargainingProblem {
  Eigen::MatrixXd position;    // P×K
  Eigen::MatrixXd salience;    // P×K, relative salience S (weights of the utilities and of clout)
  Eigen::MatrixXd intensity;   // P×K in [0, 1], absolute stake (BDM's salience, used by eum)
  Eigen::VectorXd capability;  // P, ≥ 0
  Eigen::VectorXd status_quo;  // K: the outcome if there is no agreement

  int NumParticipants() const { return static_cast<int>(position.rows()); }
  int NumIssues() const { return static_cast<int>(position.cols()); }
  // U_p(y) = −Σ_k w_pk (y_k − x_pk)², w_pk = S_pk / Σ_k S_pk (uniform if all zero).
  double Utility(int p, const Eigen::VectorXd& y) const;
};

// What happened in one round of the eum protocol, for the CLI's report.
struct EumMove {
  int mover = 0;      // participant index
  int toward = 0;     // participant whose offer it accepted
  std::string kind;   // confrontation, compromise, capitulation
  double from = 0.0;  // unit scale
  double to = 0.0;
};
struct EumRound {
  int round = 0;         // 0 = initial positions
  double mean = 0.0;     // unit scale
  double median = 0.0;
  std::vector<EumMove> moves;  // moves made in this round (empty for round 0)
};

struct BargainingResult {
  bool zone = true;           // false when no point improves on the status quo for every participant
  Eigen::VectorXd outcome;    // K
  std::vector<std::vector<EumRound>> trace;  // per issue (eum only)
};

// A bargaining protocol turns positions into a proposed outcome. Protocols are
// deterministic; randomness (acceptance) belongs to the negotiation event.
class BargainingProtocol {
 public:
  virtual ~BargainingProtocol() = default;
  virtual std::string_view Name() const = 0;
  virtual BargainingResult Solve(const BargainingProblem& problem) const = 0;
};

// The weighted median: the smallest x_p with cumulative weight ≥ half the total
// (a minimiser of Σ_p w_p |y − x_p|). Zero total weight gives the plain median.
double WeightedMedian(const Eigen::VectorXd& values, const Eigen::VectorXd& weights);

}  // namespace diplosim
