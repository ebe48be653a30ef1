#pragma once

#include <string>
#include <string_view>

namespace diplosim {

// Text from a scenario or a result file as a terminal may show it: control
// characters other than line feed and tab are written as escapes (\x1b for
// ESC, \u009b for a C1 control such as CSI in UTF-8), so a title, label or
// quoted value cannot move the cursor, recolour or clear the screen, or set
// the window title. Everything else, UTF-8 included, is kept.
std::string TerminalText(std::string_view text);

}  // namespace diplosim
