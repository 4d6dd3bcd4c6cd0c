#include "ticketlens/snapshot/history.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace ticketlens::snapshot {
namespace {

constexpr std::string_view kSelect =
    "SELECT kind, period_start, period_end, created_at, label, metrics, fired, document FROM snapshot_history ";

StoredSnapshot read_row(const store::Statement& s) {
  StoredSnapshot out;
  out.kind = std::string(s.column_text(0));
  out.period_start = s.column_int(1);
  out.period_end = s.column_int(2);
  out.created_at = s.column_int(3);
  out.label = std::string(s.column_text(4));
  // Named locals: a range-for over items() of a temporary would outlive the temporary.
  const auto metrics = nlohmann::json::parse(s.column_text(5));
  for (const auto& [k, v] : metrics.items())
    out.metrics[k] = v.is_number() ? v.get<double>() : std::numeric_limits<double>::quiet_NaN();
  const auto fired = nlohmann::json::parse(s.column_text(6));
  for (const auto& name : fired) out.fired.insert(name.get<std::string>());
  out.document = std::string(s.column_text(7));
  return out;
}

}  // namespace

SnapshotHistory::SnapshotHistory(store::Database& db) : db_(db) {
  db_.exec(
      "CREATE TABLE IF NOT EXISTS snapshot_history ("
      " kind TEXT NOT NULL, period_start INTEGER NOT NULL, period_end INTEGER NOT NULL,"
      " created_at INTEGER NOT NULL, label TEXT NOT NULL, metrics TEXT NOT NULL, fired TEXT NOT NULL,"
      " document TEXT NOT NULL, PRIMARY KEY (kind, period_start))");
}

void SnapshotHistory::save(const StoredSnapshot& snapshot) {
  nlohmann::json metrics = nlohmann::json::object();
  for (const auto& [k, v] : snapshot.metrics) metrics[k] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
  const nlohmann::json fired(snapshot.fired);
  auto s = db_.prepare(
      "INSERT OR REPLACE INTO snapshot_history (kind, period_start, period_end, created_at, label, metrics, "
      "fired, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, std::string_view(snapshot.kind))
      .bind(2, static_cast<std::int64_t>(snapshot.period_start))
      .bind(3, static_cast<std::int64_t>(snapshot.period_end))
      .bind(4, static_cast<std::int64_t>(snapshot.created_at))
      .bind(5, std::string_view(snapshot.label))
      .bind(6, std::string_view(metrics.dump()))
      .bind(7, std::string_view(fired.dump()))
      .bind(8, std::string_view(snapshot.document));
  s.step();
}

std::optional<StoredSnapshot> SnapshotHistory::find(const std::string& kind, Timestamp period_start) {
  auto s = db_.prepare(std::string(kSelect) + "WHERE kind = ? AND period_start = ?");
  s.bind(1, std::string_view(kind)).bind(2, static_cast<std::int64_t>(period_start));
  if (!s.step()) return std::nullopt;
  return read_row(s);
}

std::vector<StoredSnapshot> SnapshotHistory::before(const std::string& kind, Timestamp t) {
  auto s = db_.prepare(std::string(kSelect) + "WHERE kind = ? AND period_end <= ? ORDER BY period_start DESC");
  s.bind(1, std::string_view(kind)).bind(2, static_cast<std::int64_t>(t));
  std::vector<StoredSnapshot> out;
  while (s.step()) out.push_back(read_row(s));
  return out;
}

}  // namespace ticketlens::snapshot
