#include "scenarios/stakeholder_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenarios/id_from_name.h"
#include "scenarios/scenario.h"
#include "scenarios/scenario_error.h"
#include "scenarios/yaml_io.h"
#include "tests/support/temp_dir.h"

namespace diplosim {
namespace {

namespace fs = std::filesystem;

const fs::path kSource(DIPLOSIM_SOURCE_DIR);

using testing::TempDir;

std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

// Excel's "CSV UTF-8" starts the file with a byte-order mark.
TEST(StakeholderTable, ByteOrderMarkIsNotPartOfTheTitle) {
  TempDir dir;
  const std::string path = dir.Write("bom.csv",
                                     "\xEF\xBB\xBF" "Actor,Power,Pstn1,Sal1\r\n"
                                     "Alpha,1,10,50\r\n"
                                     "Beta,2,90,100\r\n");
  const ConfigNode actors = ReadStakeholderTable(path, SourceLocation{}, {"a"}, ParseLimits{});
  ASSERT_EQ(actors.entries.size(), 2u);
  EXPECT_EQ(actors.entries[0].key, "Alpha");
  EXPECT_EQ(actors.entries[1].value.Find("position")->Find("a")->scalar, "90");
}

// A spreadsheet set to a decimal-comma language saves ';' between cells, 8,5
// for 8.5, and leaves prose with commas unquoted: the same table as with commas.
TEST(StakeholderTable, SemicolonTablesWithDecimalCommasReadAsTheCommaTable) {
  TempDir dir;
  const std::string comma = dir.Write("comma.csv",
                                      "Talks,\"Cars, 1994\",2,1,\n"
                                      "Actor,Description,Power,Pstn1,Sal1,\n"
                                      "Alpha,\"a member, founding\",8.5,4,80,\n"
                                      "Beta,another,-0.25,7.5,1e2,\n");
  const std::string semicolon = dir.Write("semicolon.csv",
                                          "Talks;Cars, 1994;2;1;\r\n"
                                          "Actor;Description;Power;Pstn1;Sal1;\r\n"
                                          "Alpha;a member, founding;8,5;4;80;\r\n"
                                          "Beta;another;-0,25;7,5;1e2;\r\n");
  const ConfigNode a = ReadStakeholderTable(comma, SourceLocation{}, {"a"}, ParseLimits{});
  const ConfigNode b = ReadStakeholderTable(semicolon, SourceLocation{}, {"a"}, ParseLimits{});
  ASSERT_EQ(a.entries.size(), 2u);
  ASSERT_EQ(b.entries.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(a.entries[i].key, b.entries[i].key);
    EXPECT_EQ(EmitYaml(a.entries[i].value), EmitYaml(b.entries[i].value));
  }
  EXPECT_EQ(b.entries[0].value.Find("description")->scalar, "a member, founding");
  EXPECT_EQ(b.entries[1].value.Find("position")->Find("a")->scalar, "7.5");
}

// KTAB's own sample (7 actors, 3 dimensions, trailing commas), read as is.
TEST(StakeholderTable, ReadsKtabSample) {
  const std::string path = (kSource / "tests/data/ktab/dummyData_3Dim.csv").string();
  const ConfigNode actors = ReadStakeholderTable(path, SourceLocation{}, {"d1", "d2", "d3"}, ParseLimits{});
  ASSERT_EQ(actors.entries.size(), 7u);
  EXPECT_EQ(actors.entries[0].key, "SActor-00");
  const ConfigNode& a0 = actors.entries[0].value;
  EXPECT_EQ(a0.Find("capability")->Find("military")->scalar, "102.543");
  EXPECT_EQ(a0.Find("position")->Find("d2")->scalar, "6.37");
  EXPECT_EQ(a0.Find("position")->Find("d2")->location.line, 3);
  EXPECT_EQ(a0.Find("position")->Find("d2")->location.column, 58);  // "  6.37" after two spaces
  EXPECT_DOUBLE_EQ(std::stod(a0.Find("intensity")->Find("d1")->scalar), 0.4953);
  EXPECT_NEAR(std::stod(a0.Find("salience")->Find("d1")->scalar), 49.53 / (49.53 + 5.91 + 28.15), 1e-15);
}

TEST(StakeholderTable, LoadsIntoAScenarioWithAModelOnTop) {
  TempDir dir;
  fs::copy_file(kSource / "tests/data/ktab/dummyData_3Dim.csv", fs::path(dir.Write("x", "")).parent_path() / "t.csv");
  const std::string scenario = dir.Write("s.yaml", R"(
calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions:
  d1: {low: a, high: b, range: [0, 100]}
  d2: {low: a, high: b, range: [0, 100]}
  d3: {low: a, high: b, range: [0, 100]}
actors_from: {file: t.csv, dimensions: [d1, d2, d3]}
actors:
  SActor-03: {model: spoiler, flags: {designated: true}}
)");
  const Scenario s = LoadScenario(scenario, LoadOptions{});
  ASSERT_EQ(s.world->NumActors(), 7);
  EXPECT_NEAR(s.world->initial.position(1, 0), 0.8272, 1e-12);
  EXPECT_NEAR(s.world->initial.intensity(1, 1), 0.2122, 1e-12);
  EXPECT_NEAR(s.world->initial.capability(2), 129.643, 1e-9);  // all components = Power, weights sum to 1
  EXPECT_EQ(s.world->actors[3].model, "spoiler");
  EXPECT_TRUE(s.world->actors[3].Flag("designated"));
  EXPECT_NE(s.world->decision_models[3], nullptr);
}

TEST(StakeholderTable, PlainHeaderWithoutDescriptionOrTrailingComma) {
  TempDir dir;
  const std::string path = dir.Write("plain.csv",
                                     "Actor,Power,Pstn1,Sal1,Pstn2,Sal2,Pstn3,Sal3,Pstn4,Sal4\n"
                                     "\"Alpha, Inc\",1,10,50,20,50,30,0,40,0\r\n"
                                     "Beta,2,90,100,80,0,70,0,60,0\n\n");
  const ConfigNode actors = ReadStakeholderTable(path, SourceLocation{}, {"a", "b", "c", "d"}, ParseLimits{});
  ASSERT_EQ(actors.entries.size(), 2u);
  EXPECT_EQ(actors.entries[0].key, "Alpha__Inc");
  EXPECT_EQ(actors.entries[0].value.Find("name")->scalar, "Alpha, Inc");
  EXPECT_EQ(actors.entries[1].value.Find("position")->Find("d")->scalar, "60");
  EXPECT_EQ(actors.entries[1].value.Find("salience")->Find("a")->scalar, "1");
}

// KTAB's own sample tables name the power column "Influence", put the
// dimension's name in the pair headers ("XYZ Position", "Dim0 Salience"), add
// cells to the title line and end rows with ", ". KTAB reads columns by
// position; so does diplosim.
TEST(StakeholderTable, KtabLayoutIsReadByColumnPositionLikeKtab) {
  TempDir dir;
  const std::string one = dir.Write("one.csv",
                                    "Energy policy; scen 0,Reform appetite, 2, 1, 0, \n"
                                    "Actor,Description,Influence,Policy Position,Policy Salience, \n"
                                    "PM,Prime minister,100,30,30, \n"
                                    "FIN,Finance ministry,35,45,50, \n");
  const ConfigNode a = ReadStakeholderTable(one, SourceLocation{}, {"policy"}, ParseLimits{});
  ASSERT_EQ(a.entries.size(), 2u);
  EXPECT_EQ(a.entries[1].key, "FIN");
  EXPECT_EQ(a.entries[1].value.Find("description")->scalar, "Finance ministry");
  EXPECT_EQ(a.entries[1].value.Find("capability")->Find("military")->scalar, "35");
  EXPECT_EQ(a.entries[1].value.Find("position")->Find("policy")->scalar, "45");
  EXPECT_EQ(a.entries[1].value.Find("intensity")->Find("policy")->scalar, "0.5");

  const std::string two = dir.Write("two.csv",
                                    "Combined,Two dimensions,1,2,0,,,\n"
                                    "Actor,Description,Clout,Dim0 Position,Dim0 Salience,Dim1 Position,Dim1 Salience\n"
                                    "AA00,Actor 00,99.98,50,20,62.5,60\n");
  const ConfigNode b = ReadStakeholderTable(two, SourceLocation{}, {"x", "y"}, ParseLimits{});
  ASSERT_EQ(b.entries.size(), 1u);
  EXPECT_EQ(b.entries[0].value.Find("position")->Find("y")->scalar, "62.5");
  EXPECT_EQ(b.entries[0].value.Find("salience")->Find("x")->scalar, "0.25");

  // With a title line, the dimension count settles whether a Description is there,
  // whatever the column is called.
  const std::string three = dir.Write("three.csv", "T,d,1,1\nActor,Notes,Weight,P,S\nA,note,2,10,20\n");
  const ConfigNode c = ReadStakeholderTable(three, SourceLocation{}, {"a"}, ParseLimits{});
  EXPECT_EQ(c.entries[0].value.Find("description")->scalar, "note");
  EXPECT_EQ(c.entries[0].value.Find("capability")->Find("economic")->scalar, "2");
}

// Names still catch the slips they can: a missing power column, a pair in the wrong order.
TEST(StakeholderTable, HeaderNamesCatchAMissingPowerColumnAndSwappedPairs) {
  TempDir dir;
  auto read = [&](const std::string& text) {
    const std::string path = dir.Write("bad.csv", text);
    return ErrorOf([&] { ReadStakeholderTable(path, SourceLocation{}, {"a"}, ParseLimits{}); });
  };
  EXPECT_NE(read("Actor,Description,Pstn1,Sal1\nA,x,5,5\n")
                .find("bad.csv:1:19: error: expected a power column (Power, Influence or Capability) after 'Actor' and "
                      "'Description'; got 'Pstn1'"),
            std::string::npos);
  EXPECT_NE(read("Actor,Power,Sal1,Pstn1\nA,1,5,5\n")
                .find("bad.csv:1:13: error: expected a position column (Pstn1) before its salience; got 'Sal1'"),
            std::string::npos);
  EXPECT_NE(read("Actor,Power,XYZ Position,XYZ Position\nA,1,5,5\n")
                .find("error: expected a salience column (Sal1) after its position"),
            std::string::npos);
  // "Salary position" names a position, not a salience.
  EXPECT_EQ(read("Actor,Power,Salary position,Salary salience\nA,1,5,5\n"), "");
}

// Ids are ASCII; names are in any language. Accents go, one '_' per other
// character (it used to be one per UTF-8 byte: 'W__rttemberg').
TEST(StakeholderTable, IdsFoldAccentedLettersAndReplaceOtherCharactersOnce) {
  EXPECT_EQ(IdFromName("Württemberg"), "Wurttemberg");
  EXPECT_EQ(IdFromName("Türkiye"), "Turkiye");
  EXPECT_EQ(IdFromName("Côte d'Ivoire"), "Cote_d_Ivoire");
  EXPECT_EQ(IdFromName("São Tomé"), "Sao_Tome");
  EXPECT_EQ(IdFromName("Łódź"), "Lodz");
  EXPECT_EQ(IdFromName("Straße"), "Strasse");
  EXPECT_EQ(IdFromName("Øresund Æble"), "Oresund_AEble");
  EXPECT_EQ(IdFromName("Şırnak Ğ"), "Sirnak_G");
  EXPECT_EQ(IdFromName("Čech-Dvořák"), "Cech-Dvorak");
  EXPECT_EQ(IdFromName("Αθήνα"), "a______");  // Greek: five letters, five '_', and a leading letter
  EXPECT_EQ(IdFromName("Syria \xf0\x9f\x98\x80"), "Syria__");
  EXPECT_EQ(IdFromName("1st Division"), "a_1st_Division");
  EXPECT_EQ(IdFromName("Éire"), "Eire");
  EXPECT_EQ(IdFromName(""), "a_");
  EXPECT_EQ(IdFromName(std::string(100, 'x')).size(), 64u);
  // Every letter of both tables folds to ASCII letters; × and ÷ are not letters.
  for (unsigned cp = 0xc0; cp < 0x180; ++cp) {
    const std::string utf8 = {static_cast<char>(0xc0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3f))};
    const std::string id = IdFromName("x" + utf8);
    ASSERT_GE(id.size(), 2u);
    for (char c : id.substr(1))
      EXPECT_TRUE(std::isalpha(static_cast<unsigned char>(c)) || cp == 0xd7 || cp == 0xf7) << cp;
  }
}

TEST(StakeholderTable, NamesThatFoldToOneIdAreDuplicates) {
  TempDir dir;
  const std::string path = dir.Write("fold.csv", "Actor,Power,Pstn1,Sal1\nTürkiye,1,5,5\nTurkiye,2,5,5\n");
  const std::string error = ErrorOf([&] { ReadStakeholderTable(path, SourceLocation{}, {"a"}, ParseLimits{}); });
  EXPECT_NE(error.find("fold.csv:3:1: error: actor 'Turkiye' gets the id 'Turkiye', as 'Türkiye' on line 2 does; "
                       "expected names that differ in Latin letters or digits (ids are ASCII): write the Actor cell in "
                       "Latin letters and keep this name in the Description column"),
            std::string::npos)
      << error;
  const std::string cyrillic = dir.Write("ru.csv", "Actor,Power,Pstn1,Sal1\nРоссия,1,5,5\nТурция,2,5,5\n");
  EXPECT_NE(ErrorOf([&] { ReadStakeholderTable(cyrillic, SourceLocation{}, {"a"}, ParseLimits{}); })
                .find("ru.csv:3:1: error: actor 'Турция' gets the id 'a_______', as 'Россия' on line 2 does"),
            std::string::npos);
}

TEST(StakeholderTable, MalformedTablesGiveLocatedErrors) {
  TempDir dir;
  auto read = [&](const std::string& text, std::vector<std::string> dims = {"a"}) {
    const std::string path = dir.Write("bad.csv", text);
    return ErrorOf([&] { ReadStakeholderTable(path, SourceLocation{}, dims, ParseLimits{}); });
  };
  EXPECT_NE(read("Actor,Power,Pstn1,Sal1\nA,1,50,xx\n").find("bad.csv:2:8: error: salience must be a number in [0, 100]; got 'xx'"),
            std::string::npos);
  EXPECT_NE(read("Actor,Power,Pstn1,Sal1\nA,1,50\n").find("bad.csv:2:1: error: row has 3 cells; expected 4"),
            std::string::npos);
  EXPECT_NE(read("T,desc,3,1,\nActor,Power,Pstn1,Sal1\nA,1,5,5\n").find("bad.csv:1:8: error: the title line declares 3 actors but the table has 1"),
            std::string::npos);
  EXPECT_NE(read("Actor,Power,Pstn1,Salience1,Pstn2\n").find("position and salience columns must come in pairs"),
            std::string::npos);
  EXPECT_NE(read("Actor,Power,Pstn1,Sal1\nA,1,5,5\nA,2,5,5\n").find("bad.csv:3:1: error: duplicate actor 'A'"),
            std::string::npos);
  EXPECT_NE(read("Name,Power,Pstn1,Sal1\n").find("bad.csv:1:1: error: the first line is neither a header"),
            std::string::npos);
  EXPECT_NE(read(",Actor,Power,Pstn1,Sal1\n0,A,1,5,5\n")
                .find("bad.csv:1:1: error: the first column has no name, as pandas' "
                      "to_csv writes its index"),
            std::string::npos);
  EXPECT_NE(read("Actor,Power,Pstn1,Sal1\nA,1,5,5\n", {"a", "b"}).find("the table has 1 dimension(s) but actors_from.dimensions lists 2"),
            std::string::npos);
  EXPECT_NE(read("Actor,Power,Pstn1,Sal1\n\"A,1,5,5\n").find("bad.csv:2:1: error: unterminated quoted field"),
            std::string::npos);
}

// Values from a table are validated like YAML, with the CSV cell as location.
TEST(StakeholderTable, OutOfRangePositionsPointIntoTheCsv) {
  TempDir dir;
  dir.Write("t.csv", "Actor,Power,Pstn1,Sal1\nA,1,150,50\nB,-2,5,50\n");
  const std::string scenario = dir.Write("s.yaml", R"(calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {a: {low: x, high: y, range: [0, 100]}}
actors_from: {file: t.csv, dimensions: [a]}
)");
  const std::string message = ErrorOf([&] { LoadScenario(scenario, LoadOptions{}); });
  EXPECT_NE(message.find("t.csv:2:5: error: actor 'A'.position.a out of range; got 150"), std::string::npos) << message;
  EXPECT_NE(message.find("t.csv:3:3: error: actor 'B'.capability.military out of range; got -2"), std::string::npos)
      << message;
}

// KTAB tables use 0–100; a dimension left at the default range [0, 1] says so.
TEST(StakeholderTable, PositionsOnAHundredScaleNameTheDimensionRange) {
  TempDir dir;
  dir.Write("t.csv", "Actor,Power,Pstn1,Sal1\nA,1,30,50\n");
  const std::string scenario = dir.Write("s.yaml", R"(calendar: {start: 2020-01-01, end: 2020-02-01}
dimensions: {a: {low: "0", high: "100"}}
actors_from: {file: t.csv, dimensions: [a]}
)");
  const std::string message = ErrorOf([&] { LoadScenario(scenario, LoadOptions{}); });
  EXPECT_NE(
      message.find("t.csv:2:5: error: actor 'A'.position.a out of range; got 30; expected a number in [0, 1], the "
                   "range of dimension 'a' (for a 0–100 scale, as stakeholder tables use, give the dimension "
                   "range: [0, 100])"),
      std::string::npos)
      << message;
}

}  // namespace
}  // namespace diplosim
