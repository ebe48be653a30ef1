#include "scenarios/yaml_hint.h"

#include <cctype>
#include <optional>
#include <set>
#include <vector>

namespace diplosim {

namespace {

struct Opened {
  char c;
  int line, column;
};

// Quotes and flow brackets ('{', '[') left open at the end of the text, by a
// light scan that knows comments, quoted scalars ('' and \" escapes) and that
// a quote or bracket only opens at the start of a value: "Russia's" and
// "a[1]" in plain text open nothing.
struct Unclosed {
  std::vector<Opened> brackets;
  std::optional<Opened> quote;
};

Unclosed ScanFlow(std::string_view text) {
  Unclosed open;
  int line = 1, column = 1;
  char last = '\n';  // last non-blank character outside quotes on this line ('\n' at its start)
  bool comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      column = 1;
      comment = false;
      last = '\n';
      continue;
    }
    const bool blank_before = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n';
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++column;  // columns count characters
    const int at = column - 1;
    if (comment) continue;
    if (open.quote) {
      if (open.quote->c == '\'' && c == '\'') {
        if (i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '' is a quote inside
        else open.quote.reset();
      } else if (open.quote->c == '"' && c == '\\') {
        ++i;
      } else if (open.quote->c == '"' && c == '"') {
        open.quote.reset();
      }
      if (!open.quote) last = c;
      continue;
    }
    const bool value_start = last == '\n' || last == '[' || last == '{' || last == ',' ||
                             ((last == ':' || last == '-' || last == '?') && blank_before);
    if (c == '#' && blank_before) {
      comment = true;
    } else if ((c == '"' || c == '\'') && value_start) {
      open.quote = Opened{c, line, at};
    } else if ((c == '{' || c == '[') && value_start) {
      open.brackets.push_back(Opened{c, line, at});
    } else if ((c == '}' || c == ']') && !open.brackets.empty()) {
      open.brackets.pop_back();
    }
    if (c != ' ' && c != '\t') last = c;
  }
  return open;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == '\n') {
      std::string_view l = text.substr(start, i - start);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      lines.push_back(l);
      start = i + 1;
    }
  return lines;
}

std::size_t Indent(std::string_view l) {
  std::size_t k = 0;
  while (k < l.size() && (l[k] == ' ' || l[k] == '\t')) ++k;
  return k;
}

bool Blank(std::string_view l) {
  const std::size_t k = Indent(l);
  return k == l.size() || l[k] == '#';
}

std::string Where(int line) { return "line " + std::to_string(line); }

// "start:2020-01-01": a key glued to its value (URLs and times are not keys).
std::optional<std::string> GluedKey(std::string_view l) {
  std::size_t k = Indent(l);
  if (l.substr(k, 2) == "- ") k += 2;
  std::size_t e = k;
  while (e < l.size() && (std::isalnum(static_cast<unsigned char>(l[e])) || l[e] == '_' || l[e] == '-')) ++e;
  if (e == k || e + 1 >= l.size() || l[e] != ':') return std::nullopt;
  if (!std::isalpha(static_cast<unsigned char>(l[k]))) return std::nullopt;  // 12:30 is a time
  const char next = l[e + 1];
  if (next == ' ' || next == '\t' || next == '/' || next == ':') return std::nullopt;
  return std::string(l.substr(k));
}

std::string Trimmed(std::string_view l) {
  const std::size_t k = Indent(l);
  return std::string(l.substr(k));
}

}  // namespace

std::string YamlSyntaxHint(std::string_view text, int line) {
  const Unclosed open = ScanFlow(text);
  if (open.quote && open.quote->line <= line)
    return std::string("the ") + (open.quote->c == '"' ? "double" : "single") + " quote opened at " +
           std::to_string(open.quote->line) + ":" + std::to_string(open.quote->column) +
           " is never closed; expected a closing " + open.quote->c;
  // The innermost one is what yaml-cpp's "end of … flow not found" is about.
  for (auto it = open.brackets.rbegin(); it != open.brackets.rend(); ++it)
    if (const Opened& b = *it; b.line <= line)
      return std::string("the '") + b.c + "' opened at " + std::to_string(b.line) + ":" + std::to_string(b.column) +
             " is never closed; expected a '" + (b.c == '{' ? '}' : ']') + "' after its last entry";

  const std::vector<std::string_view> lines = SplitLines(text);
  if (line < 1 || line > static_cast<int>(lines.size())) return "";
  // The error line and the non-blank lines just above it, nearest first.
  std::vector<int> near = {line};
  for (int l = line - 1; l >= 1 && near.size() < 3; --l)
    if (!Blank(lines[l - 1])) near.push_back(l);

  for (int l : near) {
    const std::string_view s = lines[l - 1];
    if (s.substr(0, Indent(s)).find('\t') != std::string_view::npos)
      return Where(l) + " is indented with a tab; expected spaces (YAML does not allow tabs for indentation)";
  }
  for (int l : near)
    if (const auto glued = GluedKey(lines[l - 1])) {
      const std::size_t colon = glued->find(':');
      return Where(l) + " has '" + *glued + "' with no space after the colon; expected '" +
             glued->substr(0, colon + 1) + " " + glued->substr(colon + 1) + "'";
    }

  // "description: Russia says: no": a value holding ": " must be quoted.
  const std::string here = Trimmed(lines[line - 1]);
  const std::string entry = here.rfind("- ", 0) == 0 ? here.substr(2) : here;
  const std::size_t first = entry.find(": ");
  if (first != std::string::npos) {
    const std::string value = entry.substr(first + 2);
    const bool quoted = !value.empty() && (value[0] == '"' || value[0] == '\'' || value[0] == '{' || value[0] == '[');
    if (!quoted && value.find(": ") != std::string::npos) {
      const std::string key = entry.substr(0, first);
      return "the value of '" + key + "' holds ': ', which YAML reads as another key; expected it in quotes: " + key +
             ": \"" + value + "\"";
    }
  }

  // Indentation: the levels of the lines this one could belong to.
  const std::size_t indent = Indent(lines[line - 1]);
  std::set<std::size_t> levels;
  std::size_t ceiling = std::string::npos;  // only lines less indented than all later ones enclose this one
  std::optional<std::string> sibling;       // the nearest line above at the same indentation
  for (int l = line - 1; l >= 1; --l) {
    const std::string_view s = lines[l - 1];
    if (Blank(s)) continue;
    const std::size_t k = Indent(s);
    if (!sibling && k == indent) sibling = Trimmed(s);
    if (k < ceiling) {
      levels.insert(k);
      ceiling = k;
    }
    if (k == 0) break;
  }
  if (sibling) {
    const bool item_here = here.rfind("- ", 0) == 0 || here == "-";
    const bool item_above = sibling->rfind("- ", 0) == 0 || *sibling == "-";
    if (item_here != item_above)
      return Where(line) + (item_here ? " starts a '- ' item among 'key: value' entries"
                                      : " has a 'key: value' entry among '- ' items") +
             " at the same indentation; expected one kind at each level (a list of items, or a mapping of keys)";
  }
  if (!levels.empty() && !levels.count(indent) && indent > 0) {
    std::string known;
    for (std::size_t k : levels) known += (known.empty() ? "" : ", ") + std::to_string(k);
    return Where(line) + " is indented by " + std::to_string(indent) + (indent == 1 ? " space" : " spaces") +
           ", which matches no level above it (" +
           known + "); expected the indentation of the entries it belongs with";
  }
  return "";
}

}  // namespace diplosim
