#pragma once
// Where event segments live. A segment is an immutable batch of events named in the store's
// manifest (SQLite table event_segments); the manifest, committed in the ingest's transaction,
// decides which segments are live (docs/decisions/0001). Two places hold their rows:
//   - files: WORKSPACE/segments/NAME (the embedded backend; the World loads them);
//   - ClickHouse: rows of the events table tagged segment = NAME ([events] backend = "clickhouse";
//     analyses push their event reductions down, see store/clickhouse_events.hpp).
// A segment written by a command that never commits is an orphan: no manifest row names it, no
// reader sees it, and the next writer removes it.
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "ticketlens/store/event_batch.hpp"
#include "ticketlens/store/segment.hpp"

namespace ticketlens::store {

class SegmentStorage {
 public:
  virtual ~SegmentStorage() = default;
  /// The manifest name of a new segment: `base` plus the storage's suffix.
  [[nodiscard]] virtual std::string name(const std::string& base) const = 0;
  /// Writes `batch` (sorted by key hash) durably as segment `name`, not yet live.
  virtual void write(const EventBatch& batch, const std::string& name) = 0;
  /// The identity columns of segment `name`, in its key order.
  virtual SegmentKeys read_keys(const std::string& name) = 0;
  /// Writes segment `to` holding the rows of `from` except rows `drop` (indices in key order).
  /// Returns the rows written and their ts range.
  struct Written {
    std::int64_t rows = 0;
    Timestamp min_ts = 0, max_ts = 0;
  };
  virtual Written rewrite_without(const std::string& from, const std::vector<std::uint32_t>& drop,
                                  const std::string& to) = 0;
  /// Removes segments that `live` does not name. Returns how many were removed (0 if unknown).
  virtual std::size_t remove_orphans(const std::set<std::string>& live) = 0;
  /// Removes the named segments (no longer live, or never committed). Best effort: never throws;
  /// what stays behind is an orphan for remove_orphans.
  virtual void remove(const std::vector<std::string>& names) noexcept = 0;
  /// Whether a manifest name belongs to this storage.
  [[nodiscard]] virtual bool owns(const std::string& name) const = 0;
};

/// Segment files in `dir` (the embedded backend).
class FileSegmentStorage final : public SegmentStorage {
 public:
  explicit FileSegmentStorage(std::filesystem::path dir) : dir_(std::move(dir)) {}
  [[nodiscard]] std::string name(const std::string& base) const override { return base + ".seg"; }
  void write(const EventBatch& batch, const std::string& name) override;
  SegmentKeys read_keys(const std::string& name) override;
  Written rewrite_without(const std::string& from, const std::vector<std::uint32_t>& drop,
                          const std::string& to) override;
  std::size_t remove_orphans(const std::set<std::string>& live) override;
  void remove(const std::vector<std::string>& names) noexcept override;
  [[nodiscard]] bool owns(const std::string& name) const override;

 private:
  std::filesystem::path dir_;
};

/// Manifest names of ClickHouse segments start with this prefix ("ch-...").
inline constexpr std::string_view kClickHouseSegmentPrefix = "ch-";
[[nodiscard]] inline bool is_clickhouse_segment(std::string_view name) {
  return name.substr(0, kClickHouseSegmentPrefix.size()) == kClickHouseSegmentPrefix;
}

}  // namespace ticketlens::store
