#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace diplosim {

// A civil date (proleptic Gregorian), stored as days since 1970-01-01 so that
// date arithmetic is integer arithmetic.
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(std::int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Accepts exactly YYYY-MM-DD; returns nullopt for anything else or an impossible day.
  static std::optional<Date> Parse(std::string_view text);

  constexpr std::int32_t days() const { return days_; }
  std::string ToString() const;  // YYYY-MM-DD

  constexpr Date operator+(std::int32_t d) const { return Date(days_ + d); }
  constexpr std::int32_t operator-(Date other) const { return days_ - other.days_; }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

}  // namespace diplosim
