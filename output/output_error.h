#pragma once

#include <stdexcept>

namespace diplosim {

// A result file could not be written or read (exists without --force, folder
// not writable, disk full, not a diplosim file, incompatible format version).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace diplosim
