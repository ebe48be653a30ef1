#include "scenarios/network_cache.h"

#include <iterator>

namespace diplosim {

std::shared_ptr<const ListeningMatrix> NetworkCache::Find(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second.lock();
}

void NetworkCache::Add(const std::string& key, const std::shared_ptr<const ListeningMatrix>& weights) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Forget matrices no world holds any longer (a swept network's).
  for (auto it = entries_.begin(); it != entries_.end();) it = it->second.expired() ? entries_.erase(it) : std::next(it);
  entries_[key] = weights;
}

}  // namespace diplosim
