#include "scenarios/number_text.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace diplosim {

namespace {
std::string Printed(const char* format, double v) {
  char buf[32];  // %g needs at most 13 characters
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}
}  // namespace

std::string ShortNumber(double v) { return Printed("%g", v); }

std::string ExactNumber(double v) {
  // The shortest text that reads back to the same double: 1.4, not %.17g's 1.3999999999999999.
  // Whole numbers are written out (1000000000 points, not 1e+09), as far as a double counts exactly.
  char buf[32];
  const bool whole = std::abs(v) < 1e17 && v == std::floor(v);
  const auto end = whole ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed).ptr
                         : std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

bool IsDigits(std::string_view text) {
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !text.empty();
}

}  // namespace diplosim
