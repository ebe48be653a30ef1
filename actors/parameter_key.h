#pragma once

#include <cstdint>
#include <string_view>

namespace diplosim {

// A model parameter's name, hashed when the program is compiled. Models look
// their parameters up by name inside the step loop; comparing hashes instead of
// strings keeps that lookup to a few integer compares. The constructor is
// consteval, so only names written in the source (string literals) qualify.
class ParameterKey {
 public:
  consteval ParameterKey(const char* name) : hash_(Hash(name)) {}  // NOLINT: implicit by design

  // FNV-1a, 64 bits: also used at run time to hash the names a model declares.
  static constexpr std::uint64_t Hash(std::string_view name) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : name) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
    return h;
  }

  constexpr std::uint64_t hash() const { return hash_; }

 private:
  std::uint64_t hash_;
};

}  // namespace diplosim
