#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "sim/bargaining/bargaining_protocol.h"

namespace diplosim {

// Options of Bueno de Mesquita's expected-utility model as computed by Scholz,
// Calbert & Smith (2011) (docs/model.md, "eum").
struct EumOptions {
  enum class Probability { kScholz, kPairwise };
  enum class CompromiseChoice { kScholz, kNearest };
  Probability probability = Probability::kScholz;
  CompromiseChoice compromise_choice = CompromiseChoice::kScholz;
  double q = 1.0;  // weight of the status-quo utility in EU
  int rounds = 10;

  bool IsValid(std::string* why) const;
};

// One issue of the eum model: capabilities c, positions x, saliences s ∈ [0, 1].
class EumIssue {
 public:
  EumIssue(Eigen::VectorXd c, Eigen::VectorXd x, Eigen::VectorXd s, EumOptions options);

  // Runs the rounds; trace()[0] is the initial state, trace()[t] after round t.
  void Run();
  const std::vector<EumRound>& trace() const { return trace_; }
  const Eigen::VectorXd& positions() const { return x_; }
  // Risk exponents of the current positions (step 4 of the appendix).
  Eigen::VectorXd RiskExponents() const;
  double MeanForecast() const;
  double MedianForecast() const;  // Condorcet winner with all r = 1
  // P_ij under exponents r (step 2).
  double Probability(int i, int j, const Eigen::VectorXd& r) const;
  // EU of i challenging j seen with risk exponent r_p (step 3), P from exponents r.
  double ExpectedUtility(int i, int j, double r_p, const Eigen::VectorXd& r) const;
  // All P_ij at once under exponents r: O(n³), the cost of one round.
  Eigen::MatrixXd ProbabilityMatrix(const Eigen::VectorXd& r) const;

 private:
  // Step 3's utilities of a challenge across |x_i − x_j| seen with risk
  // exponent r_p: success, failure and the status quo's.
  struct ChallengeUtilities {
    double success, failure, status_quo;
  };
  double Vote(int k, double a, double b, double r_k) const;
  ChallengeUtilities Utilities(int i, int j, double r_p) const;
  double ExpectedUtilityWith(int i, int j, const ChallengeUtilities& u, const Eigen::MatrixXd& P) const;
  void Round(int t);

  Eigen::VectorXd c_, x_, s_;
  EumOptions options_;
  double delta_;  // max x − min x of the initial positions
  std::vector<EumRound> trace_;
};

// `eum`: every agenda issue solved separately with EumIssue; the outcome is the
// median forecast after the last round (the trace keeps every round).
class EumProtocol final : public BargainingProtocol {
 public:
  explicit EumProtocol(EumOptions options) : options_(options) {}
  std::string_view Name() const override { return "eum"; }
  BargainingResult Solve(const BargainingProblem& problem) const override;
  const EumOptions& options() const { return options_; }

 private:
  EumOptions options_;
};

}  // namespace diplosim
