#include "scenarios/yaml_io.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

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
      case YAML::NodeType::Map:
        out.kind = ConfigNode::Kind::kMap;
        for (const auto& kv : node) {
          const SourceLocation key_at = At(file_, kv.first.Mark());
          if (!kv.first.IsScalar()) Fail(key_at, "a mapping key must be a plain name; got a complex key");
          const std::string key = kv.first.Scalar();
          RefuseNul(key, key_at);
          if (const ConfigNode::Entry* prev = out.FindEntry(key))
            Fail(key_at, "duplicate key '" + key + "'; first given at " +
                             std::to_string(prev->key_location.line) + ":" +
                             std::to_string(prev->key_location.column) + "; expected each key once");
          ConfigNode value = Convert(kv.second, depth + 1);
          // An empty value ("actors:") has no position of its own; its key is where the user looks.
          if (value.IsNull()) value.location = key_at;
          RefuseDecimalComma(out, key, key_at, value);
          out.entries.push_back(ConfigNode::Entry{key, key_at, std::move(value)});
        }
        break;
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

  // The file has no NUL byte (CheckTextEncoding), but the escape "\0" or
  // "\u0000" makes one, which C strings (HDF5 names, messages) would cut at.
  static void RefuseNul(const std::string& text, const SourceLocation& at) {
    if (text.find('\0') != std::string::npos)
      Fail(at, "text with a NUL character (an escape \\0 or \\u0000); expected text without one");
  }

  const std::string& file_;
  const ParseLimits& limits_;
  std::size_t count_ = 0;
};

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
  if (::stat(path.c_str(), &st) != 0)
    Fail(where, "cannot open '" + path + "': " + std::strerror(errno) + "; expected an existing file");
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
  } catch (const YAML::Exception& e) {
    const SourceLocation at = At(file_name, e.mark);
    const std::string hint = YamlSyntaxHint(text, at.line);
    Fail(at, "invalid YAML: " + e.msg + "; " + (hint.empty() ? "expected well-formed YAML" : hint));
  }
  Converter converter(file_name, limits);
  try {
    return converter.Convert(root, 0);
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
