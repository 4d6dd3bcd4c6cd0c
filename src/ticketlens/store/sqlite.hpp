#pragma once
// A thin RAII layer over SQLite: every failure becomes Error(kStore) with SQLite's message.
// Parameters are always bound, never pasted into SQL text.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ticketlens::store {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind_null(int index);
  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, double v);
  Statement& bind(int index, std::string_view v);  ///< copied by SQLite (SQLITE_TRANSIENT)
  /// Binds a text that outlives the next step (no copy).
  Statement& bind_static(int index, std::string_view v);
  /// true while a row is available; false when done.
  bool step();
  void reset();
  [[nodiscard]] bool is_null(int col) const;
  [[nodiscard]] std::int64_t column_int(int col) const;
  [[nodiscard]] double column_double(int col) const;
  [[nodiscard]] std::string_view column_text(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  /// Opens (creating if asked) a database file.
  Database(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  /// The first column of the first row, if any.
  std::optional<std::int64_t> query_int(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  /// Rows changed by the last INSERT, UPDATE or DELETE.
  [[nodiscard]] std::int64_t changes() const;
  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace ticketlens::store
