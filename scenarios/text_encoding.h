#pragma once

#include <string>
#include <string_view>

namespace diplosim {

// Every input file (scenario, profile, stakeholder table, edge list, design)
// must be UTF-8 text. Spreadsheets often save UTF-16 ("Unicode text") or
// Windows-1252 instead, which would otherwise surface as a garbled header or a
// mangled actor name; this names the encoding it sees and how to convert.
// Throws ScenarioError at the first offending byte (line and column in
// characters). A UTF-8 byte-order mark is accepted.
void CheckTextEncoding(std::string_view text, const std::string& file);

}  // namespace diplosim
