#pragma once
// Builds the World from the store, and keeps a derived, checksummed columnar cache of it
// (DIR/cache/world.bin) that is rebuilt whenever the store's data version moved on.
#include <functional>
#include <string>

#include "ticketlens/model/world.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::store {

struct LoadOptions {
  bool use_cache = true;  ///< read (and write) DIR/cache/world.bin
  /// The caller computes its event reductions with model::EventKernels (the ClickHouse ones when
  /// the events live there). false: a workspace whose events live in ClickHouse is an
  /// Error(kConfig), since the World would hold none of them and every event count would be 0.
  bool external_events = false;
  std::function<void(const std::string&)> progress;
};

struct LoadInfo {
  bool from_cache = false;
  double seconds = 0;
};

model::World load_world(Store& store, const LoadOptions& options = {}, LoadInfo* info = nullptr);
/// Builds from SQLite and the segments, ignoring any cache.
model::World build_world(Store& store);

void write_world_cache(const model::World& world, const std::filesystem::path& path);
/// Reads a cache; throws Error(kStore) when it is corrupt or of another format version.
model::World read_world_cache(const std::filesystem::path& path);

}  // namespace ticketlens::store
