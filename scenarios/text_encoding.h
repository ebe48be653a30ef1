#pragma once

#include <cstddef>
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

// `text` cut to at most `max_bytes` bytes for a message, ending in "..." when
// cut (max_bytes ≥ 3). The cut falls between characters: a byte count alone can split a
// multi-byte UTF-8 character (an Arabic or accented name), and the half left
// shows as '\uFFFD' or breaks whatever reads the message as UTF-8.
std::string ShortenedForMessage(std::string_view text, std::size_t max_bytes);

}  // namespace diplosim
