#pragma once
// Support KPIs of the tickets created in a period [from, to), overall and broken down by any
// dimensions (docs/metrics.md, "Support KPIs"). Times are calendar hours. Rates are percentages
// (0–100) and NaN when their denominator is empty; a period without tickets gives zero counts
// and NaN rates, never an error.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/analysis/dimension.hpp"
#include "ticketlens/analysis/period.hpp"
#include "ticketlens/analysis/summary.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

struct KpiValues {
  std::int64_t tickets = 0;          ///< created in the period
  double share_pct = kNaN;           ///< tickets / all tickets of the period × 100
  Summary first_response_hours;      ///< over tickets with a first response
  std::int64_t first_response_missing = 0;
  Summary resolution_hours;          ///< over solved tickets (solved_at present)
  std::int64_t solved = 0;
  std::int64_t reopens = 0;          ///< sum of reopens (missing counts as 0)
  double reopened_pct = kNaN;        ///< tickets reopened at least once / tickets with a known count
  double replies_mean = kNaN;        ///< over tickets with a known reply count
  double one_touch_pct = kNaN;       ///< solved with ≤ 1 reply / solved with a known reply count
  std::int64_t recurrent = 0;
  double recurrent_pct = kNaN;       ///< recurrent / tickets
  std::int64_t escalated = 0, escalated_to_product = 0;
  double escalated_pct = kNaN, escalated_to_product_pct = kNaN;  ///< of tickets
  std::int64_t csat_responses = 0;
  double csat_mean = kNaN, csat_satisfied_pct = kNaN;  ///< 1–5 ratings; share of 4–5
  std::int64_t backlog = 0;          ///< open at the period's end (created before it, any time)
  std::int64_t nps_responses = 0;
  double nps = kNaN;                 ///< % promoters (9–10) − % detractors (0–6), surveys in period
  std::int64_t ces_responses = 0;
  double ces_mean = kNaN;
};

struct KpiGroup {
  std::vector<std::string> key;  ///< one value per dimension of KpiReport::by
  KpiValues values;
};

struct KpiReport {
  Period period;
  std::vector<Dimension> by;
  KpiValues overall;
  std::vector<KpiGroup> groups;  ///< sorted by key; empty when `by` is empty
};

/// The KPIs of `period`. Groups are the combinations of values met among the period's tickets,
/// the backlog's tickets and the period's surveys (a survey takes a ticket dimension from its
/// linked ticket, "(missing)" when it has none).
KpiReport compute_kpis(const model::World& world, const model::Config& config, Period period,
                       std::span<const Dimension> by = {});

/// Per ticket row: 1 when the same account created a ticket of the same (known) category in the
/// `recurrent_days` days before it (strictly earlier), else 0.
std::vector<std::uint8_t> recurrent_flags(const model::World& world, int recurrent_days);

/// One named KPI column: the registry the CLI, the snapshot rules and docs share.
struct KpiMetric {
  std::string_view name;
  std::string_view description;
  double (*value)(const KpiValues&);
};
std::span<const KpiMetric> kpi_metrics();

}  // namespace ticketlens::analysis
