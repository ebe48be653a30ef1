#pragma once

#include <boost/container/small_vector.hpp>
#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "actors/actor_model_registry.h"
#include "actors/parameter_key.h"
#include "sim/decision_model.h"
#include "sim/step_context.h"

namespace diplosim {

struct State;
struct World;

// An actor model that scores a menu of actions by expected utility and picks
// one by softmax: P(a) = exp(u_a / T) / Σ_b exp(u_b / T), drawn from the
// actor's decision stream for this step (T = 0: the best, first on ties).
// "wait" (u = 0, no effect) is always on the menu. The chosen action is
// applied and logged in the actions table (wait is not logged).
class MenuModel : public DecisionModel {
 public:
  struct Option {
    int action = 0;
    int target = -1;
    double utility = 0.0;
  };

  explicit MenuModel(const ParameterValues& params);
  void Decide(int self, StepContext& ctx) const final;

  // The menu with utilities (for tests and docs).
  std::vector<Option> Menu(int self, const StepContext& ctx) const;
  // Applies one action (for tests).
  void ApplyOption(int self, const Option& option, StepContext& ctx) const { Apply(self, option, ctx); }
  virtual const char* ActionName(int action) const = 0;

 protected:
  static constexpr int kWait = 0;
  virtual void Enumerate(int self, const StepContext& ctx, std::vector<Option>& out) const = 0;
  virtual void Apply(int self, const Option& option, StepContext& ctx) const = 0;

  // A short list of actor indices, kept inline (no heap allocation) up to 16:
  // decisions run every step and must not allocate in ordinary worlds.
  using ActorList = boost::container::small_vector<int, 16>;

  // The value of a declared parameter (asserted in debug builds). Inline and
  // one probe as a rule: menus call it thousands of times a replicate.
  double P(ParameterKey name) const {
    const std::uint64_t h = name.hash();
    for (std::size_t i = h >> slot_shift_;; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].first == h) return slots_[i].second;
      if (slots_[i].first == kEmptySlot) break;
    }
    assert(false && "parameter not declared by the model");
    return 0.0;
  }
  // Actors c with Dp_cs ≥ client_threshold.
  ActorList Clients(int self, const State& s) const;
  // Mean hostility of `i` toward everyone (how embattled it is).
  static double MeanHostility(const State& s, int i);
  // Effective fighting strength E_i = m_i (1 + Σ_k Sup_ki).
  static double Strength(const State& s, int i);
  // Whether a ceasefire in force covers i.
  static bool Covered(const State& s, int i);

 private:
  // The step loop's view of the parameters: (name hash, value) in an open-
  // addressing table, a power of two at least twice their number, each in
  // the slot its hash's top bits name or the next free one after it.
  static constexpr std::uint64_t kEmptySlot = 0;
  int slot_shift_ = 63;  // 64 − log2(slots)
  std::vector<std::pair<std::uint64_t, double>> slots_;
  double temperature_;
};

// Builds the parameter map for a model: defaults overridden by `given`.
ParameterValues WithDefaults(const std::vector<ParameterSpec>& specs, const ParameterValues& given);

}  // namespace diplosim
