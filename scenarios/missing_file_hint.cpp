#include "scenarios/missing_file_hint.h"

#include <filesystem>
#include <system_error>
#include <vector>

#include "scenarios/did_you_mean.h"

namespace diplosim {

namespace fs = std::filesystem;

std::string MissingFileHint(const std::string& path) {
  if (path == "-") return " (a scenario or table is not read from standard input; give its file's path)";
  std::error_code ec;
  const fs::path given(path);
  std::string hint;
  // Relative, or through '..': the place itself, plainly.
  const fs::path absolute = fs::absolute(given, ec).lexically_normal();
  if (!ec && absolute.string() != path) hint = "looked for at '" + absolute.string() + "'";
  const fs::path folder = given.has_parent_path() ? given.parent_path() : fs::path(".");
  if (!fs::is_directory(folder, ec)) {
    hint += (hint.empty() ? "" : "; ") + std::string("its folder '") + folder.string() + "' does not exist";
    return hint.empty() ? hint : " (" + hint + ")";
  }
  // A folder of many thousand files is not searched: the hint is not worth the wait.
  constexpr int kMaxEntries = 5000;
  std::vector<std::string> names;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end && static_cast<int>(names.size()) < kMaxEntries;
       it.increment(ec))
    names.push_back(it->path().filename().string());
  // A name of a character or two is close to too much for a guess to help.
  const std::string name = given.filename().string();
  const std::string close = name.size() < 3 ? std::string() : ClosestMatch(name, names);
  if (!close.empty())
    hint += (hint.empty() ? "" : "; ") + std::string("did you mean '") +
            (given.has_parent_path() ? (given.parent_path() / close).string() : close) + "'?";
  return hint.empty() ? hint : " (" + hint + ")";
}

}  // namespace diplosim
