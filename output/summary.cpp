#include "output/summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "output/terminal_text.h"
#include "sim/quantile.h"
#include "sim/trajectory.h"
#include "sim/world.h"

namespace diplosim {

namespace {

// Pole labels are free text; a newline or tab in one would break the table.
// A pole's label in the table's one line: line breaks and tabs as spaces, any
// other control character as TerminalText's escape.
std::string OneLine(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\t') c = ' ';
  return TerminalText(text);
}

}  // namespace

RunSummary::RunSummary(const World& world, int replicates)
    : world_(world),
      final_forecasts_(replicates, world.NumDimensions()),
      ceasefire_status_(world.ceasefires.size(), {0, 0, 0}) {}

void RunSummary::Add(const Trajectory& t) {
  final_forecasts_.row(t.replicate()) = t.final_forecast().transpose();
  std::set<std::string> held, agreed, no_zone;
  std::map<std::string, Date> fired;  // trigger → the day it first fired in this replicate
  for (const EventRecord& e : t.events()) {
    if (e.type == "trigger" && e.outcome == "fired") fired.emplace(e.name, e.date);  // rows come in date order
    if (e.type == "negotiation") {
      held.insert(e.name);
      if (e.outcome == "agreement") agreed.insert(e.name);
      if (e.outcome == "no-zone") no_zone.insert(e.name);
    }
    if (t.replicate() == 0 && (e.type == "eum-mean" || e.type == "eum-median" || e.type == "eum-move"))
      eum_rows_.push_back(e);
  }
  if (t.spec().actions) {
    knows_attendance_ = true;
    std::map<std::string, std::set<std::string>> absent;  // negotiation → who stayed away in this replicate
    for (const ActionRecord& a : t.actions()) {
      if (a.action != "boycott") continue;
      absent[a.target].insert(a.actor);
      if (t.replicate() == 0) boycotts_[a.target + " " + a.date.ToString()].push_back(a.actor);
    }
    for (const auto& [name, actors] : absent) {
      ++boycotted_[name];
      for (const std::string& actor : actors) ++boycotters_[name][actor];
    }
  }
  for (const auto& [name, date] : fired) first_fired_[name].push_back(date.days());
  for (const std::string& name : held) ++held_[name];
  for (const std::string& name : agreed) ++agreements_[name];
  for (const std::string& name : no_zone) ++no_zone_[name];
  for (std::size_t c = 0; c < t.final_ceasefires().size(); ++c) {
    const int status = t.final_ceasefires()[c];
    if (status >= 0 && status < 3) ++ceasefire_status_[c][static_cast<std::size_t>(status)];
  }
  ++added_;
}

double RunSummary::ReplicateShare(const std::map<std::string, int>& counts, const std::string& name) const {
  const auto it = counts.find(name);
  return added_ > 0 && it != counts.end() ? it->second / static_cast<double>(added_) : 0.0;
}

double RunSummary::BoycottShare(const std::string& negotiation) const {
  return ReplicateShare(boycotted_, negotiation);
}

std::string RunSummary::BoycottersOf(const std::string& negotiation) const {
  const auto it = boycotters_.find(negotiation);
  if (it == boycotters_.end()) return "";
  std::vector<std::pair<int, std::string>> by_count;
  for (const auto& [actor, count] : it->second) by_count.emplace_back(-count, actor);
  std::sort(by_count.begin(), by_count.end());  // most replicates first, then by id
  // A stakeholder table's negotiation may have a hundred absentees: the first few tell the story.
  constexpr std::size_t kNamed = 5;
  std::string text = " (";
  char share[32];
  for (std::size_t k = 0; k < std::min(by_count.size(), kNamed); ++k) {
    std::snprintf(share, sizeof share, " %.1f %%", 100.0 * -by_count[k].first / std::max(1, added_));
    text += (k ? ", " : "") + by_count[k].second + share;
  }
  if (by_count.size() > kNamed) text += " and " + std::to_string(by_count.size() - kNamed) + " more";
  return text + ")";
}

bool RunSummary::SameFinalForecastEverywhere() const {
  for (int r = 1; r < added_; ++r)
    if (!(final_forecasts_.row(r).array() == final_forecasts_.row(0).array()).all()) return false;
  return true;
}

double RunSummary::AgreementShare(const std::string& negotiation) const {
  return ReplicateShare(agreements_, negotiation);
}

double RunSummary::HeldShare(const std::string& negotiation) const { return ReplicateShare(held_, negotiation); }

double RunSummary::StatusShare(std::size_t c, State::CeasefireStatus status) const {
  return added_ > 0 ? ceasefire_status_[c][static_cast<std::size_t>(status)] / static_cast<double>(added_) : 0.0;
}

void RunSummary::Print(std::ostream& out, double wall_seconds) const {
  char line[512];
  // A scenario written by a script may hold hundreds of negotiations, ceasefires
  // or triggers: each table shows its first rows and counts the rest, which the
  // events table has.
  constexpr std::size_t kRowsShown = 25;
  const auto counted_rest = [&out](std::size_t total, const char* what) {
    if (total > kRowsShown)
      out << "  … and " << total - kRowsShown << " more " << what << (total - kRowsShown == 1 ? "" : "s")
          << " (their rows are in the events table: diplosim.events(path) in Python)\n";
  };
  std::size_t width = 9;
  for (const auto& d : world_.dimensions) width = std::max(width, d.id.size());
  out << "Forecast at " << world_.calendar.LastDate().ToString() << " (clout-weighted mean position; " << added_
      << (added_ == 1 ? " replicate)\n" : " replicates)\n");
  std::snprintf(line, sizeof line, "  %-*s %10s %10s %10s   %s\n", static_cast<int>(width), "dimension", "median", "5%",
                "95%", "poles (low .. high)");
  out << line;
  for (int d = 0; d < world_.NumDimensions(); ++d) {
    std::vector<double> v(final_forecasts_.col(d).data(), final_forecasts_.col(d).data() + added_);
    const double p5 = Quantile(v, 0.05), p50 = Quantile(v, 0.5), p95 = Quantile(v, 0.95);
    const Dimension& dim = world_.dimensions[d];
    std::snprintf(line, sizeof line, "  %-*s %10.4f %10.4f %10.4f   %s .. %s\n", static_cast<int>(width), dim.id.c_str(),
                  p50, p5, p95, OneLine(dim.low_pole).c_str(), OneLine(dim.high_pole).c_str());
    out << line;
  }
  if (added_ > 1 && SameFinalForecastEverywhere()) {
    // Many identical replicates cost time and suggest a spread that is not there.
    out << "  (the same in " << (added_ == 2 ? std::string("both") : "all " + std::to_string(added_))
        << " replicates, to the last bit: chance did not move the forecast";
    if (world_.params.influence.noise == 0.0) out << "; mechanisms.influence.noise, the positions' daily shock, is 0";
    out << ")\n";
  }
  if (!world_.negotiations.empty()) {
    // A negotiation a trigger holds may meet many times in a replicate, or never.
    // With the actions table the run knows who stayed away: the boycott column
    // names them, the most frequent first, with the share of replicates each did.
    // Talks that found no zone of agreement (nash: no proposal all attendees prefer
    // to the status quo) say why nothing was signed; the column shows when any did.
    out << "Negotiations (share of replicates)\n";
    std::snprintf(line, sizeof line, "  %-32s %9s %13s %9s%s%s\n", "", "agreement", "no agreement", "not held",
                  no_zone_.empty() ? "" : "   no zone", knows_attendance_ ? "  boycotted" : "");
    out << line;
    for (std::size_t k = 0; k < std::min(world_.negotiations.size(), kRowsShown); ++k) {
      const std::string& name = world_.negotiations[k];
      const double agreed = AgreementShare(name), held = HeldShare(name);
      std::snprintf(line, sizeof line, "  %-32s %7.1f %% %11.1f %% %7.1f %%", name.c_str(), 100.0 * agreed,
                    100.0 * (held - agreed), 100.0 * (1.0 - held));
      out << line;
      if (!no_zone_.empty()) {
        std::snprintf(line, sizeof line, " %7.1f %%", 100.0 * ReplicateShare(no_zone_, name));
        out << line;
      }
      if (knows_attendance_) {
        std::snprintf(line, sizeof line, " %8.1f %%", 100.0 * BoycottShare(name));
        out << line << BoycottersOf(name);
      }
      out << "\n";
    }
    counted_rest(world_.negotiations.size(), "negotiation");
  }
  if (!world_.ceasefires.empty()) {
    // A ceasefire that never came into force (a trigger's that never fired) is not one that broke down.
    out << "Ceasefires at " << world_.calendar.LastDate().ToString() << " (share of replicates)\n";
    std::snprintf(line, sizeof line, "  %-32s %8s %10s %16s\n", "", "holding", "collapsed", "never in force");
    out << line;
    using Status = State::CeasefireStatus;
    for (std::size_t c = 0; c < std::min(world_.ceasefires.size(), kRowsShown); ++c) {
      std::snprintf(line, sizeof line, "  %-32s %6.1f %% %8.1f %% %14.1f %%\n", world_.ceasefires[c].name.c_str(),
                    100.0 * StatusShare(c, Status::kInForce), 100.0 * StatusShare(c, Status::kCollapsed),
                    100.0 * StatusShare(c, Status::kPending));
      out << line;
    }
    counted_rest(world_.ceasefires.size(), "ceasefire");
  }
  if (!world_.triggers.empty()) {
    // When a standing rule fires tells how the scenario unfolds: how often, and from when.
    out << "Triggers (share of replicates)\n";
    std::snprintf(line, sizeof line, "  %-32s %8s   %s\n", "", "fired", "first fired (median date)");
    out << line;
    for (std::size_t t = 0; t < std::min(world_.triggers.size(), kRowsShown); ++t) {
      const std::string& name = world_.triggers[t]->header().name;
      const auto it = first_fired_.find(name);
      std::vector<int> days = it == first_fired_.end() ? std::vector<int>{} : it->second;
      std::string when = "never";
      if (!days.empty()) {
        // The lower median: a date that occurred, not a mean of two.
        std::nth_element(days.begin(), days.begin() + (days.size() - 1) / 2, days.end());
        when = Date::FromDays(days[(days.size() - 1) / 2]).ToString();
      }
      std::snprintf(line, sizeof line, "  %-32s %6.1f %%   %s\n", name.c_str(),
                    added_ > 0 ? 100.0 * static_cast<double>(days.size()) / added_ : 0.0, when.c_str());
      out << line;
    }
    counted_rest(world_.triggers.size(), "trigger");
  }
  // Rounds of each eum negotiation and dimension of replicate 0; a run of rounds
  // without moves (the model has converged) prints as one line.
  struct Round {
    std::string label;  // "round N"
    double mean = 0.0, median = 0.0;
    std::vector<const EventRecord*> moves;
  };
  std::vector<std::pair<std::string, std::vector<Round>>> issues;
  // A negotiation a repeating trigger holds every week would print hundreds of
  // traces: its first meeting is shown, and the others are counted.
  std::map<std::string, std::string> shown_meeting;            // negotiation → date of the meeting shown
  std::map<std::string, std::set<std::string>> more_meetings;  // negotiation → dates of the others
  bool skipping = false;
  for (const EventRecord& e : eum_rows_) {
    if (e.type == "eum-mean" && e.outcome == "round 0") {
      const auto shown = shown_meeting.emplace(e.name, e.date.ToString()).first;
      skipping = shown->second != e.date.ToString();
      if (skipping) {
        more_meetings[e.name].insert(e.date.ToString());
        continue;
      }
      const auto boycott = boycotts_.find(e.name + " " + e.date.ToString());
      std::string absent;
      if (boycott != boycotts_.end())
        for (const std::string& actor : boycott->second) absent += (absent.empty() ? "; boycotted by " : ", ") + actor;
      issues.emplace_back(
          "Expected-utility rounds: " + e.name + ", dimension " + e.actors + " (replicate 0" + absent + ")",
          std::vector<Round>{});
    }
    if (skipping || issues.empty()) continue;
    std::vector<Round>& rounds = issues.back().second;
    if (e.type == "eum-mean") rounds.push_back(Round{e.outcome, e.value, 0.0, {}});
    else if (rounds.empty()) continue;
    else if (e.type == "eum-median") rounds.back().median = e.value;
    else rounds.back().moves.push_back(&e);
  }
  for (const auto& issue : issues) {
    const std::vector<Round>& rounds = issue.second;  // a plain reference: clang 14 lambdas cannot capture bindings
    out << issue.first << "\n";
    for (std::size_t r = 0; r < rounds.size(); ++r) {
      auto quiet = [&](std::size_t k) {
        return k > 0 && k < rounds.size() && rounds[k].moves.empty() && rounds[k].mean == rounds[k - 1].mean &&
               rounds[k].median == rounds[k - 1].median;
      };
      if (quiet(r)) {
        std::size_t last = r;
        while (quiet(last + 1)) ++last;
        if (last > r) {
          std::snprintf(line, sizeof line, "  rounds %s-%s  no moves; mean and median as in %s\n",
                        rounds[r].label.substr(6).c_str(), rounds[last].label.substr(6).c_str(),
                        rounds[r - 1].label.c_str());
          out << line;
          r = last;
          continue;
        }
      }
      std::snprintf(line, sizeof line, "  %-9s mean %10.6f   median %10.4f\n", rounds[r].label.c_str(), rounds[r].mean,
                    rounds[r].median);
      out << line;
      // A negotiation of 150 actors makes hundreds of moves a round: a few tell the story.
      constexpr std::size_t kMovesShown = 10;
      const auto& moves = rounds[r].moves;
      for (std::size_t k = 0; k < std::min(moves.size(), kMovesShown); ++k) {
        const EventRecord* m = moves[k];
        const std::size_t comma = m->actors.find(',');
        const std::string mover = m->actors.substr(0, comma), toward = m->actors.substr(comma + 1);
        const std::string kind = m->outcome.substr(0, m->outcome.find(' '));
        const char* verb = kind == "confrontation" ? "loses a confrontation to"
                           : kind == "compromise"  ? "compromises with"
                                                   : "capitulates to";
        std::snprintf(line, sizeof line, "      %s %s %s (-> %.4f)\n", mover.c_str(), verb, toward.c_str(), m->value);
        out << line;
      }
      if (moves.size() > kMovesShown)
        out << "      … and " << moves.size() - kMovesShown
            << " more moves (the events table has them all, as eum-move rows)\n";
    }
  }
  for (const auto& [name, dates] : more_meetings)
    out << "… " << name << " met " << dates.size() << " more time" << (dates.size() == 1 ? "" : "s")
        << " in replicate 0 (from " << *dates.begin() << " to " << *dates.rbegin()
        << "); the events table has their rounds too (eum-mean, eum-median and eum-move rows)\n";
  std::snprintf(line, sizeof line, "Wall time: %.3f s\n", wall_seconds);
  out << line;
}

}  // namespace diplosim
