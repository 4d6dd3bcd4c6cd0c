#pragma once
// Does support contact go with churn? Three ways of asking, side by side, because the obvious one
// is wrong:
//  - naive: accounts that ever had a ticket against those that never did, from signup. Biased by
//    immortal time: an account has to survive long enough to file a ticket, so "ever supported"
//    borrows the survival it needed to become supported (docs/metrics.md).
//  - time-varying: counting-process intervals (0, t1] unsupported, (t1, exit] supported, t1 the
//    first ticket's time since signup; a Cox model of churn on that covariate.
//  - landmark: accounts still under observation (alive) at `landmark_days` after signup, split by
//    a ticket in those first days; survival from the landmark on (KM, log-rank, Cox).
// Tickets count when created before as_of and not after the account's exit.
#include <optional>
#include <string_view>

#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/analysis/retention/hazard_ratio.hpp"
#include "ticketlens/analysis/retention/survival_by_group.hpp"

namespace ticketlens::analysis::retention {

struct SupportArm {
  GroupSurvival supported, unsupported;  ///< group names "supported", "unsupported"
  std::optional<stats::LogRankTest> log_rank;  ///< group 0 supported, 1 unsupported
  HazardRatio hazard_ratio;                    ///< supported vs unsupported
};

struct SupportTimeVarying {
  HazardRatio hazard_ratio;  ///< of "supported" as a time-varying covariate
  /// Churns per 1,000 account-months in each state (crude rates, the same split as the model).
  double supported_months = 0, unsupported_months = 0;
  std::int64_t supported_churns = 0, unsupported_churns = 0;
  double supported_rate = 0, unsupported_rate = 0;
};

struct SupportComparison {
  Timestamp as_of = 0;
  double landmark_days = 90;
  std::int64_t accounts = 0;
  SupportArm naive;
  SupportTimeVarying time_varying;
  SupportArm landmark;              ///< time in days since the landmark
  std::int64_t landmark_accounts = 0;  ///< alive and observed past the landmark
};

/// Days from signup to each account's first ticket (created before as_of), NaN if none; per
/// spell of `data`.
std::vector<double> first_ticket_days(const model::World& world, const SurvivalData& data);

SupportComparison support_comparison(const model::World& world, const SurvivalData& data,
                                     double landmark_days = 90);

/// The landmark comparison for one ticket category: accounts alive and observed past
/// `landmark_days`, "supported" = a ticket of `category` (its name) created in their first
/// `landmark_days` (and before as_of); survival in days since the landmark. An unknown category
/// leaves every account "unsupported".
SupportArm landmark_by_category(const model::World& world, const SurvivalData& data, std::string_view category,
                                double landmark_days = 90);

}  // namespace ticketlens::analysis::retention
