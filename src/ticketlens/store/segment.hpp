#pragma once
// Event segment files: immutable, checksummed columnar files holding a batch of events sorted by
// (account id, ts). The store's manifest (SQLite) says which segments are live.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "ticketlens/store/event_batch.hpp"

namespace ticketlens::store {

void write_segment(const EventBatch& batch, const std::filesystem::path& path);
EventBatch read_segment(const std::filesystem::path& path);

/// The identity columns only, for idempotency checks without reading whole segments.
struct SegmentKeys {
  std::vector<std::uint64_t> key_hash, content_hash;
};
SegmentKeys read_segment_keys(const std::filesystem::path& path);

}  // namespace ticketlens::store
