#include "scenarios/did_you_mean.h"

#include <algorithm>
#include <cctype>

namespace diplosim {

int EditDistance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  // Long inputs (a pasted paragraph) cannot be a typo of a short key; skip the O(n·m) work.
  if (word.size() > 200) return "";
  // One edit for very short words, otherwise up to a third of the word (at least two).
  const int limit = word.size() <= 3 ? 1 : std::max(2, static_cast<int>(word.size()) / 3);
  std::string best;
  int best_distance = limit + 1;
  for (const auto& c : candidates) {
    const int dist = EditDistance(word, c);
    if (dist < best_distance) {
      best_distance = dist;
      best = c;
    }
  }
  // A shared prefix of 4+ characters (e.g. "jaysh" for "jaysh_al_islam") is also a good hint.
  if (best.empty() && word.size() >= 4) {
    for (const auto& c : candidates)
      if (c.size() > word.size() && c.compare(0, word.size(), word) == 0) return c;
  }
  // So is a whole later part of one compound name ("regime" for "incumbent_regime"),
  // when no other name has it.
  if (best.empty() && word.size() >= 4) {
    std::string part_of;
    for (const auto& c : candidates) {
      const std::string suffix = "_" + std::string(word);
      for (std::size_t at = c.find(suffix); at != std::string::npos; at = c.find(suffix, at + 1)) {
        const std::size_t end = at + suffix.size();
        if (end != c.size() && c[end] != '_') continue;
        if (!part_of.empty() && part_of != c) return "";  // two names have it: no guess
        part_of = c;
      }
    }
    return part_of;
  }
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string best = ClosestMatch(word, candidates);
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
  return all;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates,
                       const std::map<std::string, OtherName>& others) {
  std::string key;
  for (char c : word)
    key += c == '-' || c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (const auto it = others.find(key); it != others.end())
    return std::string(" (did you mean '") + it->second.name + "', " + it->second.what + "?)";
  return DidYouMean(word, candidates);
}

}  // namespace diplosim
