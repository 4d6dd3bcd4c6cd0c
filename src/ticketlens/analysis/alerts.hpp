#pragma once
// Alerts of a period, usually an ISO week (docs/metrics.md, "Alerts"):
// - cost_spike: a category's ticket cost in the period beyond a robust z-score (median / MAD) of
//   the trailing weeks;
// - release_ticket_rate: after a release, tickets per 1,000 active accounts in a product area it
//   names, in the days after against the same number of days before, as a Poisson rate ratio
//   whose interval lies above 1;
// - release_retention: the 30-day retention of the accounts active at a release against those
//   active at the previous release, when it fell significantly (Fisher's exact test).
// Each alert carries its evidence: numbers by name, the periods compared, the product area or
// category, and the tickets behind it. Alerts are ranked by the strength of their evidence
// (−log10 of their p-value, the one-sided normal tail for a robust z).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ticketlens/analysis/period.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

struct Alert {
  std::string kind;          ///< cost_spike | release_ticket_rate | release_retention
  std::string title;         ///< one line that says what happened, with its numbers
  std::string category;      ///< cost_spike: the category
  std::string product_area;  ///< release_ticket_rate: the area; else "" (all)
  std::string release_id;    ///< release alerts: the release
  Period observed;           ///< the period looked at (the week; the days after the release)
  Period baseline;           ///< what it is compared with (the trailing weeks; the days before)
  std::map<std::string, double> numbers;  ///< evidence by name (docs/metrics.md lists them)
  std::int64_t ticket_count = 0;          ///< tickets behind the alert
  std::vector<std::string> ticket_ids;    ///< the first kMaxAlertTickets of them, costliest or earliest first
  double p = 1;              ///< p-value of the evidence
  double severity = 0;       ///< −log10(p), capped at 300; the ranking key
};

inline constexpr std::size_t kMaxAlertTickets = 20;

struct AlertReport {
  Period period;
  std::vector<Alert> alerts;  ///< fired alerts, most severe first
};

/// The alerts of `period` (normally an ISO week; the trailing weeks are the whole weeks before
/// period.from). Settings from [alerts]. Nothing throws for a period without data.
AlertReport compute_alerts(const model::World& world, const model::Config& config, Period period);

/// The release alerts alone (compute_alerts calls it).
std::vector<Alert> release_alerts(const model::World& world, const model::Config& config, Period period);

/// −log10(p) capped at 300 (p = 0 gives 300).
double alert_severity(double p);

}  // namespace ticketlens::analysis
