#include "scenarios/binding.h"
#include "scenarios/node_reader.h"

namespace diplosim {

namespace {
constexpr int kMaxSteps = 1'000'000;
}

void BindCalendar(const ConfigNode* node, const SourceLocation& root, World& world, Diagnostics& diags) {
  if (!node) {
    diags.Error(root, "missing required key 'calendar'; expected 'calendar: {start: YYYY-MM-DD, end: YYYY-MM-DD}'");
    return;
  }
  MapReader r(*node, "calendar", {"start", "end", "step"}, diags);
  if (!r.ok()) return;
  const ConfigNode* start = r.Require("start", "the first date, YYYY-MM-DD");
  const ConfigNode* end = r.Require("end", "the last date, YYYY-MM-DD");
  std::optional<Date> s = start ? ReadDate(*start, "calendar.start", diags) : std::nullopt;
  std::optional<Date> e = end ? ReadDate(*end, "calendar.end", diags) : std::nullopt;
  int step = 1;
  if (const ConfigNode* n = r.Get("step"))
    step = static_cast<int>(ReadInteger(*n, "calendar.step", 1, 3660, diags).value_or(1));
  if (!s || !e) return;
  if (*e <= *s) {
    diags.Error(end->location, "calendar.end " + e->ToString() + " is not after calendar.start " + s->ToString() +
                                   "; expected an end date later than the start");
    return;
  }
  if ((*e - *s) < step) {
    diags.Error(end->location, "the calendar is shorter than one step (" + std::to_string(step) +
                                   " days); expected end − start ≥ step");
    return;
  }
  if ((*e - *s) / step > kMaxSteps) {
    diags.Error(end->location, "the calendar has more than " + std::to_string(kMaxSteps) +
                                   " steps; expected a shorter calendar or a longer step");
    return;
  }
  world.calendar = Calendar{*s, *e, step};
}

std::string LastTimePointNote(const Calendar& c, const std::string& set_at) {
  const std::string end = "calendar.end " + c.end.ToString() + (set_at.empty() ? "" : ", set at " + set_at);
  if (c.LastDate() == c.end) return set_at.empty() ? "" : " (" + end + ")";
  return " (" + end + (set_at.empty() ? "" : ",") + " is not on the step grid: the last time point is " +
         c.LastDate().ToString() + ", start + " + std::to_string(c.NumSteps()) + " × " +
         std::to_string(c.step_days) + " days, and no step starts there)";
}

}  // namespace diplosim
