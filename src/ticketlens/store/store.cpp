#include "ticketlens/store/store.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/file.h>
#include <unistd.h>

#include <set>

#include "ticketlens/common/error.hpp"
#include "ticketlens/store/segment_storage.hpp"

namespace ticketlens::store {
namespace {

constexpr const char* kDbFile = "ticketlens.db";

const char* sql_type(model::ColumnType t) {
  switch (t) {
    case model::ColumnType::kTimestamp:
    case model::ColumnType::kInteger:
    case model::ColumnType::kBool01:
      return "INTEGER";
    case model::ColumnType::kReal:
      return "REAL";
    default:
      return "TEXT";
  }
}

}  // namespace

std::string create_table_sql(const model::KindSchema& schema) {
  std::vector<std::string> cols;
  for (const auto& c : schema.columns)
    cols.push_back(fmt::format("{} {}{}", c.name, sql_type(c.type), c.required ? " NOT NULL" : ""));
  cols.emplace_back("_hash INTEGER NOT NULL");
  cols.emplace_back("_ingest INTEGER NOT NULL");
  return fmt::format("CREATE TABLE IF NOT EXISTS {} ({}, PRIMARY KEY ({})) WITHOUT ROWID",
                     schema.name, fmt::join(cols, ", "), fmt::join(schema.key, ", "));
}

Store::Store(std::filesystem::path dir, std::unique_ptr<Database> db)
    : dir_(std::move(dir)), db_(std::move(db)) {
  db_->exec("PRAGMA journal_mode=WAL");
  db_->exec("PRAGMA synchronous=FULL");  // a committed ingest survives power loss
  db_->exec("PRAGMA foreign_keys=OFF");  // references are checked by ingest, with messages
  db_->exec("PRAGMA cache_size=-65536");
}

Store::~Store() = default;

std::unique_ptr<Store> Store::create(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "segments");
  auto store = std::unique_ptr<Store>(
      new Store(dir, std::make_unique<Database>((dir / kDbFile).string(), true)));
  store->migrate();
  return store;
}

std::unique_ptr<Store> Store::open(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir / kDbFile))
    throw Error(ErrorCode::kNotFound,
                fmt::format("no ticketlens workspace in {} (no {}); create one with `ticketlens "
                            "init --workspace {}` or pass --workspace DIR",
                            dir.string(), kDbFile, dir.string()));
  std::filesystem::create_directories(dir / "segments");
  auto store = std::unique_ptr<Store>(
      new Store(dir, std::make_unique<Database>((dir / kDbFile).string(), false)));
  store->migrate();
  return store;
}

// Migrations run in order inside one transaction; each moves the schema one version up.
void Store::migrate() {
  db_->exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
  const std::int64_t current = db_->query_int("SELECT value FROM meta WHERE key='schema_version'").value_or(0);
  if (current > kSchemaVersion)
    throw Error(ErrorCode::kStore,
                fmt::format("the store in {} has schema version {}, newer than this ticketlens "
                            "understands ({}); upgrade ticketlens",
                            dir_.string(), current, kSchemaVersion));
  if (current == kSchemaVersion) return;
  Transaction tx(*db_);
  if (current < 1) {
    for (const auto& schema : model::all_schemas()) {
      if (schema.kind == model::Kind::kEvents) continue;
      db_->exec(create_table_sql(schema));
    }
    db_->exec(
        "CREATE TABLE IF NOT EXISTS event_segments (id INTEGER PRIMARY KEY, file TEXT NOT NULL "
        "UNIQUE, rows INTEGER NOT NULL, min_ts INTEGER, max_ts INTEGER, ingest_id INTEGER)");
    db_->exec(
        "CREATE TABLE IF NOT EXISTS ingest_log (id INTEGER PRIMARY KEY, command_id INTEGER NOT "
        "NULL, path TEXT NOT NULL, kind TEXT NOT NULL, format TEXT NOT NULL, size INTEGER, "
        "sha256 TEXT, inserted INTEGER, updated INTEGER, unchanged INTEGER, rejected INTEGER, "
        "started_at INTEGER, ended_at INTEGER, status TEXT NOT NULL)");
    db_->exec("INSERT OR IGNORE INTO meta VALUES ('data_version', 0)");
  }
  if (current < 2) {
    // Bearer tokens of `ticketlens serve`: only their SHA-256 is kept (store/tokens.hpp).
    db_->exec(
        "CREATE TABLE IF NOT EXISTS api_tokens (sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, "
        "prefix TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER)");
  }
  if (current < 3) {
    // Labels predicted by `ticketlens categorize apply`, apart from the given ones (predictions.hpp).
    db_->exec(
        "CREATE TABLE IF NOT EXISTS ticket_predictions (ticket_id TEXT NOT NULL, field TEXT NOT NULL, label TEXT, "
        "confidence REAL NOT NULL, source TEXT NOT NULL, model TEXT NOT NULL, predicted_at INTEGER NOT NULL, "
        "PRIMARY KEY (ticket_id, field)) WITHOUT ROWID");
  }
  db_->prepare("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)").bind(1, std::int64_t{kSchemaVersion}).step();
  tx.commit();
}

std::int64_t Store::data_version() {
  return db_->query_int("SELECT value FROM meta WHERE key='data_version'").value_or(0);
}

void Store::bump_data_version() {
  db_->exec("UPDATE meta SET value = value + 1 WHERE key='data_version'");
}

std::int64_t Store::schema_version() {
  return db_->query_int("SELECT value FROM meta WHERE key='schema_version'").value_or(0);
}

std::vector<SegmentInfo> Store::segments() {
  std::vector<SegmentInfo> out;
  auto s = db_->prepare("SELECT id, file, rows, min_ts, max_ts FROM event_segments ORDER BY id");
  while (s.step())
    out.push_back({s.column_int(0), std::string(s.column_text(1)), s.column_int(2), s.column_int(3),
                   s.column_int(4)});
  return out;
}

std::map<std::string, std::int64_t> Store::row_counts() {
  std::map<std::string, std::int64_t> out;
  for (const auto& schema : model::all_schemas()) {
    if (schema.kind == model::Kind::kEvents) {
      out["events"] = db_->query_int("SELECT COALESCE(SUM(rows), 0) FROM event_segments").value_or(0);
    } else {
      out[std::string(schema.name)] =
          db_->query_int(fmt::format("SELECT COUNT(*) FROM {}", schema.name)).value_or(0);
    }
  }
  return out;
}

std::vector<IngestLogEntry> Store::ingest_log(std::int64_t limit) {
  std::vector<IngestLogEntry> out;
  auto s = db_->prepare(
      "SELECT id, command_id, path, kind, format, size, sha256, inserted, updated, unchanged, "
      "rejected, started_at, ended_at, status FROM ingest_log ORDER BY id DESC LIMIT ?");
  s.bind(1, limit);
  while (s.step()) {
    IngestLogEntry e;
    e.id = s.column_int(0);
    e.command_id = s.column_int(1);
    e.path = s.column_text(2);
    e.kind = s.column_text(3);
    e.format = s.column_text(4);
    e.size = s.column_int(5);
    e.sha256 = s.column_text(6);
    e.inserted = s.column_int(7);
    e.updated = s.column_int(8);
    e.unchanged = s.column_int(9);
    e.rejected = s.column_int(10);
    e.started_at = s.column_int(11);
    e.ended_at = s.column_int(12);
    e.status = s.column_text(13);
    out.push_back(std::move(e));
  }
  return out;
}

Store::WriterLock::WriterLock(const std::filesystem::path& lock_file) {
  fd_ = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0)
    throw Error(ErrorCode::kIo, fmt::format("cannot lock {}", lock_file.string()));
}

Store::WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

std::unique_ptr<Store::WriterLock> Store::lock_for_writing() {
  return std::make_unique<WriterLock>(dir_ / ".lock");
}

std::size_t Store::remove_orphan_segments() {
  std::set<std::string> live;
  for (const auto& s : segments()) live.insert(s.file);
  return FileSegmentStorage(segments_dir()).remove_orphans(live);
}

}  // namespace ticketlens::store
