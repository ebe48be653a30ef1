#include "scenarios/date_hint.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

#include "scenarios/number_text.h"
#include "sim/date.h"

namespace diplosim {

namespace {

struct Ymd {
  int y, m, d;
};

std::string Iso(const Ymd& v) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", v.y, v.m, v.d);
  return out;
}

bool Valid(const Ymd& v) { return v.y >= 1 && v.y <= 9999 && Date::Parse(Iso(v)).has_value(); }

int DaysInMonth(int y, int m) {
  for (int d = 31; d >= 28; --d)
    if (Valid(Ymd{y, m, d})) return d;
  return 0;
}

// Splits into runs of digits and runs of letters; anything else separates.
std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (char c : text) {
    const bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
    const bool alpha = std::isalpha(static_cast<unsigned char>(c)) != 0;
    if (!digit && !alpha) {
      flush();
      continue;
    }
    if (!cur.empty() && (std::isdigit(static_cast<unsigned char>(cur.back())) != 0) != digit) flush();
    cur += c;
  }
  flush();
  return out;
}

// "jan", "January", "Sept" -> 1..12; 0 for anything else.
int MonthNumber(std::string word) {
  static constexpr std::array<const char*, 12> kNames = {"january", "february", "march",     "april",
                                                         "may",     "june",     "july",      "august",
                                                         "september", "october", "november", "december"};
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (word.size() < 3) return 0;
  for (std::size_t m = 0; m < kNames.size(); ++m)
    if (std::string_view(kNames[m]).substr(0, word.size()) == word) return static_cast<int>(m) + 1;
  return 0;
}

std::string Suggest(const Ymd& v) {
  if (Valid(v)) return " (did you mean " + Iso(v) + "?)";
  if (v.m >= 1 && v.m <= 12 && v.d > 28 && v.d <= 31) {
    char ym[16];
    std::snprintf(ym, sizeof ym, "%04d-%02d", v.y, v.m);
    return std::string(" (") + ym + " has " + std::to_string(DaysInMonth(v.y, v.m)) + " days)";
  }
  return "";
}

}  // namespace

std::string DateHint(std::string_view text) {
  std::vector<std::string> t = Tokens(text);
  if (t.empty()) return "";
  // 20200105
  if (t.size() == 1 && t[0].size() == 8 && IsDigits(t[0]))
    return Suggest(Ymd{std::stoi(t[0].substr(0, 4)), std::stoi(t[0].substr(4, 2)), std::stoi(t[0].substr(6, 2))});
  // "May 26" alone: in a {…} mapping YAML cuts "May 26, 2013" at the comma.
  if (t.size() == 2) {
    const bool day_last = IsDigits(t[1]);
    const std::string& word = day_last ? t[0] : t[1];
    const std::string& number = day_last ? t[1] : t[0];
    const int month = MonthNumber(word);
    const int day = IsDigits(number) && number.size() <= 2 ? std::stoi(number) : 0;
    if (month && day >= 1 && day <= 31) {
      char md[8];
      std::snprintf(md, sizeof md, "%02d-%02d", month, day);
      return std::string(
                 " (a date needs its year; unquoted in a {…} mapping, 'Month day, year' is cut at the "
                 "comma: write YYYY-") +
             md + ")";
    }
  }
  if (t.size() < 3) return "";
  // Numbers only: year first (2020-1-5, 2020-01-05T12:00Z: a time of day is dropped) or last (5.1.2020, 05/01/2020).
  const bool numeric = IsDigits(t[0]) && IsDigits(t[1]) && IsDigits(t[2]) && t[0].size() <= 4 &&
                       t[1].size() <= 4 && t[2].size() <= 4;
  if (numeric) {
    const int a = std::stoi(t[0]), b = std::stoi(t[1]), c = std::stoi(t[2]);
    if (t[0].size() == 4) return Suggest(Ymd{a, b, c});
    if (t[2].size() != 4) return "";
    const Ymd day_first{c, b, a}, month_first{c, a, b};
    if (Valid(day_first) && Valid(month_first) && a != b)
      return " (did you mean " + Iso(day_first) + " (day first) or " + Iso(month_first) + " (month first)?)";
    return Suggest(Valid(day_first) || a > 12 ? day_first : month_first);
  }
  // A month name: "5 January 2020", "January 5, 2020", "Jan 5 2020".
  int month = 0, day = -1, year = -1;
  for (const std::string& tok : t) {
    if (!IsDigits(tok)) {
      if (!month) month = MonthNumber(tok);
      continue;
    }
    if (tok.size() == 4 && year < 0)
      year = std::stoi(tok);
    else if (tok.size() <= 2 && day < 0)
      day = std::stoi(tok);
  }
  if (month && day > 0 && year > 0) return Suggest(Ymd{year, month, day});
  return "";
}

}  // namespace diplosim
