#pragma once
// The workspace's system of record: DIR/ticketlens.db (SQLite, WAL, versioned schema) for every
// entity but events, and DIR/segments/*.seg (columnar event segments) whose manifest lives in
// the same SQLite file, so one SQLite transaction commits both (docs/decisions/0001).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ticketlens/model/schema.hpp"
#include "ticketlens/store/sqlite.hpp"

namespace ticketlens::store {

/// 1: entities, event segments, ingest log; 2: api_tokens (the server's bearer tokens);
/// 3: ticket_predictions (labels predicted by `categorize apply`).
inline constexpr int kSchemaVersion = 3;

struct SegmentInfo {
  std::int64_t id = 0;
  std::string file;  ///< relative to the segments folder
  std::int64_t rows = 0;
  std::int64_t min_ts = 0, max_ts = 0;
};

struct IngestLogEntry {
  std::int64_t id = 0;
  std::int64_t command_id = 0;
  std::string path, kind, format, sha256, status;
  std::int64_t size = 0, inserted = 0, updated = 0, unchanged = 0, rejected = 0;
  std::int64_t started_at = 0, ended_at = 0;
};

class Store {
 public:
  /// Creates the store in an existing folder (idempotent: an existing store is opened and
  /// migrated).
  static std::unique_ptr<Store> create(const std::filesystem::path& dir);
  /// Opens an existing store; Error(kNotFound) with a hint to run `ticketlens init` if absent.
  static std::unique_ptr<Store> open(const std::filesystem::path& dir);

  Database& db() noexcept { return *db_; }
  [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }
  [[nodiscard]] std::filesystem::path segments_dir() const { return dir_ / "segments"; }

  /// Bumped by every ingest that changed data; keys derived caches.
  std::int64_t data_version();
  void bump_data_version();
  std::int64_t schema_version();

  std::vector<SegmentInfo> segments();
  /// Rows per entity kind (events from the segment manifest).
  std::map<std::string, std::int64_t> row_counts();
  std::vector<IngestLogEntry> ingest_log(std::int64_t limit = 50);

  /// Takes the workspace's writer lock (flock on DIR/.lock) for the lifetime of the returned
  /// object; waits for another writer to finish.
  class WriterLock;
  std::unique_ptr<WriterLock> lock_for_writing();
  /// Deletes segment files that no manifest row names (left by a killed ingest). Call only
  /// under the writer lock.
  std::size_t remove_orphan_segments();

  ~Store();

 private:
  explicit Store(std::filesystem::path dir, std::unique_ptr<Database> db);
  void migrate();

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

class Store::WriterLock {
 public:
  explicit WriterLock(const std::filesystem::path& lock_file);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

/// SQL of the table that holds a kind (not events): one column per schema column plus
/// _hash (content hash) and _ingest (the ingest log id that last wrote the row).
std::string create_table_sql(const model::KindSchema& schema);

}  // namespace ticketlens::store
