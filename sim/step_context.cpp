#include "sim/step_context.h"

#include "sim/world.h"

namespace diplosim {

void StepContext::LogEvent(std::string_view type, std::string_view name, std::span<const int> actors,
                           std::string_view outcome, double value) {
  if (!recorder.WantsEvent(type)) return;
  std::string ids;
  for (int i : actors) {
    if (!ids.empty()) ids += ',';
    ids += world.actors[i].id;
  }
  recorder.OnEvent(EventRecord{replicate, date, std::string(type), std::string(name), std::move(ids),
                               std::string(outcome), value});
}

void StepContext::LogAction(int actor, std::string_view action, std::string_view target) {
  if (!recorder.WantsActions()) return;
  recorder.OnAction(ActionRecord{replicate, date, world.actors[actor].id, std::string(action), std::string(target)});
}

}  // namespace diplosim
