#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace diplosim {

// Network files in formats diplosim does not read (Pajek, GraphML, GEXF, GML,
// JSON node-link, an adjacency matrix), told from their first line. The
// message names the format and the NetworkX line that turns the file into an
// edge list; nullopt for anything else (the edge-list reader's own errors
// then apply).
std::optional<std::string> ForeignNetworkFormat(std::string_view first_line, const std::string& path);

}  // namespace diplosim
