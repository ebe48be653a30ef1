#include "sim/record_spec.h"

#include <gtest/gtest.h>

#include <string>

namespace diplosim {
namespace {

// The variables a spec records, by name, in AllVariables' order.
std::string Recorded(const RecordSpec& spec) {
  std::string out;
  for (const auto& info : AllVariables())
    if (spec.Has(info.variable)) out += (out.empty() ? "" : ",") + std::string(info.name);
  return out;
}

TEST(RecordSpec, GroupsSplitTheVariablesByTheirActorJAxis) {
  RecordSpec actors;
  ASSERT_TRUE(actors.Enable("actors"));
  EXPECT_EQ(Recorded(actors),
            "position,anchor,salience,capability,forecast,ceasefire_state,population_mean,population_std");
  EXPECT_FALSE(actors.events || actors.actions);

  RecordSpec matrices;
  ASSERT_TRUE(matrices.Enable("matrices"));
  EXPECT_EQ(Recorded(matrices), "affinity,dependency,influence,hostility,support");
  EXPECT_FALSE(matrices.events || matrices.actions);

  // Together the two groups are every variable, each once.
  for (const auto& info : AllVariables())
    EXPECT_NE(actors.Has(info.variable), matrices.Has(info.variable)) << info.name;

  RecordSpec tables;
  ASSERT_TRUE(tables.Enable("tables"));
  EXPECT_EQ(Recorded(tables), "");
  EXPECT_TRUE(tables.events && tables.actions);
}

TEST(RecordSpec, AllAndGroupsAddToWhatIsAlreadyChosen) {
  RecordSpec spec;
  spec.every = 7;
  ASSERT_TRUE(spec.Enable("influence"));
  ASSERT_TRUE(spec.Enable("actors"));
  EXPECT_EQ(Recorded(spec),
            "position,anchor,salience,capability,influence,forecast,ceasefire_state,population_mean,population_std");
  ASSERT_TRUE(spec.Enable("all"));
  const RecordSpec all = RecordSpec::All();
  EXPECT_EQ(spec.enabled, all.enabled);
  EXPECT_TRUE(spec.events && spec.actions);
  EXPECT_EQ(spec.every, 7) << "a group chooses variables, not the stride";
}

TEST(RecordSpec, UnknownNamesAreRefusedAndTheListNamesTheGroups) {
  RecordSpec spec;
  EXPECT_FALSE(spec.Enable("actor"));
  EXPECT_FALSE(spec.Enable("matrix"));
  EXPECT_FALSE(spec.Enable(""));
  EXPECT_EQ(Recorded(spec), "");
  const std::string listed = RecordSpec::Listed();
  EXPECT_NE(listed.find("position, anchor,"), std::string::npos) << listed;
  EXPECT_NE(listed.find(", events, actions, or a group: actors, matrices, tables, all"), std::string::npos) << listed;
}

}  // namespace
}  // namespace diplosim
