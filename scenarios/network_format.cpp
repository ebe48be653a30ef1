#include "scenarios/network_format.h"

#include <cctype>
#include <filesystem>

#include "scenarios/csv_rows.h"

namespace diplosim {

namespace {

// The advice: the NetworkX reader for the format, then one link a line with the
// agents named by their labels.
std::string Convert(const std::string& what, const std::string& path, const std::string& read) {
  const std::filesystem::path p(path);
  const std::string out = (p.parent_path() / (p.stem().string() + "-edges.csv")).string();
  return "this is " + what + "; diplosim reads edge lists, one link a line (docs/scenario-language.md, " +
         "populations): convert it with NetworkX (Debian's python3-networkx), e.g. python3 -c \"import networkx as "
         "nx; nx.write_edgelist(" +
         read + ", '" + out +
         "', delimiter=',', data=False)\", and read that with ids: labels (and directed: false if the graph is "
         "undirected)";
}

// The header names an edge list's columns (from/source and to/target).
bool NamesLinkColumns(const std::string& line) {
  bool from = false, to = false;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t end = line.find_first_of(",;", start);
    if (end == std::string::npos) end = line.size();
    std::string cell = line.substr(start, end - start);
    std::erase_if(cell, [](char c) { return c == '"' || std::isspace(static_cast<unsigned char>(c)); });
    from = from || cell == "from" || cell == "source";
    to = to || cell == "to" || cell == "target";
    start = end + 1;
  }
  return from && to;
}

}  // namespace

std::optional<std::string> ForeignNetworkFormat(std::string_view first_line, const std::string& path) {
  while (!first_line.empty() && std::isspace(static_cast<unsigned char>(first_line.front())))
    first_line.remove_prefix(1);
  const std::string line = Lower(first_line.substr(0, 64));
  const std::string quoted = "'" + path + "'";
  if (line.starts_with("*vertices") || line.starts_with("*network") || line.starts_with("*arcs") ||
      line.starts_with("*edges"))
    return Convert("a Pajek .net file", path, "nx.read_pajek(" + quoted + ")");
  if (line.starts_with("<?xml") || line.starts_with("<graphml") || line.starts_with("<gexf")) {
    // The XML declaration does not say which; the name usually does.
    if (line.find("gexf") != std::string::npos || Lower(std::filesystem::path(path).extension().string()) == ".gexf")
      return Convert("a GEXF file (Gephi)", path, "nx.read_gexf(" + quoted + ")");
    return Convert("an XML file (GraphML)", path, "nx.read_graphml(" + quoted + ")");
  }
  if (line.starts_with("graph [") || line.starts_with("graph[") || line.starts_with("creator "))
    return Convert("a GML file", path, "nx.read_gml(" + quoted + ", label=None)");
  if (line.starts_with("{") || line.starts_with("["))
    return Convert("JSON (a node-link graph, as D3 and NetworkX write)", path,
                   "nx.node_link_graph(__import__('json').load(open(" + quoted + ")))");
  // An adjacency matrix: a header of names over a square of numbers, its first cell
  // empty. (pandas' index column is empty too, over an edge list's own column names.)
  if ((line.starts_with(",") || line.starts_with(";") || line.starts_with("\"\",")) && !NamesLinkColumns(line))
    return Convert("an adjacency matrix (a header of names over a square of numbers)", path,
                   "nx.from_pandas_adjacency(__import__('pandas').read_csv(" + quoted + ", index_col=0))");
  return std::nullopt;
}

}  // namespace diplosim
