// Reading a population's network from the files other tools write: every
// layout of the same links gives the same network, and every mistake is a
// located error.
#include "scenarios/edge_list.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include "scenarios/scenario.h"
#include "scenarios/scenario_error.h"

namespace diplosim {
namespace {

namespace fs = std::filesystem;

using Links = std::vector<std::tuple<int, int, double>>;

class EdgeList : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("diplosim-edge-list-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                        "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  // The network, or the error messages (one a line) with the file's path cut to its name.
  std::optional<Network> Read(const std::string& name, const std::string& text, EdgeListOptions options = {}) {
    if (options.max_agents == 0) options.max_agents = 1000;
    Diagnostics diags;
    const std::string path = Write(name, text);
    std::optional<Network> net = ReadEdgeList(path, {"scenario.yaml", 9, 5}, options, diags);
    errors_.clear();
    try {
      diags.ThrowIfAny();
    } catch (const ScenarioError& e) {
      for (const auto& d : e.diagnostics())
        errors_ += fs::path(d.location.file).filename().string() + ":" + std::to_string(d.location.line) + ":" +
                   std::to_string(d.location.column) + ": " + d.message + "\n";
    }
    EXPECT_EQ(net.has_value(), errors_.empty()) << errors_;
    return net;
  }

  static Links LinksOf(const Network& net) {
    Links out;
    for (const auto& e : net.edges) out.emplace_back(e.from, e.to, e.weight);
    return out;
  }

  fs::path dir_;
  std::string errors_;
};

// Four agents, directed, weighted: the links every layout below spells out.
const Links kLinks = {{0, 1, 2.0}, {1, 2, 0.5}, {3, 0, 1.0}, {2, 3, 4.0}};

TEST_F(EdgeList, EveryLayoutOfTheSameLinksGivesTheSameNetwork) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"plain.csv", "from,to,weight\n0,1,2\n1,2,0.5\n3,0,1\n2,3,4\n"},
      {"no-title.csv", "0,1,2\n1,2,0.5\n3,0,1\n2,3,4\n"},
      // Gephi's export: capitalised names, its own columns, quotes, a column order of its own.
      {"gephi.csv",
       "Source,Target,Type,Id,Label,Weight\n\"0\",\"1\",Directed,0,,2.0\n1,2,Directed,1,,0.5\n"
       "3,0,Directed,2,,1\n2,3,Directed,3,,4\n"},
      {"reordered.csv", "weight,target,source\n2,1,0\n0.5,2,1\n1,0,3\n4,3,2\n"},
      // A spreadsheet in a decimal-comma language: ';' between cells.
      {"semicolons.csv", "from;to;weight\n0;1;2\n1;2;0,5\n3;0;1\n2;3;4,0\n"},
      {"tabs.tsv", "from\tto\tweight\r\n0\t1\t2\r\n1\t2\t0.5\r\n3\t0\t1\r\n2\t3\t4\r\n"},
      // SNAP's layout: comment lines, no title, blanks of any width.
      {"snap.txt",
       "# Directed graph: test.txt\n# Nodes: 4 Edges: 4\n# FromNodeId\tToNodeId\n0 1  2\n1\t2 0.5\n\n3 0 1\n2 3 4\n"},
      {"matrix.mtx",
       "%%MatrixMarket matrix coordinate real general\n% a comment\n4 4 4\n1 2 2\n2 3 0.5\n4 1 1\n3 4 4\n"},
      {"blank-first.mtx",
       "\n  \n%%MatrixMarket matrix coordinate integer general\n4 4 4\n1 2 2\n2 3 0.5\n4 1 1\n3 4 4\n"},
      // pandas' to_csv without index=False: an unnamed first column of row numbers.
      {"pandas.csv", ",from,to,weight\n0,0,1,2\n1,1,2,0.5\n2,3,0,1\n3,2,3,4\n"},
  };
  for (const auto& [name, text] : files) {
    const auto net = Read(name, text);
    ASSERT_TRUE(net) << name << ": " << errors_;
    EXPECT_EQ(net->size, 4) << name;
    EXPECT_EQ(LinksOf(*net), kLinks) << name;
  }
}

TEST_F(EdgeList, UndirectedLinksAreHeardBothWays) {
  EdgeListOptions undirected;
  undirected.directed = false;
  const auto net = Read("snap.txt", "0 1\n1 2\n", undirected);
  ASSERT_TRUE(net) << errors_;
  EXPECT_EQ(LinksOf(*net), (Links{{0, 1, 1.0}, {1, 0, 1.0}, {1, 2, 1.0}, {2, 1, 1.0}}));
  // A symmetric Matrix Market file lists each link once; a pattern file has no weights.
  const auto mtx = Read("sym.mtx", "%%MatrixMarket matrix coordinate pattern symmetric\n3 3 2\n2 1\n3 2\n");
  ASSERT_TRUE(mtx) << errors_;
  EXPECT_EQ(LinksOf(*mtx), (Links{{1, 0, 1.0}, {0, 1, 1.0}, {2, 1, 1.0}, {1, 2, 1.0}}));
}

TEST_F(EdgeList, LabelsNumberAgentsInOrderOfFirstAppearance) {
  EdgeListOptions labels;
  labels.labels = true;
  const auto net = Read("names.csv", "source,target\nDouma,Harasta\n\"Arbin, east\",Douma\nHarasta,Zamalka\n", labels);
  ASSERT_TRUE(net) << errors_;
  EXPECT_EQ(net->size, 4);  // the size comes from the file
  EXPECT_EQ(LinksOf(*net), (Links{{0, 1, 1.0}, {2, 0, 1.0}, {1, 3, 1.0}}));
  // Node ids with gaps, as SNAP's often are: labels make them agents 0..n−1.
  const auto gaps = Read("gaps.txt", "1001 17\n17 99999\n", labels);
  ASSERT_TRUE(gaps) << errors_;
  EXPECT_EQ(gaps->size, 3);
  EXPECT_EQ(LinksOf(*gaps), (Links{{0, 1, 1.0}, {1, 2, 1.0}}));
  // A given size leaves room for agents without links, and no more names than that.
  labels.size = 6;
  const auto roomy = Read("gaps.txt", "1001 17\n17 99999\n", labels);
  ASSERT_TRUE(roomy) << errors_;
  EXPECT_EQ(roomy->size, 6);
  labels.size = 2;
  EXPECT_FALSE(Read("gaps.txt", "1001 17\n17 99999\n", labels));
  EXPECT_EQ(errors_, "gaps.txt:2:4: agent '99999' would be agent number 3 of the file; the population has size 2\n");
}

TEST_F(EdgeList, WithoutASizeTheHighestAgentNumberDecides) {
  const auto net = Read("links.txt", "0 1\n7 2\n");
  ASSERT_TRUE(net) << errors_;
  EXPECT_EQ(net->size, 8);
  EdgeListOptions sized;
  sized.size = 5;
  EXPECT_FALSE(Read("links.txt", "0 1\n7 2\n", sized));
  EXPECT_EQ(errors_, "links.txt:2:1: agent 7 is outside the population; expected 0..4 (size 5)\n");
  EdgeListOptions capped;
  capped.max_agents = 7;
  EXPECT_FALSE(Read("links.txt", "0 1\n7 2\n", capped));
  EXPECT_EQ(errors_, "links.txt:2:1: agent 7 is outside the population; expected 0..6 (the most agents populations may hold)\n");
}

TEST_F(EdgeList, MistakesAreLocatedWithTheExpectedForm) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"typo.csv", "form,to\n0,1\n",
       "typo.csv:1:1: column 'form' is not read; expected from|source, to|target, weight, or another tool's id, "
       "label, type, key, timeset, interval or interaction column (ignored) (did you mean 'from'?)\n"},
      {"half.csv", "source,weight\n0,1\n",
       "half.csv:1:1: the title line must name the columns from,to[,weight] or source,target[,weight]; got "
       "'source,weight'\n"},
      {"unknown.csv", "src,dst\n0,1\n",
       "unknown.csv:1:1: the title line must name the columns from,to[,weight] or source,target[,weight]; got "
       "'src,dst'\n"},
      {"weight.csv", "from,to,wieght\n0,1,2\n",
       "weight.csv:1:9: column 'wieght' is not read; expected from|source, to|target, weight, or another tool's id, "
       "label, type, key, timeset, interval or interaction column (ignored) (did you mean 'weight'?)\n"},
      {"twice.csv", "from,to,source\n0,1,2\n", "twice.csv:1:9: column 'source' repeats an earlier column\n"},
      {"networkx.txt", "0 1 {'weight': 2}\n",
       "networkx.txt:1:5: attribute dictionaries are not read; expected a weight or nothing (NetworkX: "
       "write_weighted_edgelist, or write_edgelist with data=False)\n"},
      {"wide.txt", "0 1 2 3\n", "wide.txt:1:1: this line has 4 fields; expected 2 or 3 (from,to[,weight])\n"},
      {"ragged.txt", "0 1\n1 2 0.5\n", "ragged.txt:2:1: this line has 3 fields; expected 2 (from,to)\n"},
      {"self.txt", "# loops\n2 2\n", "self.txt:2:1: agent 2 links to itself; self-links are implied (an agent keeps its anchor)\n"},
      {"weights.txt", "0 1 -1\n0 2 nan\n",
       "weights.txt:1:5: weight '-1' is not a number >= 0; expected e.g. 1 or 0.5\n"
       "weights.txt:2:5: weight 'nan' is not a number >= 0; expected e.g. 1 or 0.5\n"},
      {"name.txt", "0 Douma\n",
       "name.txt:1:3: 'Douma' is not an agent number; expected an integer in 0..999 (or ids: labels to name agents by "
       "any text)\n"},
      {"binary.bin", std::string("\x01\x02\x00\x7f", 4), "binary.bin:1:3: NUL byte in file; expected a text file\n"},
      {"control.bin", "\x01\x02\x1b\x7f",
       "control.bin:1:1: the title line must name the columns from,to[,weight] or source,target[,weight]; got '?\?\?\?'\n"},
      {"comments.txt", "# nothing but comments\n%\n\n",
       "comments.txt:1:1: the edge list is empty; expected one link per line (from,to[,weight]) after an optional "
       "title line\n"},
      {"title.csv", "from,to\n", "title.csv:1:1: the file names no agents; expected links, or the population's size\n"},
      {"array.mtx", "%%MatrixMarket matrix array real general\n2 2\n1\n0\n0\n1\n",
       "array.mtx:1:1: only a Matrix Market 'matrix coordinate' file describes a network; got "
       "'%%MatrixMarket,matrix,array,real,general'\n"},
      {"complex.mtx", "\n%%MatrixMarket matrix coordinate complex general\n2 2 1\n1 2 1 0\n",
       "complex.mtx:2:1: Matrix Market field 'complex' cannot be a link weight; expected real, integer or pattern\n"},
      {"skew.mtx", "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 1\n",
       "skew.mtx:1:1: Matrix Market symmetry 'skew-symmetric' does not describe a network; expected general or symmetric\n"},
      {"oblong.mtx", "%%MatrixMarket matrix coordinate real general\n2 3 1\n1 2 1\n",
       "oblong.mtx:2:1: a network's matrix is square; got 2 rows and 3 columns\n"},
      {"short.mtx", "%%MatrixMarket matrix coordinate real general\n3 3 3\n1 2 1\n2 3 1\n",
       "short.mtx:2:1: the size line promises 3 entries; the file has 2\n"},
      {"zero.mtx", "%%MatrixMarket matrix coordinate pattern general\n3 3 1\n0 2\n",
       "zero.mtx:3:1: agent 0 is outside the population; expected 1..3 (a matrix of 3 rows)\n"},
  };
  for (const auto& [name, text, expected] : cases) {
    EXPECT_FALSE(Read(name, text)) << name;
    EXPECT_EQ(errors_, expected) << name;
  }
}

// Other tools' network formats are named, with the NetworkX line that converts
// them (each line was run once by hand and the result loaded); they used to be
// "the title line must name the columns …; got '*Vertices,4'".
TEST_F(EdgeList, OtherNetworkFormatsAreNamedWithAConversion) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"karate.net", "*Vertices 2\n1 \"a\"\n2 \"b\"\n*Edges\n1 2\n", "a Pajek .net file"},
      {"g.graphml", "<?xml version=\"1.0\"?>\n<graphml>\n</graphml>\n", "an XML file (GraphML)"},
      {"g.gexf", "<?xml version=\"1.0\"?>\n<gexf>\n</gexf>\n", "a GEXF file (Gephi)"},
      {"g.gml", "graph [\n  node [ id 0 ]\n]\n", "a GML file"},
      {"g.json", "{\"nodes\": [], \"links\": []}\n", "JSON (a node-link graph"},
      {"adjacency.csv", ",a,b\na,0,1\nb,1,0\n", "an adjacency matrix"},
  };
  const std::map<std::string, std::string> readers = {
      {"karate.net", "nx.read_pajek("},  {"g.graphml", "nx.read_graphml("},
      {"g.gexf", "nx.read_gexf("},       {"g.gml", "nx.read_gml("},
      {"g.json", "nx.node_link_graph("}, {"adjacency.csv", "nx.from_pandas_adjacency("}};
  for (const auto& [name, text, what] : cases) {
    EXPECT_FALSE(Read(name, text)) << name;
    EXPECT_NE(errors_.find(name + ":1:1: this is " + what), std::string::npos) << errors_;
    EXPECT_NE(errors_.find(readers.at(name)), std::string::npos) << errors_;
    EXPECT_NE(errors_.find("and read that with ids: labels"), std::string::npos) << errors_;
  }
}

TEST_F(EdgeList, AtMostFiveErrorsAFile) {
  EXPECT_FALSE(Read("loops.txt", "0 0\n1 1\n2 2\n3 3\n4 4\n5 5\n6 6\n"));
  EXPECT_EQ(std::count(errors_.begin(), errors_.end(), '\n'), 5) << errors_;
}

TEST_F(EdgeList, AMissingFileIsAnErrorWhereTheScenarioNamesIt) {
  Diagnostics diags;
  EdgeListOptions options;
  options.max_agents = 10;
  EXPECT_FALSE(ReadEdgeList((dir_ / "nope.csv").string(), {"scenario.yaml", 9, 5}, options, diags));
  try {
    diags.ThrowIfAny();
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("scenario.yaml:9:5: error: cannot open"), std::string::npos) << e.what();
  }
}

// Through the scenario loader: the size may come from the file, and the file's
// options are errors on a generated network.
TEST_F(EdgeList, APopulationTakesItsSizeFromItsFile) {
  const std::string links = Write("links.txt", "# undirected\nDouma Harasta\nHarasta Zamalka\n");
  const std::string head = R"(calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {d: {low: a, high: b}}
actors:
  x: {capability: {military: 1}, position: {d: 0.5}}
populations:
)";
  LoadOptions options;
  const Scenario s = LoadScenarioText(
      head + "  towns: {actor: x, network: {edges: " + links + ", directed: false, ids: labels}}\n",
      (dir_ / "inline.yaml").string(), options);
  ASSERT_EQ(s.world->populations.size(), 1u);
  const PopulationSpec& p = s.world->populations[0];
  EXPECT_EQ(p.size, 3);
  EXPECT_EQ(p.network_description, "edges from " + links + ", undirected, agents by name");
  // Douma–Harasta–Zamalka, a path heard both ways: Harasta listens to both others equally.
  const Eigen::MatrixXd W = p.IsSparse() ? Eigen::MatrixXd(p.weights->sparse) : p.weights->dense;
  Eigen::MatrixXd expected(3, 3);
  expected << 0, 1, 0, 0.5, 0, 0.5, 0, 1, 0;
  EXPECT_EQ(W, expected);

  try {
    LoadScenarioText(head + "  towns: {actor: x, size: 10, network: {model: small_world, degree: 2, ids: labels}}\n",
                     (dir_ / "inline.yaml").string(), options);
    FAIL() << "loaded";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("population 'towns'.network.ids applies only to a network read from edges"),
              std::string::npos)
        << e.what();
  }
  try {
    LoadScenarioText(head + "  towns: {actor: x, network: {model: small_world, degree: 2}}\n",
                     (dir_ / "inline.yaml").string(), options);
    FAIL() << "loaded";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("missing required key 'size'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace diplosim
