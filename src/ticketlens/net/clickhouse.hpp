#pragma once
// A client of ClickHouse's HTTP interface (port 8123 by default): statements, queries with
// TabSeparated results, inserts of TabSeparated rows, and external tables (data sent with the
// query as multipart form parts, shipped by the server to every shard of a Distributed query that
// names it with GLOBAL). Works with Debian's ClickHouse 18.16 and with current releases.
//
// Failures throw Error(kIo) with the server's message (e.g. "Code: 60, e.displayText() =
// DB::Exception: Table tl.x doesn't exist") or the connection error, and the URL.
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens::net {

struct ClickHouseEndpoint {
  std::string url = "http://127.0.0.1:8123";  ///< http://host:port
  std::string user = "default";
  std::string password;
  double timeout_seconds = 300;  ///< read timeout of one request
};

/// Rows of a TabSeparated result, fields unescaped.
using TsvRows = std::vector<std::vector<std::string>>;

/// A table sent with a query: `name` is usable in the SQL; `structure` is ClickHouse's
/// "col Type, col Type"; `tsv` the rows as TabSeparated text (see tsv_escape).
struct ExternalTable {
  std::string name, structure, tsv;
};

class ClickHouseClient {
 public:
  explicit ClickHouseClient(ClickHouseEndpoint endpoint);

  /// Runs a statement (DDL, ALTER, INSERT ... SELECT); the result text is returned as is.
  std::string execute(std::string_view sql) const;
  /// Runs a SELECT and parses its TabSeparated result (FORMAT is appended; do not write one).
  TsvRows query(std::string_view sql, const std::vector<ExternalTable>& external = {}) const;
  /// INSERT INTO `table` FORMAT TabSeparated with `tsv` as the data, synchronously on every
  /// shard when `table` is Distributed (insert_distributed_sync=1).
  void insert_tsv(std::string_view table, const std::string& tsv) const;
  /// SELECT version().
  std::string version() const;

  [[nodiscard]] const ClickHouseEndpoint& endpoint() const noexcept { return endpoint_; }

 private:
  std::string post(const std::string& params, const std::string& body,
                   const std::vector<ExternalTable>& external) const;
  ClickHouseEndpoint endpoint_;
};

/// A field escaped for TabSeparated: backslash, tab, newline, carriage return.
std::string tsv_escape(std::string_view field);
/// A string literal for SQL: single-quoted, backslash and quote escaped.
std::string sql_quote(std::string_view s);
/// Parses TabSeparated text into rows (fields unescaped).
TsvRows parse_tsv(std::string_view text);

}  // namespace ticketlens::net
