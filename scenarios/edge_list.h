#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scenarios/scenario_error.h"
#include "scenarios/source_location.h"
#include "sim/network.h"

namespace diplosim {

// How a population's network file is to be read.
struct EdgeListOptions {
  bool directed = true;      // false: each listed link is heard both ways
  bool labels = false;       // agents are named by any text, numbered in order of first appearance
  int size = 0;              // agents in the population; 0: as many as the file names
  long long max_agents = 0;  // with size 0: the most agents the file may name
};

// Reads a network from a file of links, whatever tool wrote it. The layout is
// told from the text:
//  - Matrix Market coordinate (`%%MatrixMarket matrix coordinate …`, as
//    SuiteSparse and Network Repository publish graphs): agents 1..M, a
//    `symmetric` matrix read as undirected;
//  - CSV, when the first line that is not a comment holds a comma;
//  - otherwise fields separated by spaces or tabs (SNAP, NetworkX, igraph).
// One link a line: from, to and an optional weight ≥ 0 (default 1). A title
// line is optional; it names the columns from|source, to|target and weight
// (any case; other columns are ignored). Lines starting with # or % are
// comments. Errors name the file's line and column, at most five per file.
std::optional<Network> ReadEdgeList(const std::string& path, const SourceLocation& named_at,
                                    const EdgeListOptions& options, Diagnostics& diags);

// The same for a file's text already read; `file` names it in errors.
std::optional<Network> ParseEdgeList(std::string_view text, const std::string& file, const EdgeListOptions& options,
                                     Diagnostics& diags);

}  // namespace diplosim
