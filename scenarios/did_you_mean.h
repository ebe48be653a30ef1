#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace diplosim {

// Optimal-string-alignment edit distance (Damerau–Levenshtein restricted to
// adjacent transpositions), case-insensitive.
int EditDistance(std::string_view a, std::string_view b);

// The closest candidate within a distance that scales with the word's length,
// or "" if none is close enough to be a plausible typo.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

// "a, b, c": the accepted names, for "expected one of: …" in messages.
std::string JoinNames(const std::vector<std::string>& names);

// " (did you mean 'x'?)" or "" — ready to append to a message.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

// A name a method is also known by, far from its own by spelling but not by
// meaning ("latin" for lhs): the name to suggest, and what it is.
struct OtherName {
  const char* name;
  const char* what;
};
// DidYouMean, which first looks `word` up among `others` (keys in lower case
// with '_' for '-' and spaces): " (did you mean 'lhs', Latin hypercube?)".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates,
                       const std::map<std::string, OtherName>& others);

}  // namespace diplosim
