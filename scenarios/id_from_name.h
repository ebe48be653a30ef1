#pragma once

#include <string>

namespace diplosim {

// An actor id from a display name (a stakeholder table's Actor column). Ids are
// ASCII ([A-Za-z0-9_-], starting with a letter, at most 64), while names come
// from spreadsheets in any language: accented Latin letters lose their accents
// (Württemberg -> Wurttemberg, Türkiye -> Turkiye, Łódź -> Lodz, ß -> ss), and
// every other character outside the id alphabet, one per character rather than
// per UTF-8 byte, becomes '_'. A leading non-letter gets an "a_" prefix.
// `name` must be valid UTF-8 (CheckTextEncoding has passed it).
std::string IdFromName(const std::string& name);

}  // namespace diplosim
