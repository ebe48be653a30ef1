#include "scenarios/text_encoding.h"

#include <gtest/gtest.h>

#include <string>

#include "scenarios/scenario_error.h"

namespace diplosim {
namespace {

using namespace std::string_literals;

// The message CheckTextEncoding throws for `text`, or "" when it accepts it.
std::string Complaint(const std::string& text, const std::string& file = "table.csv") {
  try {
    CheckTextEncoding(text, file);
    return "";
  } catch (const ScenarioError& e) {
    return e.what();
  }
}

// "from,to\n0,1\n" the way each wide encoding stores it.
std::string Widen(const std::string& ascii, bool little, int width) {
  std::string out;
  for (char c : ascii) {
    std::string unit(static_cast<std::size_t>(width), '\0');
    unit[little ? 0 : width - 1] = c;
    out += unit;
  }
  return out;
}

TEST(TextEncoding, AcceptsUtf8WithOrWithoutByteOrderMark) {
  EXPECT_EQ(Complaint("Actor,Power\nWürttemberg,8\nΑθήνα,3\n"), "");
  EXPECT_EQ(Complaint("\xef\xbb\xbf" "Actor,Power\nBavaria,10\n"), "");
  EXPECT_EQ(Complaint(""), "");
  EXPECT_EQ(Complaint("a"), "");
  EXPECT_EQ(Complaint("emoji: \xf0\x9f\x98\x80\n"), "");
}

TEST(TextEncoding, NamesUtf16AndUtf32ByTheirByteOrderMarks) {
  const std::string body = "from,to\n0,1\n";
  const std::string le16 = "\xff\xfe"s + Widen(body, true, 2);
  const std::string be16 = "\xfe\xff"s + Widen(body, false, 2);
  const std::string le32 = "\xff\xfe\0\0"s + Widen(body, true, 4);
  EXPECT_NE(Complaint(le16).find("table.csv:1:1: error: the file is UTF-16 text; expected UTF-8: convert it "
                                 "(iconv -f UTF-16 -t UTF-8 'table.csv' > new-file), or save it from the "
                                 "spreadsheet as 'CSV UTF-8'"),
            std::string::npos)
      << Complaint(le16);
  EXPECT_NE(Complaint(be16).find("the file is UTF-16 text"), std::string::npos);
  EXPECT_NE(Complaint(le32).find("the file is UTF-32 text; expected UTF-8: convert it (iconv -f UTF-32 "),
            std::string::npos);
}

TEST(TextEncoding, TellsUtf16WithoutAByteOrderMarkByItsZeroBytes) {
  const std::string body = "calendar: {start: 2020-01-01}\n";
  EXPECT_NE(Complaint(Widen(body, true, 2), "s.yaml").find("UTF-16 (little-endian, no byte-order mark) text; "
                                                            "expected UTF-8: convert it (iconv -f UTF-16LE"),
            std::string::npos);
  EXPECT_NE(Complaint(Widen(body, false, 2), "s.yaml").find("(iconv -f UTF-16BE -t UTF-8 's.yaml' > new-file), or "
                                                             "save it as UTF-8 from your editor"),
            std::string::npos);
  // One stray zero byte in ASCII text is not UTF-16: it is reported where it is.
  EXPECT_NE(Complaint("from,to\n0,1\n1,\0002\n"s).find("table.csv:3:3: error: NUL byte in file"), std::string::npos)
      << Complaint("from,to\n0,1\n1,\0002\n"s);
}

TEST(TextEncoding, LocatesALoneLatin1ByteAndShowsTheLetterItProbablyIs) {
  const std::string text = "Actor,Power\nW\xfcrttemberg,8\n";
  EXPECT_NE(Complaint(text).find("table.csv:2:2: error: invalid UTF-8 byte 0xfc ('ü' in Windows-1252); expected a "
                                 "UTF-8 text file: if it was saved as Windows-1252 or Latin-1, convert it (iconv -f "
                                 "WINDOWS-1252 -t UTF-8 'table.csv' > new-file)"),
            std::string::npos)
      << Complaint(text);
  // Columns count characters: the two-byte ä before it is one column.
  EXPECT_NE(Complaint("ä\x80x").find("table.csv:1:2: error: invalid UTF-8 byte 0x80; expected"), std::string::npos)
      << Complaint("ä\x80x");
  // A sequence cut short at the end of the file, and an overlong encoding.
  EXPECT_NE(Complaint("ok \xe2\x82").find("1:4: error: invalid UTF-8 byte 0xe2"), std::string::npos);
  EXPECT_NE(Complaint("\xc0\xaf").find("1:1: error: invalid UTF-8 byte 0xc0"), std::string::npos);
}

// A result file, a workbook or compressed data handed over as a scenario or
// table: named for what it is, not given advice about text encodings.
TEST(TextEncoding, NamesFilesThatAreNotTextAtAll) {
  const std::pair<std::string, const char*> cases[] = {
      {"\x89HDF\r\n\x1a\n\0\0\0"s, "the file is an HDF5 file (a diplosim result?), not text"},
      {"PK\x03\x04\x14\0\x06\0"s, "the file is a zip archive (an Excel .xlsx or OpenDocument workbook?), not text; "
                                  "expected CSV or YAML: save the sheet as 'CSV UTF-8'"},
      {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"s, "the file is an old Office file (an Excel .xls workbook?)"},
      {"\x1f\x8b\x08\0"s, "the file is gzip-compressed, not text; expected it decompressed (gunzip)"},
      {"%PDF-1.7\n"s, "the file is a PDF document, not text"},
  };
  for (const auto& [bytes, expected] : cases)
    EXPECT_NE(Complaint(bytes + "rest of the file").find(std::string("table.csv:1:1: error: ") + expected),
              std::string::npos)
        << Complaint(bytes);
  // Bytes of no known format, with control bytes among them: binary, not Latin-1.
  std::string noise = "x";
  for (int i = 0; i < 50; ++i) noise += "\x93\x01\xfe\x07\xa0\x10"s;
  EXPECT_NE(Complaint(noise).find("table.csv:1:2: error: invalid UTF-8 byte 0x93 among control bytes: binary data, "
                                  "not text"),
            std::string::npos)
      << Complaint(noise);
}

// Whether `text` is well-formed UTF-8 (no stray continuation or cut sequence).
bool IsUtf8(const std::string& text) {
  try {
    CheckTextEncoding(text, "message");
    return true;
  } catch (const ScenarioError&) {
    return false;
  }
}

TEST(ShortenedForMessage, KeepsShortTextAndCutsLongTextWithAnEllipsis) {
  EXPECT_EQ(ShortenedForMessage("tripoli", 40), "tripoli");
  EXPECT_EQ(ShortenedForMessage(std::string(40, 'x'), 40), std::string(40, 'x'));
  EXPECT_EQ(ShortenedForMessage(std::string(41, 'x'), 40), std::string(37, 'x') + "...");
}

TEST(ShortenedForMessage, NeverSplitsAMultiByteCharacter) {
  // "Ṭarābulus" repeated: 3-byte Ṭ, 2-byte ā. Every cut position is tried.
  std::string name;
  for (int k = 0; k < 8; ++k) name += "\u1E6Car\u0101bulus ";
  for (std::size_t max = 4; max < name.size(); ++max) {
    const std::string shown = ShortenedForMessage(name, max);
    EXPECT_LE(shown.size(), max) << max;
    EXPECT_TRUE(shown.ends_with("...")) << max;
    EXPECT_TRUE(IsUtf8(shown)) << "cut at " << max << ": " << shown;
    EXPECT_EQ(name.compare(0, shown.size() - 3, shown, 0, shown.size() - 3), 0) << max;  // a prefix of the name
  }
  // A 4-byte character (an emoji) straddling the cut is dropped whole.
  EXPECT_EQ(ShortenedForMessage("ab\U0001F600cdefgh", 8), "ab...");
}

}  // namespace
}  // namespace diplosim
