#pragma once

#include <string>
#include <string_view>

namespace diplosim {

// What a date that is not YYYY-MM-DD probably meant, for the error message:
// dates pasted from spreadsheets and event data come as 2020-1-5, 20200105,
// 5.1.2020, 05/01/2020 (ambiguous: both readings are named), 2020-01-05T12:00Z
// or "5 January 2020". Returns e.g. " (did you mean 2020-01-05?)", a note for
// an impossible day (" (2020-02 has 29 days)"), or "" when nothing fits.
std::string DateHint(std::string_view text);

}  // namespace diplosim
