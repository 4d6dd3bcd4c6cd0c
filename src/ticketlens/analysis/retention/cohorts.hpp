#pragma once
// Cohort retention: of the accounts that signed up in a month (or that share a segment), the share
// still subscribed N = 6, 12 and 24 calendar months after their signup (logo retention) and their
// MRR then against their starting MRR (revenue retention, net: expansion counts). docs/metrics.md,
// "Cohort retention".
//  - An account counts for horizon N only if signup + N months <= as_of (else it is not yet
//    eligible); "subscribed" means a subscription active at that instant, so a reactivated
//    account counts as retained.
//  - Starting MRR: the account's MRR at the start of its first subscription.
//  - Segment `support`: the category of the account's first ticket in its first 90 days ("none"
//    without one). Like a landmark analysis, only accounts still subscribed at day 90 (whose day
//    90 is before as_of) are counted in it, so early churners cannot land in "none" for lack of
//    time to file a ticket.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/analysis/retention/account_grouping.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis::retention {

inline constexpr int kCohortHorizons[] = {6, 12, 24};

struct CohortHorizon {
  int months = 0;
  std::int64_t eligible = 0, retained = 0;
  double logo_retention = 0;     ///< retained / eligible; NaN when none eligible
  double mrr_start = 0, mrr_then = 0;
  double revenue_retention = 0;  ///< mrr_then / mrr_start of the eligible; NaN when 0
};

struct CohortRow {
  std::string key;  ///< signup month `2025-03`, or the segment's value
  std::int64_t accounts = 0;
  std::vector<CohortHorizon> horizons;  ///< 6, 12, 24
};

struct CohortReport {
  Timestamp as_of = 0;
  std::string segment_by;            ///< tier, region, industry or support
  std::vector<CohortRow> by_month;   ///< every signup month, oldest first
  std::vector<CohortRow> by_segment; ///< every segment value, all signup months pooled
};

/// One account of the cohort analysis: its signup month and segment and, per horizon, whether it
/// is eligible and retained (the rows behind a cell of CohortReport).
struct CohortMember {
  struct At {
    bool eligible = false, retained = false;
    double mrr = 0;  ///< MRR then (when eligible)
  };
  std::uint32_t account = 0;  ///< account index in the World
  Timestamp entry = 0;        ///< signup (else the first subscription's start)
  std::string month;          ///< signup month `2025-03` (the by_month row)
  std::string segment;        ///< the by_segment row, when in_segment
  bool in_segment = true;     ///< segment `support`: subscribed at day 90, before as_of
  double mrr_start = 0;
  std::vector<At> at;         ///< 6, 12, 24
};

/// Every account the cohort analysis counts, in account order; cohort_retention() sums these.
/// Segment names: "tier", "region", "industry", "support"; Error(kUsage) otherwise.
std::vector<CohortMember> cohort_members(const model::World& world, Timestamp as_of, std::string_view segment_by);

/// Segment names: "tier", "region", "industry", "support"; Error(kUsage) otherwise.
CohortReport cohort_retention(const model::World& world, Timestamp as_of, std::string_view segment_by = "tier");

/// t plus n calendar months (the day clamped to the month's length, the time of day kept).
Timestamp add_months(Timestamp t, int n);

}  // namespace ticketlens::analysis::retention
