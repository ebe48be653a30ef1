#pragma once

#include <string>

namespace diplosim {

// A place in an input file, 1-based like a compiler's (yaml-cpp marks are 0-based).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  std::string ToString() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
};

}  // namespace diplosim
