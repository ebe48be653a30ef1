#include <cctype>
#include <string>

#include "scenarios/binding.h"
#include "scenarios/csv_rows.h"
#include "scenarios/node_reader.h"

namespace diplosim {

namespace {
constexpr int kMaxSteps = 1'000'000;

// A step written with a unit or as a word ("1w", "2 weeks", "weekly", "1 month")
// gets its length in days, which is what calendar.step counts.
std::string StepUnitHint(const std::string& text) {
  std::size_t i = 0;
  long count = 1;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i > 0) {
    if (i > 4) return "";
    count = std::stol(text.substr(0, i));
    if (count < 1) return "";
  }
  while (i < text.size() && text[i] == ' ') ++i;
  const std::string unit = Lower(text.substr(i));
  const auto days = [&](long per) {
    return " (did you mean " + std::to_string(count * per) + "? the step counts days)";
  };
  for (const char* u : {"d", "day", "days", "daily"})
    if (unit == u) return days(1);
  for (const char* u : {"w", "wk", "week", "weeks", "weekly"})
    if (unit == u) return days(7);
  for (const char* u : {"y", "yr", "year", "years", "yearly", "annual"})
    if (unit == u) return days(365);
  for (const char* u : {"m", "mo", "month", "months", "monthly", "quarter", "quarterly"})
    if (unit == u)
      return " (the step counts days, and a month has no fixed length: write 30, or 91 for a quarter; the "
             "calendar's time points are start + k·step days)";
  return "";
}
}  // namespace

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
  if (const ConfigNode* n = r.Get("step")) {
    const std::string hint = n->IsScalar() ? StepUnitHint(n->scalar) : "";
    if (!hint.empty())
      diags.Error(n->location, "calendar.step must be a whole number of days; got '" + n->scalar + "'" + hint);
    else
      step = static_cast<int>(ReadInteger(*n, "calendar.step", 1, 3660, diags).value_or(1));
  }
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
