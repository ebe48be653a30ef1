#pragma once

#include <string>

namespace diplosim {

// What to add to "cannot open 'PATH'" when PATH does not exist: the absolute
// path a relative one (or one through '..') was looked for at (relative paths in a scenario are
// resolved from its own folder, which is easy to forget when a file is copied
// elsewhere), and the closest name in that folder, or that the folder itself
// is missing. Empty when there is nothing useful to say.
std::string MissingFileHint(const std::string& path);

}  // namespace diplosim
