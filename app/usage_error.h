#pragma once

#include <stdexcept>

namespace diplosim {

// Bad command-line usage (unknown option, missing argument, invalid value).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace diplosim
