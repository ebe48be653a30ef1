#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "sim/population.h"

namespace diplosim {

// Listening matrices already built in this process, by everything that
// determines one (the network's settings, the population's size and storage,
// and for a file its path, size and time), so that a sweep's points share
// their base scenario's matrices instead of each regenerating or re-reading a
// network of a million agents. Entries are weak: a matrix lives while a world
// uses it, and the sweep keeps its base world for its whole run, so a point
// that sweeps the network itself builds its own and the cache does not grow.
// Thread-safe: points bind on several threads.
class NetworkCache {
 public:
  std::shared_ptr<const ListeningMatrix> Find(const std::string& key);
  void Add(const std::string& key, const std::shared_ptr<const ListeningMatrix>& weights);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::weak_ptr<const ListeningMatrix>> entries_;
};

}  // namespace diplosim
