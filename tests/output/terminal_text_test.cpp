#include "output/terminal_text.h"

#include <gtest/gtest.h>

#include <string>

namespace diplosim {
namespace {

TEST(TerminalText, KeepsPrintableTextLineFeedsTabsAndUtf8) {
  const std::string text = "Assad's future — \"high\"\n\tÜnïcode ☃ 100% $x$";
  EXPECT_EQ(TerminalText(text), text);
}

TEST(TerminalText, EscapesEveryOtherC0ControlAndDelete) {
  EXPECT_EQ(TerminalText("a\x1b[2Jb"), "a\\x1b[2Jb");
  EXPECT_EQ(TerminalText("\r\a\b\x7f"), "\\x0d\\x07\\x08\\x7f");
  EXPECT_EQ(TerminalText(std::string("nul\0end", 7)), "nul\\x00end");
  for (int c = 0; c < 0x20; ++c) {
    const std::string shown = TerminalText(std::string(1, static_cast<char>(c)));
    if (c == '\n' || c == '\t')
      EXPECT_EQ(shown.size(), 1u);
    else
      EXPECT_EQ(shown.find_first_of(std::string("\0\x1b", 2)), std::string::npos) << c;
  }
}

TEST(TerminalText, EscapesC1ControlsButNotTheLettersBeside) {
  EXPECT_EQ(TerminalText("\xc2\x9b"
                         "31m"),
            "\\u009b31m");  // CSI
  EXPECT_EQ(TerminalText("\xc2\x9d"
                         "0;t\xc2\x9c"),
            "\\u009d0;t\\u009c");                                   // OSC … ST
  EXPECT_EQ(TerminalText("\xc2\xa0\xc2\xa9"), "\xc2\xa0\xc2\xa9");  // no-break space, ©: printable
  EXPECT_EQ(TerminalText("\xc2"), "\xc2");                          // a lone lead byte is left as it is
}

}  // namespace
}  // namespace diplosim
