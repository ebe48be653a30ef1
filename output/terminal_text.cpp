#include "output/terminal_text.h"

namespace diplosim {

namespace {
constexpr char kHex[] = "0123456789abcdef";

void PutHex(std::string& out, const char* prefix, unsigned char byte) {
  out += prefix;
  out += kHex[byte >> 4];
  out += kHex[byte & 15];
}
}  // namespace

std::string TerminalText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t k = 0; k < text.size(); ++k) {
    const auto byte = static_cast<unsigned char>(text[k]);
    if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f) {
      PutHex(out, "\\x", byte);
    } else if (byte == 0xc2 && k + 1 < text.size() && static_cast<unsigned char>(text[k + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[k + 1]) <= 0x9f) {
      // U+0080–U+009F: C1 controls, which a terminal may act on as it does on ESC [.
      PutHex(out, "\\u00", static_cast<unsigned char>(text[++k]));
    } else {
      out += text[k];
    }
  }
  return out;
}

}  // namespace diplosim
