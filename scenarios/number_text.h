#pragma once

#include <string>

namespace diplosim {

// A number as short text for people: messages and tables ("%g": 0.5, 1e+06).
std::string ShortNumber(double v);

// A number as text that parses back to the same double ("%.17g"): for values
// written into a scenario tree or a design file and read again.
std::string ExactNumber(double v);

}  // namespace diplosim
