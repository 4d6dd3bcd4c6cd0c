#pragma once
// MRR movements per calendar month and the revenue figures built on them (docs/metrics.md,
// "Revenue"). An account's MRR at an instant is the sum of its subscriptions active then
// (started_at <= t < ended_at). Every change of an account's state is one movement, dated at the
// change (all subscription starts and ends at one instant taken together, so a plan change that
// ends one subscription and starts the next at the same instant is one expansion or contraction):
//   new           no subscription before, one now (the account's first)
//   reactivation  no subscription before, one now, and the account had one earlier
//   expansion / contraction   subscribed before and now, MRR up / down
//   churn         subscribed before, no subscription now (the MRR lost); a lower MRR with a
//                 subscription left is contraction, even down to 0
// For each month: MRR at its start + new + expansion + reactivation - contraction - churn = MRR at
// its end. Gross / net revenue retention over a span: of the accounts subscribed just before it,
// sum of min(MRR at the end, MRR at the start) / sum of MRR at the start (gross) and
// sum of MRR at the end / sum of MRR at the start (net). ARPA = MRR / accounts subscribed.
// Only what is known at as_of counts (later starts ignored, later ends not yet happened).
#include <cstdint>
#include <string>
#include <vector>

#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis::retention {

struct MrrMonth {
  std::string month;  ///< `2026-03`
  Timestamp start = 0, end = 0;  ///< [start, end); end = as_of for the last, partial month
  bool partial = false;
  double mrr_start = 0, new_mrr = 0, expansion = 0, contraction = 0, churn = 0, reactivation = 0, mrr_end = 0;
  std::int64_t accounts_start = 0, accounts_end = 0;
  std::int64_t new_accounts = 0, churned_accounts = 0, reactivated_accounts = 0;
  double gross_retention = 0, net_retention = 0;  ///< of the month, fractions; NaN without MRR at start
  double arpa = 0;                 ///< mrr_end / accounts_end (NaN without accounts)
  double logo_churn_rate = 0;      ///< churned_accounts / accounts_start (NaN without accounts)
};

struct RevenueReport {
  Timestamp as_of = 0;
  std::vector<MrrMonth> months;  ///< from the month of the first subscription to as_of's month
  /// Over the last 12 full months (fewer if the data is shorter): accounts subscribed at their
  /// start, and gross and net revenue retention of those accounts at their end.
  int window_months = 0;
  double gross_retention_12m = 0, net_retention_12m = 0;
  double arpa = 0;                ///< of the last full month
  double monthly_churn_rate = 0;  ///< churned accounts / accounts at month start, summed over the window
  double gross_margin = 0;
  double clv = 0;                 ///< arpa x gross_margin / monthly_churn_rate (NaN when the rate is 0)
};

RevenueReport revenue_report(const model::World& world, const model::Config& config, Timestamp as_of);

/// Each account's MRR and subscribed flag just before instant t (all changes before t applied).
struct AccountMrr {
  std::vector<double> mrr;
  std::vector<std::uint8_t> subscribed;
};
AccountMrr account_mrr_before(const model::World& world, Timestamp t, Timestamp as_of);

}  // namespace ticketlens::analysis::retention
