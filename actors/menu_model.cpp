#include "actors/menu_model.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <stdexcept>

#include "sim/state.h"
#include "sim/world.h"

namespace diplosim {

ParameterValues WithDefaults(const std::vector<ParameterSpec>& specs, const ParameterValues& given) {
  ParameterValues out;
  for (const auto& s : specs) {
    auto it = given.find(s.name);
    out[s.name] = it == given.end() ? s.default_value : it->second;
  }
  return out;
}

MenuModel::MenuModel(const ParameterValues& params) {
  std::size_t size = 2;
  while (size < 2 * params.size()) size *= 2;
  slot_shift_ = 64 - std::countr_zero(size);
  slots_.assign(size, {kEmptySlot, 0.0});
  for (const auto& [name, value] : params) {
    const std::uint64_t h = ParameterKey::Hash(name);
    // 0 marks an empty slot; two names with one hash would shadow each other.
    if (h == kEmptySlot) throw std::logic_error("parameter '" + name + "' hashes to 0; rename it");
    std::size_t i = h >> slot_shift_;
    for (; slots_[i].first != kEmptySlot; i = (i + 1) & (size - 1))
      if (slots_[i].first == h)
        throw std::logic_error("two parameters of an actor model have the same name hash; rename one");
    slots_[i] = {h, value};
  }
  temperature_ = P("temperature");
}

MenuModel::ActorList MenuModel::Clients(int self, const State& s) const {
  ActorList out;
  const double threshold = P("client_threshold");
  for (int c = 0; c < s.NumActors(); ++c)
    if (c != self && s.dependency(c, self) >= threshold) out.push_back(c);
  return out;
}

double MenuModel::MeanHostility(const State& s, int i) {
  const int n = s.NumActors();
  return n > 1 ? s.hostility.row(i).sum() / (n - 1) : 0.0;
}

double MenuModel::Strength(const State& s, int i) {
  return s.capability_components(i, 0) * (1.0 + s.support.col(i).sum());
}

bool MenuModel::Covered(const State& s, int i) {
  for (const auto& cf : s.ceasefires)
    if (cf.status == State::CeasefireStatus::kInForce && cf.covered[i]) return true;
  return false;
}

std::vector<MenuModel::Option> MenuModel::Menu(int self, const StepContext& ctx) const {
  std::vector<Option> options;
  options.push_back(Option{kWait, -1, 0.0});
  Enumerate(self, ctx, options);
  return options;
}

void MenuModel::Decide(int self, StepContext& ctx) const {
  // Per-thread buffers, reused by every decision: models are shared by all
  // threads, and a fresh vector per decision would allocate every step.
  thread_local std::vector<Option> options;
  thread_local std::vector<double> weights;
  options.clear();
  options.push_back(Option{kWait, -1, 0.0});
  Enumerate(self, ctx, options);
  std::size_t pick = 0;
  if (temperature_ <= 0.0) {
    for (std::size_t k = 1; k < options.size(); ++k)
      if (options[k].utility > options[pick].utility) pick = k;
  } else {
    double best = options[0].utility;
    for (const auto& o : options) best = std::max(best, o.utility);
    double total = 0.0;
    weights.resize(options.size());
    for (std::size_t k = 0; k < options.size(); ++k) total += weights[k] = std::exp((options[k].utility - best) / temperature_);
    Rng rng = ctx.Stream(StreamPurpose::kDecision, static_cast<std::uint64_t>(self));
    double draw = rng.Uniform() * total;
    for (pick = 0; pick + 1 < options.size(); ++pick) {
      draw -= weights[pick];
      if (draw < 0.0) break;
    }
  }
  const Option& chosen = options[pick];
  if (chosen.action == kWait) return;
  Apply(self, chosen, ctx);
  ctx.LogAction(self, ActionName(chosen.action),
                chosen.target >= 0 ? std::string_view(ctx.world.actors[chosen.target].id) : std::string_view());
}

}  // namespace diplosim
