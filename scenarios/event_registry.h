#pragma once

#include <functional>
#include <map>
#include <set>
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
  // `world` is the world being built: parsers may declare ceasefires and negotiations in it.
  std::function<std::unique_ptr<Event>(MapReader& reader, Event::Header header, const References& refs, World& world)>
      parse;
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

// Reads one event of any registered type. `sequence` is its tie-breaking rank.
// `names` collects event names to reject duplicates (may be null). Events
// nested in a trigger pass the trigger's header as `parent`: they take its
// date and need none of their own. Returns null after reporting errors.
std::unique_ptr<Event> ParseEvent(const ConfigNode& item, int sequence, World& world, const References& refs,
                                  std::set<std::string>* names, const Event::Header* parent);
const EventRegistry& BuiltinEventRegistry();

}  // namespace diplosim
