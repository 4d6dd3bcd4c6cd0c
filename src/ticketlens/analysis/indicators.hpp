#pragma once
// Leading and lagging indicators of a period (docs/metrics.md "Leading and lagging indicators").
// Leading (move before revenue does): the product's error rate by product area, the escalation
// rate, CSAT. Lagging (the outcomes): resolution time, cost per ticket, net revenue retention.
#include <cstdint>
#include <string>
#include <vector>

#include "ticketlens/analysis/period.hpp"
#include "ticketlens/analysis/summary.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

struct AreaErrorRate {
  std::string product_area;  ///< "(missing)" for events without one
  std::int64_t events = 0, errors = 0;
  double error_rate_pct = kNaN;  ///< errors / events × 100
};

struct Indicators {
  // Leading.
  std::int64_t events = 0, error_events = 0;
  double error_rate_pct = kNaN;               ///< error events / events of the period × 100
  std::vector<AreaErrorRate> error_rate_by_area;  ///< areas with events in the period, by name
  double escalated_pct = kNaN;                ///< of the period's tickets (kpi)
  double csat_mean = kNaN, csat_satisfied_pct = kNaN;
  // Lagging.
  double resolution_hours_median = kNaN;
  double cost_per_ticket = kNaN;
  double nrr_pct = kNaN;  ///< net_revenue_retention_pct at the period's end
};

struct ErrorRates {
  std::int64_t events = 0, error_events = 0;
  double error_rate_pct = kNaN;
  std::vector<AreaErrorRate> by_area;  ///< areas with events in the period, by name
};
/// Error events / events of the period (is_error = 1; missing counts as 0), overall and by area.
ErrorRates error_rates(const model::World& world, Period period);

Indicators compute_indicators(const model::World& world, const model::Config& config, Period period);

/// Net revenue retention over the 12 months before `end`, in %: the MRR at end − 1 s of the
/// accounts that had MRR at end − 365 d, over their MRR then (expansion, contraction and churn
/// count; accounts new since do not). NaN when no account had MRR at end − 365 d.
double net_revenue_retention_pct(const model::World& world, Timestamp end);

}  // namespace ticketlens::analysis
