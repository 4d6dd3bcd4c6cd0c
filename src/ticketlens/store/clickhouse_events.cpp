#include "ticketlens/store/clickhouse_events.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "ticketlens/common/error.hpp"

namespace ticketlens::store {
namespace {

constexpr const char* kColumns =
    "segment String, account_id String, ts Int64, user_id String, session_id String, name String, "
    "product_area String, platform String, is_error Int8, duration_ms Int64, event_id String, "
    "properties String, key_hash UInt64, content_hash UInt64";
constexpr const char* kColumnNames =
    "segment, account_id, ts, user_id, session_id, name, product_area, platform, is_error, "
    "duration_ms, event_id, properties, key_hash, content_hash";
constexpr std::size_t kInsertRows = 250'000;  // rows per INSERT request

std::uint64_t to_u64(const std::string& s) {
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    throw Error(ErrorCode::kIo, fmt::format("ClickHouse returned '{}' where a number was expected", s));
  return v;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += net::sql_quote(n);
  }
  return out;
}

}  // namespace

ClickHouseEvents::ClickHouseEvents(ClickHouseEventsConfig config)
    : config_(std::move(config)), client_(config_.endpoint) {
  if (config_.shards.empty()) config_.shards.push_back(config_.endpoint);
  const auto ok = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
  };
  if (!ok(config_.database))
    throw Error(ErrorCode::kConfig, fmt::format("events.database '{}': use letters, digits and _", config_.database));
  if (!config_.cluster.empty() && !ok(config_.cluster))
    throw Error(ErrorCode::kConfig, fmt::format("events.cluster '{}': use letters, digits and _", config_.cluster));
}

std::string ClickHouseEvents::table() const { return config_.database + ".events"; }
std::string ClickHouseEvents::local_table() const {
  return config_.database + (config_.cluster.empty() ? ".events" : ".events_local");
}

std::string ClickHouseEvents::live_filter(const std::vector<std::string>& live) {
  if (live.empty()) return "0";
  return fmt::format("segment IN ({})", quoted_list(live));
}

void ClickHouseEvents::create_schema() const {
  // MergeTree ordered by account and time (the per-account windows read contiguous ranges),
  // partitioned by month of ts (seconds since the epoch, UTC).
  const std::string merge_tree = fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ({}) ENGINE = MergeTree() PARTITION BY intDiv(ts, 2592000) "
      "ORDER BY (account_id, ts)",
      local_table(), kColumns);
  for (const auto& shard : config_.shards) {
    const net::ClickHouseClient c(shard);
    c.execute(fmt::format("CREATE DATABASE IF NOT EXISTS {}", config_.database));
    c.execute(merge_tree);
    if (!config_.cluster.empty())
      c.execute(fmt::format("CREATE TABLE IF NOT EXISTS {} AS {} ENGINE = Distributed({}, {}, events_local, "
                            "cityHash64(account_id))",
                            table(), local_table(), config_.cluster, config_.database));
  }
}

std::set<std::string> ClickHouseEvents::stored_segments() const {
  std::set<std::string> out;
  for (auto& row : client_.query(fmt::format("SELECT DISTINCT segment FROM {}", table())))
    out.insert(std::move(row.at(0)));
  return out;
}

void ClickHouseEvents::delete_segments(const std::vector<std::string>& names) const {
  if (names.empty()) return;
  for (const auto& shard : config_.shards)
    net::ClickHouseClient(shard).execute(
        fmt::format("ALTER TABLE {} DELETE WHERE segment IN ({})", local_table(), quoted_list(names)));
}

std::string ClickHouseSegmentStorage::name(const std::string& base) const {
  return std::string(kClickHouseSegmentPrefix) + base;
}

void ClickHouseSegmentStorage::write(const EventBatch& b, const std::string& name) {
  std::string tsv;
  const auto flush = [&] {
    if (!tsv.empty()) events_->client().insert_tsv(events_->table(), tsv);
    tsv.clear();
  };
  const std::string seg = net::tsv_escape(name);
  for (std::size_t r = 0; r < b.size(); ++r) {
    const auto code = [](const Dictionary& d, std::uint32_t c) {
      return c == Dictionary::kMissing ? std::string_view() : d.at(c);
    };
    fmt::format_to(std::back_inserter(tsv), "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", seg,
                   net::tsv_escape(b.account_ids.at(b.account[r])), b.ts[r], net::tsv_escape(b.user_id.at(r)),
                   net::tsv_escape(b.session_id.at(r)), net::tsv_escape(b.names.at(b.name[r])),
                   net::tsv_escape(code(b.product_areas, b.product_area[r])),
                   net::tsv_escape(code(b.platforms, b.platform[r])), static_cast<int>(b.is_error[r]),
                   b.duration_ms[r], net::tsv_escape(b.event_id.at(r)), net::tsv_escape(b.properties.at(r)),
                   b.key_hash[r], b.content_hash[r]);
    if ((r + 1) % kInsertRows == 0) flush();
  }
  flush();
}

SegmentKeys ClickHouseSegmentStorage::read_keys(const std::string& name) {
  SegmentKeys keys;
  const auto rows = events_->client().query(
      fmt::format("SELECT key_hash, content_hash FROM {} WHERE segment = {} ORDER BY key_hash, content_hash",
                  events_->table(), net::sql_quote(name)));
  keys.key_hash.reserve(rows.size());
  keys.content_hash.reserve(rows.size());
  for (const auto& row : rows) {
    keys.key_hash.push_back(to_u64(row.at(0)));
    keys.content_hash.push_back(to_u64(row.at(1)));
  }
  return keys;
}

SegmentStorage::Written ClickHouseSegmentStorage::rewrite_without(const std::string& from,
                                                                  const std::vector<std::uint32_t>& drop,
                                                                  const std::string& to) {
  const SegmentKeys keys = read_keys(from);
  std::string dropped;
  for (auto r : drop) {
    if (!dropped.empty()) dropped += ", ";
    dropped += std::to_string(keys.key_hash.at(r));
  }
  const std::string where = fmt::format("segment = {}{}", net::sql_quote(from),
                                        dropped.empty() ? "" : fmt::format(" AND key_hash NOT IN ({})", dropped));
  std::string columns = kColumnNames;
  columns = columns.substr(columns.find(',') + 2);  // all but segment
  // Columns map by position; the new name must not be aliased `segment`, which WHERE would then
  // read instead of the stored column.
  events_->client().execute(fmt::format("INSERT INTO {} ({}) SELECT {} AS new_segment, {} FROM {} WHERE {}",
                                        events_->table(), kColumnNames, net::sql_quote(to), columns,
                                        events_->table(), where));
  Written w;
  const auto rows = events_->client().query(
      fmt::format("SELECT count(), min(ts), max(ts) FROM {} WHERE segment = {}", events_->table(), net::sql_quote(to)));
  w.rows = static_cast<std::int64_t>(to_u64(rows.at(0).at(0)));
  if (w.rows > 0) {
    w.min_ts = std::stoll(rows.at(0).at(1));
    w.max_ts = std::stoll(rows.at(0).at(2));
  }
  return w;
}

std::size_t ClickHouseSegmentStorage::remove_orphans(const std::set<std::string>& live) {
  std::vector<std::string> orphans;
  for (const auto& s : events_->stored_segments())
    if (!live.count(s)) orphans.push_back(s);
  events_->delete_segments(orphans);
  return orphans.size();
}

void ClickHouseSegmentStorage::remove(const std::vector<std::string>& names) noexcept {
  try {
    events_->delete_segments(names);
  } catch (...) {
    // Left as orphans: no manifest names them, and the next writer deletes them.
  }
}

}  // namespace ticketlens::store
