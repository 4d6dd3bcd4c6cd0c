#pragma once
// Kaplan–Meier survival of accounts (signup to first churn, days) per group of an account
// dimension, with each group's median and survival at 6, 12 and 24 months (182.625, 365.25 and
// 730.5 days), and the log-rank test across the groups (absent with fewer than two groups).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ticketlens/analysis/retention/account_grouping.hpp"
#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/stats/kaplan_meier.hpp"
#include "ticketlens/stats/log_rank.hpp"
#include "ticketlens/stats/survival_summary.hpp"

namespace ticketlens::analysis::retention {

inline constexpr double kDaysPerMonth = 30.4375;  ///< 365.25 / 12

struct SurvivalAt {
  double months = 0;
  double survival, lower, upper;  ///< NaN beyond the group's last observed time
};

struct GroupSurvival {
  std::string group;
  std::int64_t accounts = 0, churned = 0;
  stats::SurvivalCurve curve;         ///< time in days
  stats::SurvivalQuantile median;     ///< days; NaN when survival never falls to 0.5
  std::vector<SurvivalAt> at_months;  ///< 6, 12, 24
};

struct SurvivalByGroup {
  Timestamp as_of = 0;
  AccountGrouping grouping = AccountGrouping::kAll;
  std::vector<GroupSurvival> groups;  ///< sorted by name
  std::optional<stats::LogRankTest> log_rank;  ///< group codes = index in `groups`
  std::int64_t without_subscription = 0, signed_up_later = 0;
};

SurvivalByGroup survival_by_group(const model::World& world, const SurvivalData& data, AccountGrouping grouping);

/// KM, median and survival at 6/12/24 months of one group's (time in days, churned) sample.
GroupSurvival group_survival(std::string name, std::span<const double> days, std::span<const std::uint8_t> churned);

/// S(t) of a curve at time t (the step function; 1 before the first time), with its interval;
/// NaN beyond the last observed time.
SurvivalAt survival_at(const stats::SurvivalCurve& curve, double t);

}  // namespace ticketlens::analysis::retention
