// YAML syntax errors name the slip behind yaml-cpp's terse message.
#include "scenarios/yaml_hint.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "scenarios/scenario_error.h"
#include "scenarios/yaml_io.h"

namespace diplosim {
namespace {

std::string ParseError(const std::string& text) {
  try {
    ParseYaml(text, "s.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(YamlSyntaxHint, NamesTheUsualSlips) {
  const std::pair<const char*, const char*> cases[] = {
      {"calendar: {start: 2020-01-01, end: 2020-03-01\ndimensions:\n  d: {low: a, high: b}\n",
       "s.yaml:2:11: error: invalid YAML: end of map flow not found; the '{' opened at 1:11 is never closed; "
       "expected a '}' after its last entry"},
      {"a: [1, 2\nb: 3\n", "the '[' opened at 1:4 is never closed; expected a ']' after its last entry"},
      {"d: {low: \"a, high: b}\ne: 1\n", "the double quote opened at 1:10 is never closed; expected a closing \""},
      {"events:\n  - {type: statement, stance: {d: 0.5}\n  - {type: statement}\n",
       "illegal block entry; the '{' opened at 2:5 is never closed"},
      {"actors:\n  x: 1\n\ty: 2\n", "line 3 is indented with a tab; expected spaces (YAML does not allow tabs"},
      {"calendar:\n  start:2020-01-01\n  end: 2020-03-01\n",
       "line 2 has 'start:2020-01-01' with no space after the colon; expected 'start: 2020-01-01'"},
      {"events:\n  - type: statement\n    description: Russia says: no\n",
       "the value of 'description' holds ': ', which YAML reads as another key; expected it in quotes: "
       "description: \"Russia says: no\""},
      {"dimensions:\n  d: {low: a, high: b}\n   e: {low: a, high: b}\n",
       "line 3 is indented by 3 spaces, which matches no level above it (0, 2); expected the indentation"},
      {"actors:\n  - x\n  y: 1\n", "line 3 has a 'key: value' entry among '- ' items at the same indentation"},
  };
  for (const auto& [text, expected] : cases) {
    const std::string error = ParseError(text);
    EXPECT_NE(error.find(expected), std::string::npos) << text << "\ngot: " << error;
  }
}

// Apostrophes and brackets inside plain text open nothing, times and URLs are
// not glued keys, and a slip already closed later is not blamed.
TEST(YamlSyntaxHint, DoesNotBlameWhatIsFine) {
  EXPECT_EQ(YamlSyntaxHint("a: Russia's line\nb: it's [not] open\n", 2), "");
  EXPECT_EQ(YamlSyntaxHint("at: 12:30\nurl: http://example.org\n", 2), "");
  EXPECT_EQ(YamlSyntaxHint("m: {a: 1,\n    b: 2}\nc: 'it''s'\n", 3), "");
  EXPECT_EQ(YamlSyntaxHint("# a {comment [\nk: v\n", 2), "");
  EXPECT_EQ(YamlSyntaxHint("", 1), "");
  EXPECT_EQ(YamlSyntaxHint("a: 1\n", 9), "");
  // A message with no recognisable slip keeps the generic form.
  EXPECT_NE(ParseError("a: 1\na: 2\n").find("duplicate key 'a'"), std::string::npos);
}

TEST(YamlDuplicateKeys, AreReportedTogetherInOrder) {
  // Each duplicate anywhere in the file, not only the first: a user fixes them in one go.
  EXPECT_EQ(ParseError("a: 1\nb: {x: 1, x: 2}\na: 3\nc: [{y: 1, y: 2}]\n"),
            "s.yaml:2:11: error: duplicate key 'x'; first given at 2:5; expected each key once\n"
            "s.yaml:3:1: error: duplicate key 'a'; first given at 1:1; expected each key once\n"
            "s.yaml:4:12: error: duplicate key 'y'; first given at 4:6; expected each key once");
  EXPECT_EQ(ParseError("a: 1\nb: 2\n"), "");
}

}  // namespace
}  // namespace diplosim
