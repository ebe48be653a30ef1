#pragma once

#include <vector>

#include "sim/event.h"

namespace diplosim {

// `deployment`: an actor commits support (air cover, ground forces) to the
// actors in `to`: Sup_ij and its baseline += amount, and its hostility toward
// `against` rises by h (it joins their fight).
// `withdrawal`: support and its baseline fall by amount (all of it if amount < 0).
class DeploymentEvent final : public Event {
 public:
  DeploymentEvent(Header header, int actor, std::vector<int> to, std::vector<int> against, double amount,
                  double hostility, bool withdraw, std::string actors)
      : Event(std::move(header)),
        actor_(actor),
        to_(std::move(to)),
        against_(std::move(against)),
        amount_(amount),
        hostility_(hostility),
        withdraw_(withdraw),
        actors_(std::move(actors)) {}
  void Apply(StepContext& ctx) const override;

 private:
  int actor_;
  std::vector<int> to_;
  std::vector<int> against_;
  double amount_;
  double hostility_;
  bool withdraw_;
  std::string actors_;
};

}  // namespace diplosim
