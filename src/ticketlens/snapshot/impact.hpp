#pragma once
// The impact and cause measures of a snapshot that are not ticket KPIs: ARR exposed, 90-day churn
// of supported and unsupported accounts, time to value by signup cohort, issue resolution days.
// Each is measured as of `end` (the snapshot period's exclusive end).
#include <cstdint>
#include <string>
#include <vector>

#include "ticketlens/analysis/retention/churn_cox.hpp"
#include "ticketlens/analysis/summary.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::snapshot {

struct ExposedAccount {
  std::string account_id, name;
  std::int64_t tickets = 0;  ///< created in the trailing 30 days
  double arr = 0;
};
struct ExposedArr {
  double total_arr = 0;  ///< 12 × MRR of all subscriptions active at end − 1 s
  double amount = 0;     ///< ARR of accounts with MORE than threshold tickets in [end − 30 d, end)
  double pct = analysis::kNaN;  ///< amount / total_arr × 100
  int threshold_tickets = 3;
  std::vector<ExposedAccount> accounts;  ///< by ARR, largest first
};
ExposedArr exposed_arr(const model::World& world, const model::Config& config, Timestamp end);

struct ChurnGroup {
  std::int64_t accounts = 0, churned = 0;
  double pct = analysis::kNaN;
  double lower = analysis::kNaN, upper = analysis::kNaN;  ///< 95% Wilson interval of pct
};
/// Accounts active at end − 90 d; "supported" = a ticket created in the 90 days before that;
/// churned = no subscription active at end − 1 s. (The split is fixed before the outcome window,
/// so accounts that churn early are not short of time to file tickets: no immortal-time bias.)
struct Churn90d {
  ChurnGroup supported, unsupported;
  /// supported.pct - unsupported.pct in percentage points, with Newcombe's 95% interval (hybrid
  /// Wilson score, method 10 of Newcombe 1998); NaN when a group is empty.
  double difference = analysis::kNaN, difference_lower = analysis::kNaN, difference_upper = analysis::kNaN;
};
Churn90d churn_90d(const model::World& world, Timestamp end);

struct TopHazard {
  std::string name;  ///< covariate of the churn Cox model (docs/metrics.md)
  double hazard_ratio, lower, upper, p;
};
/// Of a Cox model of churn (analysis::retention::churn_cox): the `count` covariates with the
/// highest hazard ratio among those with p < 0.05, highest first.
std::vector<TopHazard> top_hazard_ratios(const analysis::retention::ChurnCox& cox, std::size_t count = 5);

struct TtvCohort {
  std::string cohort;  ///< signup month, `2026-05`
  std::int64_t accounts = 0, activated = 0;
  double median_days = analysis::kNaN;  ///< over activated accounts
};
struct TimeToValue {
  std::string activation_event;
  std::vector<TtvCohort> cohorts;  ///< the six signup months up to end, oldest first
  /// Median days from signup to activation of accounts that signed up in [end − 90 d, end) and
  /// activated before end (the playbook metric ttv_days_median).
  double recent_median_days = analysis::kNaN;
};
TimeToValue time_to_value(const model::World& world, const model::Config& config, Timestamp end);

struct IssueResolution {
  std::int64_t resolved = 0;  ///< issues resolved in [end − 90 d, end)
  double median_days = analysis::kNaN;
  std::int64_t open = 0;      ///< opened before end, not resolved by then
};
IssueResolution issue_resolution(const model::World& world, Timestamp end);

}  // namespace ticketlens::snapshot
