#include "scenarios/text_encoding.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "scenarios/scenario_error.h"

namespace diplosim {

namespace {

[[noreturn]] void Fail(const std::string& file, int line, int column, std::string message) {
  throw ScenarioError({Diagnostic{SourceLocation{file, line, column}, std::move(message)}});
}

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// The wide encodings, told by their byte-order mark, or (without one) by the
// zero bytes that every ASCII character brings along: ASCII text in UTF-16LE
// has a zero at each odd offset, in UTF-16BE at each even one.
struct WideText {
  const char* described;  // for the message
  const char* iconv_name;  // for the command that converts it
};

std::optional<WideText> WideEncoding(std::string_view text) {
  using namespace std::string_view_literals;
  if (StartsWith(text, "\xff\xfe\0\0"sv) || StartsWith(text, "\0\0\xfe\xff"sv))
    return WideText{"UTF-32", "UTF-32"};
  if (StartsWith(text, "\xff\xfe"sv) || StartsWith(text, "\xfe\xff"sv)) return WideText{"UTF-16", "UTF-16"};
  const std::size_t n = std::min<std::size_t>(text.size(), 256) / 2 * 2;
  if (n < 4) return std::nullopt;
  std::size_t zero_odd = 0, zero_even = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (text[i] == '\0') ++(i % 2 ? zero_odd : zero_even);
  // At least three quarters of the characters in the sample are ASCII.
  if (zero_even == 0 && zero_odd * 8 >= n * 3)
    return WideText{"UTF-16 (little-endian, no byte-order mark)", "UTF-16LE"};
  if (zero_odd == 0 && zero_even * 8 >= n * 3)
    return WideText{"UTF-16 (big-endian, no byte-order mark)", "UTF-16BE"};
  return std::nullopt;
}

// How to save it right: spreadsheets for tables, editors for YAML.
std::string SaveAdvice(const std::string& file) {
  const auto dot = file.find_last_of('.');
  const std::string ext = dot == std::string::npos ? "" : file.substr(dot);
  if (ext == ".yaml" || ext == ".yml") return "or save it as UTF-8 from your editor";
  return "or save it from the spreadsheet as 'CSV UTF-8'";
}

std::string ByteHex(unsigned char c) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02x", c);
  return hex;
}

// A lone byte from 0xa0 to 0xff is, in Latin-1 and Windows-1252, the code
// point of the same number: show which letter the file probably meant.
std::string Latin1Guess(unsigned char c) {
  if (c < 0xa0) return "";
  const char utf8[3] = {static_cast<char>(0xc0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3f)), '\0'};
  return std::string(" ('") + utf8 + "' in Windows-1252)";
}

// Files that are not text at all, told by their first bytes: advice about
// encodings would only mislead. nullopt for anything else.
std::optional<std::string> BinaryFile(std::string_view text) {
  using namespace std::string_view_literals;
  if (StartsWith(text, "\x89HDF\r\n\x1a\n"sv))
    return "an HDF5 file (a diplosim result?), not text; expected a scenario or table (YAML or CSV); "
           "'diplosim info FILE' shows a result";
  if (StartsWith(text, "PK\x03\x04"sv))
    return "a zip archive (an Excel .xlsx or OpenDocument workbook?), not text; expected CSV or YAML: save the "
           "sheet as 'CSV UTF-8'";
  if (StartsWith(text, "\xd0\xcf\x11\xe0"sv))
    return "an old Office file (an Excel .xls workbook?), not text; expected CSV or YAML: save the sheet as "
           "'CSV UTF-8'";
  if (StartsWith(text, "\x1f\x8b"sv)) return "gzip-compressed, not text; expected it decompressed (gunzip)";
  if (StartsWith(text, "%PDF"sv)) return "a PDF document, not text; expected a scenario or table (YAML or CSV)";
  return std::nullopt;
}

// Text in any 8-bit encoding has hardly any control bytes besides tab, line
// feed and carriage return; binary data has them at random (1 in 9 bytes).
bool LooksBinary(std::string_view text) {
  const std::string_view head = text.substr(0, 4096);
  std::size_t control = 0;
  for (char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ++control;
  }
  return control * 100 > head.size();
}

}  // namespace

void CheckTextEncoding(std::string_view text, const std::string& file) {
  if (const auto binary = BinaryFile(text)) Fail(file, 1, 1, "the file is " + *binary);
  if (const auto wide = WideEncoding(text))
    Fail(file, 1, 1,
         std::string("the file is ") + wide->described + " text; expected UTF-8: convert it (iconv -f " +
             wide->iconv_name + " -t UTF-8 '" + file + "' > new-file), " + SaveAdvice(file));
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    bool ok = len > 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (ok && len == 2) ok = c >= 0xc2;  // no overlong encodings
    if (!ok && LooksBinary(text))
      Fail(file, line, column, "invalid UTF-8 byte " + ByteHex(c) + " among control bytes: binary data, not text; "
                               "expected a text file (YAML or CSV)");
    if (!ok)
      Fail(file, line, column,
           "invalid UTF-8 byte " + ByteHex(c) + Latin1Guess(c) +
               "; expected a UTF-8 text file: if it was saved as Windows-1252 or Latin-1, convert it (iconv -f "
               "WINDOWS-1252 -t UTF-8 '" + file + "' > new-file), " + SaveAdvice(file));
    if (c == 0) Fail(file, line, column, "NUL byte in file; expected a text file");
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
}

std::string ShortenedForMessage(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  constexpr std::string_view kEllipsis = "...";
  std::size_t cut = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  // Back up past continuation bytes (10xxxxxx) to the start of a character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + std::string(kEllipsis);
}

}  // namespace diplosim
