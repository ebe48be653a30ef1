#pragma once

#include <Eigen/Dense>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace diplosim {

// Components of an actor's capability, weighted into one capability c_i.
enum CapabilityComponent { kMilitary = 0, kEconomic = 1, kDiplomatic = 2, kNumCapabilityComponents = 3 };

// Everything the scenario says about one actor, already validated and on the
// unit scale. Immutable once the world is built.
struct ActorSpec {
  std::string id;       // stable identifier used in files and paths
  std::string name;     // display name
  std::string profile;  // profile it started from ("" if none)
  std::string model;    // actor model name ("" = passive: no decisions)
  std::vector<std::string> groups;
  Eigen::Vector3d capability = Eigen::Vector3d::Zero();  // military, economic, diplomatic ≥ 0
  Eigen::VectorXd position;                              // D values in [0, 1]
  Eigen::VectorXd salience;                              // D values ≥ 0 summing to 1
  Eigen::VectorXd intensity;                             // D values in [0, 1]; empty = salience
  double susceptibility = 0.5;  // λ_i in [0, 1]: how much i yields to others
  double self_weight = -1.0;    // w_i in [0, 1]; < 0 means the mechanism default
  double confidence_bound = std::numeric_limits<double>::infinity();  // ε_i
  std::map<std::string, double, std::less<>> parameters;  // actor-model parameters
  std::map<std::string, bool, std::less<>> flags;  // e.g. designated (never covered by a ceasefire)

  bool Flag(std::string_view name) const {  // string_view: no std::string built per call in the step loop
    auto it = flags.find(name);
    return it != flags.end() && it->second;
  }
};

}  // namespace diplosim
