#pragma once
// The weekly four-layer snapshot (DESIGN.md "Snapshot"; JSON schema in docs/snapshot-schema.md):
// signals, impact, cause and decision, as a versioned JSON document, with the named metrics the
// playbook rules read. History (prev() and playbook follow-ups) comes from SnapshotHistory.
#include <map>
#include <set>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "ticketlens/analysis/period.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"
#include "ticketlens/snapshot/history.hpp"

namespace ticketlens::snapshot {

inline constexpr int kSchemaVersion = 1;

struct Snapshot {
  nlohmann::json document;                 ///< the versioned JSON
  std::map<std::string, double> metrics;   ///< the named metrics (NaN when undefined)
  std::set<std::string> fired;             ///< playbooks whose trigger held
  analysis::Period period;
  std::string kind;                        ///< "week" for an ISO week, else "period"
};

/// The names playbook rules may use: every KPI of analysis::kpi_metrics plus the snapshot's own.
const std::set<std::string>& metric_names();

/// The named metrics of a period, computed from the world.
std::map<std::string, double> compute_metrics(const model::World& world, const model::Config& config,
                                              analysis::Period period);

/// Builds the snapshot of `period`. With a history, prev() reads the stored snapshot of the
/// previous period (else it is computed from the world) and fired playbooks get follow-ups.
/// Error(kConfig) when a playbook's `when` does not parse (naming the playbook).
/// `ticket_texts` (the subject per row of world.tickets over the period and its themes baseline:
/// themes_ticket_texts) feeds signals.themes; empty: the themes say no text was loaded.
Snapshot build_snapshot(const model::World& world, const model::Config& config, analysis::Period period,
                        SnapshotHistory* history = nullptr, std::span<const std::string> ticket_texts = {});

/// Replaces emails and phone numbers in every string of `j` (object keys stay): redact_pii.
/// build_snapshot applies it to its document when config.redact_pii is set.
void redact_strings(nlohmann::json& j);

/// The row to store for a snapshot.
StoredSnapshot to_stored(const Snapshot& snapshot, Timestamp now);

}  // namespace ticketlens::snapshot
