#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/node_reader.h"
#include "scenarios/references.h"
#include "sim/event.h"

namespace diplosim {

// Keys every event accepts, whatever its type.
const std::vector<std::string>& CommonEventKeys();

// How one event type is read from a scenario. `keys` are the type's own keys
// (besides the common ones). `parse` returns nullptr after reporting errors.
struct EventType {
  std::string name;
  std::string summary;  // one line for docs and --help
  std::vector<std::string> keys;
  std::function<std::unique_ptr<Event>(MapReader& reader, Event::Header header, const References& refs)> parse;
};

// Event types by name. Filled by an explicit list (RegisterBuiltinEventTypes)
// rather than static self-registration, which the linker drops from static
// libraries.
class EventRegistry {
 public:
  void Register(EventType type);
  const EventType* Find(const std::string& name) const;
  std::vector<std::string> Names() const;

 private:
  std::map<std::string, EventType> types_;
};

void RegisterBuiltinEventTypes(EventRegistry& registry);
const EventRegistry& BuiltinEventRegistry();

}  // namespace diplosim
