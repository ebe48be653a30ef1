// docs/model.md states every mechanism parameter with its default; these tests
// read its tables and compare each default with the one the code starts from,
// so that a default changed on one side only fails here.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "sim/affinity.h"
#include "sim/conflict.h"
#include "sim/events/negotiation_event.h"
#include "sim/influence.h"
#include "sim/population.h"

namespace diplosim {
namespace {

std::string ModelDoc() {
  std::ifstream in(std::string(DIPLOSIM_SOURCE_DIR) + "/docs/model.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// The rows of the table whose header line starts with `header`: parameter name
// (without its backquotes) → default cell, the column headed "default".
std::map<std::string, std::string> DocumentedDefaults(const std::string& doc, const std::string& header) {
  std::map<std::string, std::string> rows;
  std::istringstream lines(doc);
  std::string line;
  int default_column = -1;
  bool in_table = false;
  while (std::getline(lines, line)) {
    if (!in_table) {
      if (line.rfind(header, 0) != 0) continue;
      in_table = true;
      std::istringstream cells(line);
      std::string cell;
      for (int k = -1; std::getline(cells, cell, '|'); ++k)
        if (Trim(cell) == "default") default_column = k;
      continue;
    }
    if (line.empty() || line[0] != '|') break;
    if (line.rfind("|---", 0) == 0) continue;
    std::istringstream cells(line);
    std::string cell;
    std::vector<std::string> fields;
    std::getline(cells, cell, '|');  // before the first bar
    while (std::getline(cells, cell, '|')) fields.push_back(Trim(cell));
    if (fields.empty() || default_column < 0 || default_column >= static_cast<int>(fields.size())) continue;
    std::string name = fields[0];
    if (name.size() > 2 && name.front() == '`' && name.back() == '`') name = name.substr(1, name.size() - 2);
    rows[name] = fields[default_column];
  }
  return rows;
}

using Getters = std::map<std::string, std::function<double()>>;

// Each parameter the code has must be documented with its default, read as the
// number that opens the cell ("true"/"false" for switches).
void ExpectDocumented(const std::string& header, const Getters& code, const std::set<std::string>& not_numbers) {
  const auto documented = DocumentedDefaults(ModelDoc(), header);
  ASSERT_FALSE(documented.empty()) << "no table headed '" << header << "' in docs/model.md";
  for (const auto& [name, value] : code) {
    const auto row = documented.find(name);
    ASSERT_NE(row, documented.end()) << name << " is not in the table headed '" << header << "'";
    const std::string& cell = row->second;
    double read = 0.0;
    if (cell == "true" || cell == "false") {
      read = cell == "true" ? 1.0 : 0.0;
    } else {
      char* end = nullptr;
      read = std::strtod(cell.c_str(), &end);
      ASSERT_NE(end, cell.c_str()) << name << ": the default '" << cell << "' does not start with a number";
    }
    EXPECT_EQ(read, value()) << name << ": docs/model.md says " << cell << ", the code starts from " << value();
  }
  // And every row is a parameter the code has (or one with no number for a default).
  for (const auto& [name, cell] : documented)
    EXPECT_TRUE(code.count(name) || not_numbers.count(name))
        << "docs/model.md documents '" << name << "' (default " << cell << ") under '" << header
        << "', which this test does not know";
}

TEST(DocumentedDefaults, Influence) {
  const InfluenceParams p;
  ExpectDocumented("| parameter (`mechanisms.influence.`)",
                   {{"self_weight", [&] { return p.self_weight; }},
                    {"dependency_weight", [&] { return p.dependency_weight; }},
                    {"affinity_weight", [&] { return p.affinity_weight; }},
                    {"deference_weight", [&] { return p.deference_weight; }},
                    {"salience_modulation", [&] { return p.salience_modulation; }},
                    {"noise", [&] { return p.noise; }}},
                   {"weights"});
}

TEST(DocumentedDefaults, Affinity) {
  const AffinityParams p;
  ExpectDocumented("| parameter (`mechanisms.affinity.`)",
                   {{"enabled", [&] { return p.enabled ? 1.0 : 0.0; }},
                    {"rate", [&] { return p.rate; }},
                    {"hostility_weight", [&] { return p.hostility_weight; }}},
                   {});
}

TEST(DocumentedDefaults, Conflict) {
  const ConflictParams p;
  ExpectDocumented("| parameter (`mechanisms.conflict.`)",
                   {{"enabled", [&] { return p.enabled ? 1.0 : 0.0; }},
                    {"relaxation", [&] { return p.relaxation; }},
                    {"ceasefire_residual", [&] { return p.ceasefire_residual; }},
                    {"violation_rate", [&] { return p.violation_rate; }},
                    {"spoiler_weight", [&] { return p.spoiler_weight; }},
                    {"activity_weight", [&] { return p.activity_weight; }},
                    {"trust_loss", [&] { return p.trust_loss; }},
                    {"violation_hostility", [&] { return p.violation_hostility; }},
                    {"collapse_after", [&] { return static_cast<double>(p.collapse_after); }},
                    {"attrition", [&] { return p.attrition; }},
                    {"recovery", [&] { return p.recovery; }},
                    {"support_relaxation", [&] { return p.support_relaxation; }},
                    {"activity_decay", [&] { return p.activity_decay; }},
                    {"deference_decay", [&] { return p.deference_decay; }}},
                   {});
}

TEST(DocumentedDefaults, Populations) {
  const PopulationSpec p;
  ExpectDocumented("| parameter (`populations.ID.`)",
                   {{"susceptibility", [&] { return p.susceptibility; }},
                    {"actor_pull", [&] { return p.actor_pull; }},
                    {"feedback", [&] { return p.feedback; }},
                    {"spread", [&] { return p.spread; }},
                    {"seed", [&] { return static_cast<double>(p.seed); }}},
                   {"actor", "size", "(links)", "network", "storage"});
}

TEST(DocumentedDefaults, Negotiation) {
  const NegotiationParams p;
  ExpectDocumented("| parameter (event keys)",
                   {{"acceptance_slope", [&] { return p.acceptance_slope; }},
                    {"mediator_weight", [&] { return p.mediator_weight; }},
                    {"acceptance_bias", [&] { return p.acceptance_bias; }},
                    {"commitment", [&] { return p.commitment; }},
                    {"affinity_gain", [&] { return p.affinity_gain; }},
                    {"hostility_cut", [&] { return p.hostility_cut; }},
                    {"failure_affinity_loss", [&] { return p.failure_affinity_loss; }},
                    {"failure_hostility_raise", [&] { return p.failure_hostility_raise; }}},
                   {});
}

}  // namespace
}  // namespace diplosim
