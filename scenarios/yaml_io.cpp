#include "scenarios/yaml_io.h"

#include <sys/stat.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "scenarios/missing_file_hint.h"
#include "scenarios/number_text.h"
#include "scenarios/scenario_error.h"
#include "scenarios/text_encoding.h"
#include "scenarios/yaml_hint.h"

namespace diplosim {

namespace {

[[noreturn]] void Fail(SourceLocation where, std::string message) {
  throw ScenarioError({Diagnostic{std::move(where), std::move(message)}});
}

SourceLocation At(const std::string& file, const YAML::Mark& mark) {
  // yaml-cpp marks are 0-based; a null mark (-1) becomes 1:1.
  return SourceLocation{file, mark.line >= 0 ? mark.line + 1 : 1, mark.column >= 0 ? mark.column + 1 : 1};
}

class Converter {
 public:
  Converter(const std::string& file, const ParseLimits& limits) : file_(file), limits_(limits) {}

  // Throws every duplicate key Convert met, if any.
  void ThrowDuplicates() const { duplicates_.ThrowIfAny(); }

  ConfigNode Convert(const YAML::Node& node, int depth) {
    if (++count_ > limits_.max_nodes)
      Fail(At(file_, node.Mark()), "document expands to more than " + std::to_string(limits_.max_nodes) +
                                       " nodes (an alias bomb?); expected a scenario of reasonable size");
    if (depth > limits_.max_depth)
      Fail(At(file_, node.Mark()), "nesting deeper than " + std::to_string(limits_.max_depth) +
                                       " levels; expected a flatter document");
    ConfigNode out;
    out.location = At(file_, node.Mark());
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = ConfigNode::Kind::kNull;
        break;
      case YAML::NodeType::Scalar:
        out.kind = ConfigNode::Kind::kScalar;
        out.scalar = node.Scalar();
        RefuseNul(out.scalar, out.location);
        break;
      case YAML::NodeType::Sequence:
        out.kind = ConfigNode::Kind::kSequence;
        for (const auto& item : node) out.items.push_back(Convert(item, depth + 1));
        break;
      case YAML::NodeType::Map: {
        out.kind = ConfigNode::Kind::kMap;
        std::vector<std::pair<SourceLocation, YAML::Node>> merges;
        for (const auto& kv : node) {
          const SourceLocation key_at = At(file_, kv.first.Mark());
          if (!kv.first.IsScalar()) Fail(key_at, "a mapping key must be a plain name; got a complex key");
          const std::string key = kv.first.Scalar();
          RefuseNul(key, key_at);
          // YAML's merge key (`<<: *defaults`), which yaml-cpp 0.7 leaves to the
          // application; a quoted '<<' is an ordinary key.
          if (key == "<<" && kv.first.Tag() == "?") {
            merges.emplace_back(key_at, kv.second);
            continue;
          }
          if (const ConfigNode::Entry* prev = out.FindEntry(key)) {
            // Reported with every other duplicate, and the rest of the file still read.
            duplicates_.Error(key_at, "duplicate key '" + key + "'; first given at " +
                                          std::to_string(prev->key_location.line) + ":" +
                                          std::to_string(prev->key_location.column) + "; expected each key once");
            continue;
          }
          ConfigNode value = Convert(kv.second, depth + 1);
          // An empty value ("actors:") has no position of its own; its key is where the user looks.
          if (value.IsNull()) value.location = key_at;
          RefuseDecimalComma(out, key, key_at, value);
          out.entries.push_back(ConfigNode::Entry{key, key_at, std::move(value)});
        }
        for (const auto& [at, source] : merges) Merge(out, at, source, depth);
        break;
      }
    }
    return out;
  }

 private:
  // "{d: 0,5}", a decimal comma, reads as the entries d: 0 and 5: (nothing). A
  // key of digits never names anything here (ids start with a letter), so say so
  // where it happens rather than report an unknown dimension '5'.
  static void RefuseDecimalComma(const ConfigNode& map, const std::string& key, const SourceLocation& key_at,
                                 const ConfigNode& value) {
    if (map.entries.empty() || !value.IsNull() || !IsDigits(key)) return;
    const ConfigNode& before = map.entries.back().value;
    if (!before.IsScalar() || before.location.line != key_at.line) return;
    const std::string_view whole = std::string_view(before.scalar).substr(before.scalar.starts_with('-') ? 1 : 0);
    if (!IsDigits(whole)) return;
    Fail(before.location, "'" + before.scalar + "," + key + "' reads as two entries (a comma separates entries in "
                          "{…}); expected a decimal point: " + before.scalar + "." + key);
  }

  // The keys of a merged mapping (or of each in a list: the first listed wins)
  // that the mapping does not give itself, as YAML 1.1's merge key defines.
  void Merge(ConfigNode& map, const SourceLocation& at, const YAML::Node& source, int depth) {
    std::vector<YAML::Node> sources;
    if (source.IsMap()) {
      sources.push_back(source);
    } else if (source.IsSequence()) {
      for (const auto& item : source) sources.push_back(item);
    }
    if (sources.empty() || std::any_of(sources.begin(), sources.end(), [](const YAML::Node& n) { return !n.IsMap(); }))
      Fail(at,
           "'<<' (YAML's merge key) takes a mapping, usually an alias (<<: *defaults), or a list of them; "
           "expected e.g. '<<: *defaults' with '&defaults' on the mapping to copy");
    for (const auto& one : sources) {
      const ConfigNode merged = Convert(one, depth + 1);
      for (const auto& entry : merged.entries)
        if (!map.FindEntry(entry.key)) map.entries.push_back(entry);
    }
  }

  // The file has no NUL byte (CheckTextEncoding), but the escape "\0" or
  // "\u0000" makes one, which C strings (HDF5 names, messages) would cut at.
  static void RefuseNul(const std::string& text, const SourceLocation& at) {
    if (text.find('\0') != std::string::npos)
      Fail(at, "text with a NUL character (an escape \\0 or \\u0000); expected text without one");
  }

  const std::string& file_;
  const ParseLimits& limits_;
  std::size_t count_ = 0;
  Diagnostics duplicates_;  // duplicate keys, reported together once the whole document is read
};

// Notes where each document starts and where its first value is, without building nodes.
class DocumentProbe : public YAML::EventHandler {
 public:
  YAML::Mark start, first_value;
  bool has_value = false;

  void OnDocumentStart(const YAML::Mark& mark) override {
    start = mark;
    has_value = false;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}  // an empty document is no document
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Value(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    Value(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    Value(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    Value(mark);
  }
  void OnMapEnd() override {}

 private:
  void Value(const YAML::Mark& mark) {
    if (!has_value) first_value = mark;
    has_value = true;
  }
};

// Where a second document with a value begins, if the text has one. Only text
// with a document marker ('---' or '...') at the start of a line after the first
// can (a leading '---' opens the first document), so most files are parsed once.
// yaml-cpp's LoadAll loops forever on some malformed text (a lone ','), where a
// document starts without the parser moving on; this walk stops there.
std::optional<YAML::Mark> SecondDocument(std::string_view text) {
  if (text.find("\n---") == std::string_view::npos && text.find("\n...") == std::string_view::npos)
    return std::nullopt;
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  DocumentProbe probe;
  int previous_start = -1;
  for (int document = 0; parser.HandleNextDocument(probe); ++document) {
    if (probe.start.pos <= previous_start) break;
    previous_start = probe.start.pos;
    if (document > 0 && probe.has_value) return probe.first_value;
  }
  return std::nullopt;
}

void Emit(YAML::Emitter& out, const ConfigNode& node) {
  switch (node.kind) {
    case ConfigNode::Kind::kNull: out << YAML::Null; break;
    case ConfigNode::Kind::kScalar: out << node.scalar; break;
    case ConfigNode::Kind::kSequence:
      out << YAML::BeginSeq;
      for (const auto& item : node.items) Emit(out, item);
      out << YAML::EndSeq;
      break;
    case ConfigNode::Kind::kMap:
      out << YAML::BeginMap;
      for (const auto& e : node.entries) {
        out << YAML::Key << e.key << YAML::Value;
        Emit(out, e.value);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

std::string ReadInputFile(const std::string& path, const SourceLocation& referenced_from,
                          const ParseLimits& limits) {
  const SourceLocation where = referenced_from.file.empty() ? SourceLocation{path, 1, 1} : referenced_from;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int error = errno;
    Fail(where, "cannot open '" + path + "': " + std::strerror(error) +
                    (error == ENOENT ? MissingFileHint(path) : std::string()) + "; expected an existing file");
  }
  if (S_ISDIR(st.st_mode)) Fail(where, "'" + path + "' is a directory; expected a file");
  // Devices and pipes (/dev/zero, a FIFO) could be read forever: only regular files.
  if (!S_ISREG(st.st_mode)) Fail(where, "'" + path + "' is not a regular file; expected a file");
  if (static_cast<std::size_t>(st.st_size) > limits.max_bytes)
    Fail(SourceLocation{path, 1, 1}, "file is " + std::to_string(st.st_size) + " bytes; expected at most " +
                                         std::to_string(limits.max_bytes) + " bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(where, "cannot read '" + path + "'; expected a readable file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  CheckTextEncoding(text, path);
  return text;
}

ConfigNode ParseYaml(std::string_view text, const std::string& file_name, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes)
    Fail(SourceLocation{file_name, 1, 1}, "input is " + std::to_string(text.size()) +
                                              " bytes; expected at most " + std::to_string(limits.max_bytes));
  CheckTextEncoding(text, file_name);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
    // Load reads the first document only: a second one would be dropped without a word.
    if (const auto second = SecondDocument(text))
      Fail(At(file_name, *second),
           "a second YAML document (after '---'); expected one document per file: move it "
           "to a file of its own (a variant can 'extend' the first)");
  } catch (const YAML::Exception& e) {
    const SourceLocation at = At(file_name, e.mark);
    const std::string hint = YamlSyntaxHint(text, at.line);
    Fail(at, "invalid YAML: " + e.msg + "; " + (hint.empty() ? "expected well-formed YAML" : hint));
  }
  Converter converter(file_name, limits);
  try {
    ConfigNode tree = converter.Convert(root, 0);
    converter.ThrowDuplicates();
    return tree;
  } catch (const YAML::Exception& e) {
    Fail(At(file_name, e.mark), "invalid YAML: " + e.msg + "; expected well-formed YAML");
  }
}

std::string EmitYaml(const ConfigNode& node) {
  YAML::Emitter out;
  Emit(out, node);
  return std::string(out.c_str()) + "\n";
}

}  // namespace diplosim
