#pragma once
// The tables and JSON documents of the precursor, alert and retention analyses, shared by the CLI
// (`--format json|csv|table`), the HTTP API (/api/precursors, /api/alerts, /api/retention) and the
// HTML report, so every output of an analysis names its fields the same way. Non-finite numbers
// become null.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ticketlens/analysis/alerts.hpp"
#include "ticketlens/analysis/precursors.hpp"
#include "ticketlens/analysis/retention/churn_cox.hpp"
#include "ticketlens/analysis/retention/cohorts.hpp"
#include "ticketlens/analysis/retention/support_contact.hpp"
#include "ticketlens/analysis/retention/survival_by_group.hpp"
#include "ticketlens/report/table.hpp"

namespace ticketlens::report {

// Precursors (precursors_json.cpp).
/// rank, event, category, shares, lift and its interval, p, q, …: the significant pairs, or all with `all`.
Table precursor_pairs_table(const analysis::PrecursorReport& r, bool all);
Table precursor_paths_table(const analysis::PrecursorReport& r);
Table precursor_errors_table(const analysis::PrecursorReport& r);
Table precursor_windows_table(const analysis::PrecursorReport& r);
/// The whole report: period, options, counts, categories, pairs, paths, errors.
nlohmann::json precursors_json(const analysis::PrecursorReport& r, const analysis::Period& period,
                               const analysis::PrecursorOptions& options, bool all);

// Alerts (alerts_json.cpp).
/// One row per alert, most severe first; `evidence` is `name=value …`, `ticket_ids` `;`-separated.
/// An alert's evidence numbers as `name=value` pairs, space-separated.
std::string numbers_text(const std::map<std::string, double>& numbers);
/// Ids joined with ';'.
std::string join(const std::vector<std::string>& ids);
Table alerts_table(const analysis::AlertReport& r);
/// `{"period": label, "alerts": [...]}`, each alert as in the snapshot's signals.alerts.
nlohmann::json alerts_json(const analysis::AlertReport& r);

// Retention (retention_json.cpp).
nlohmann::json survival_json(const analysis::retention::SurvivalByGroup& s);
nlohmann::json support_json(const analysis::retention::SupportComparison& s);
nlohmann::json churn_cox_json(const analysis::retention::ChurnCox& c);
nlohmann::json cohorts_json(const analysis::retention::CohortReport& c);

}  // namespace ticketlens::report
