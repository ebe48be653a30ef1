#pragma once

#include <string>
#include <string_view>

namespace diplosim {

// What most likely went wrong, in plain words, for a YAML syntax error that
// yaml-cpp reports as e.g. "illegal map value" or "end of map flow not found"
// on 1-based `line` of `text`. Looks for the usual slips: a '{', '['
// or quote never closed (named with where it was opened), a tab in the
// indentation, "key:value" without a space, a value holding ": " unquoted,
// a line indented to no level above it, and "- " items mixed with "key:"
// entries. Returns "" when none applies.
std::string YamlSyntaxHint(std::string_view text, int line);

}  // namespace diplosim
