#include "scenarios/id_from_name.h"

#include <cctype>
#include <cstdint>

namespace diplosim {

namespace {

// U+00C0 to U+00FF: each letter's unaccented spelling ('_' for × and ÷).
constexpr const char* kLatin1[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",  //
    "D", "N", "O", "O", "O", "O", "O",  "_", "O", "U", "U", "U", "U", "Y", "TH", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  //
    "d", "n", "o", "o", "o", "o", "o",  "_", "o", "u", "u", "u", "u", "y", "th", "y"};

// U+0100 to U+017F (Latin Extended-A: Czech, Polish, Turkish, Baltic, …), one
// base letter each (from Unicode's decompositions; Ł, Đ, ı and the like by hand).
constexpr char kLatinExtendedA[] =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlL"
    "lLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
static_assert(sizeof kLatinExtendedA == 0x80 + 1);

// The code point starting at name[i], advancing i past it.
std::uint32_t NextCodePoint(const std::string& name, std::size_t& i) {
  const auto c = static_cast<unsigned char>(name[i++]);
  const int extra = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
  std::uint32_t cp = extra == 0 ? c : c & (0x3f >> extra);
  for (int k = 0; k < extra && i < name.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(name[i++]) & 0x3f);
  return cp;
}

}  // namespace

std::string IdFromName(const std::string& name) {
  std::string id;
  for (std::size_t i = 0; i < name.size();) {
    const std::uint32_t cp = NextCodePoint(name, i);
    if (cp < 0x80 && (std::isalnum(static_cast<int>(cp)) || cp == '_' || cp == '-'))
      id += static_cast<char>(cp);
    else if (cp >= 0xc0 && cp <= 0xff)
      id += kLatin1[cp - 0xc0];
    else if (cp >= 0x100 && cp <= 0x17f)
      id += kLatinExtendedA[cp - 0x100];
    else
      id += '_';
  }
  if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0]))) id = "a_" + id;
  return id.substr(0, 64);
}

}  // namespace diplosim
