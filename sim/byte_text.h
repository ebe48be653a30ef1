#pragma once

#include <string>

namespace diplosim {

// "1.2 GB", "340 KB", "720 B" (powers of 1000): sizes in messages, which the
// loader and the CLI both write.
std::string HumanBytes(double bytes);

}  // namespace diplosim
