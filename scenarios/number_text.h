#pragma once

#include <string>
#include <string_view>

namespace diplosim {

// A number as short text for people: messages and tables ("%g": 0.5, 1e+06).
std::string ShortNumber(double v);

// The shortest text that parses back to the same double (std::to_chars): for
// values written into a scenario tree or a design file and read again.
std::string ExactNumber(double v);

// Whether `text` is one or more ASCII digits (a whole number without sign).
bool IsDigits(std::string_view text);

}  // namespace diplosim
