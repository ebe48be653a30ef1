#include "scenarios/number_text.h"

#include <cctype>
#include <cstdio>

namespace diplosim {

namespace {
std::string Printed(const char* format, double v) {
  char buf[32];  // %.17g needs at most 24 characters
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}
}  // namespace

std::string ShortNumber(double v) { return Printed("%g", v); }

std::string ExactNumber(double v) { return Printed("%.17g", v); }

bool IsDigits(std::string_view text) {
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !text.empty();
}

}  // namespace diplosim
