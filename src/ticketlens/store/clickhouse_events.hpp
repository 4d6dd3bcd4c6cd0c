#pragma once
// Events in ClickHouse ([events] backend = "clickhouse", docs/scale.md): the store keeps the
// manifest of live segments in SQLite, as for segment files; the rows live in ClickHouse, tagged
// with their segment, in DATABASE.events_local (MergeTree ordered by account and time) on every
// shard, queried through DATABASE.events (Distributed over CLUSTER, sharded by
// cityHash64(account_id)). With no cluster, DATABASE.events is the MergeTree table itself.
//
// Readers only ever see segments the manifest names (every query filters segment IN (...)), so a
// killed ingest leaves rows no one reads; the next writer deletes them on every shard.
//
// The SQL keeps to what both Debian's ClickHouse 18.16 and current releases accept: one JOIN per
// SELECT (GLOBAL, with USING), range conditions in WHERE, no window functions, join_use_nulls set.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ticketlens/net/clickhouse.hpp"
#include "ticketlens/store/segment_storage.hpp"

namespace ticketlens::store {

struct ClickHouseEventsConfig {
  net::ClickHouseEndpoint endpoint;  ///< where inserts and queries go
  std::string database = "ticketlens";
  std::string cluster;  ///< a remote_servers name of the servers' config; empty: one server
  /// Each shard's HTTP endpoint, for DDL and deletes (distributed DDL would need ZooKeeper);
  /// empty: just `endpoint`.
  std::vector<net::ClickHouseEndpoint> shards;
};

class ClickHouseEvents {
 public:
  explicit ClickHouseEvents(ClickHouseEventsConfig config);

  /// Creates the database and tables where missing, on every shard (idempotent).
  void create_schema() const;
  /// DATABASE.events: the table to insert into and query.
  [[nodiscard]] std::string table() const;
  /// "segment IN ('a', 'b')" for the given live segments ("0" when there are none).
  [[nodiscard]] static std::string live_filter(const std::vector<std::string>& live);
  [[nodiscard]] const net::ClickHouseClient& client() const noexcept { return client_; }
  [[nodiscard]] const ClickHouseEventsConfig& config() const noexcept { return config_; }

  /// Segments present in ClickHouse (live or not).
  [[nodiscard]] std::set<std::string> stored_segments() const;
  /// Deletes the rows of these segments on every shard (an asynchronous mutation).
  void delete_segments(const std::vector<std::string>& names) const;

 private:
  [[nodiscard]] std::string local_table() const;
  ClickHouseEventsConfig config_;
  net::ClickHouseClient client_;
};

/// Segments as rows of the ClickHouse events table (segment names "ch-...").
class ClickHouseSegmentStorage final : public SegmentStorage {
 public:
  explicit ClickHouseSegmentStorage(std::shared_ptr<const ClickHouseEvents> events) : events_(std::move(events)) {}
  [[nodiscard]] std::string name(const std::string& base) const override;
  void write(const EventBatch& batch, const std::string& name) override;
  SegmentKeys read_keys(const std::string& name) override;
  Written rewrite_without(const std::string& from, const std::vector<std::uint32_t>& drop,
                          const std::string& to) override;
  std::size_t remove_orphans(const std::set<std::string>& live) override;
  void remove(const std::vector<std::string>& names) noexcept override;
  [[nodiscard]] bool owns(const std::string& name) const override { return is_clickhouse_segment(name); }

 private:
  std::shared_ptr<const ClickHouseEvents> events_;
};

}  // namespace ticketlens::store
