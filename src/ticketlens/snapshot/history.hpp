#pragma once
// Snapshot history in the workspace's SQLite file (table snapshot_history, created on first use):
// one row per (kind, period start), replaced when the same period is snapshotted again. It gives
// prev() its values and each playbook its follow-up against the last time it fired.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ticketlens/common/time.hpp"
#include "ticketlens/store/sqlite.hpp"

namespace ticketlens::snapshot {

struct StoredSnapshot {
  std::string kind;  ///< "week" or "period"
  Timestamp period_start = 0, period_end = 0, created_at = 0;
  std::string label;
  std::map<std::string, double> metrics;  ///< NaN stored as NULL in JSON, read back as NaN
  std::set<std::string> fired;            ///< names of the playbooks that fired
  std::string document;                   ///< the snapshot JSON
};

class SnapshotHistory {
 public:
  /// Creates the table if absent.
  explicit SnapshotHistory(store::Database& db);
  /// Inserts or replaces the snapshot of (kind, period_start).
  void save(const StoredSnapshot& snapshot);
  [[nodiscard]] std::optional<StoredSnapshot> find(const std::string& kind, Timestamp period_start);
  /// Snapshots of `kind` that ended at or before `t`, newest first.
  [[nodiscard]] std::vector<StoredSnapshot> before(const std::string& kind, Timestamp t);

 private:
  store::Database& db_;
};

}  // namespace ticketlens::snapshot
