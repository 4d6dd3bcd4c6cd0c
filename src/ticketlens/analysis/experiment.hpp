#pragma once
// `ticketlens experiment NAME` (docs/metrics.md "Experiments"): the arms of an experiment of the
// assignments file compared on tickets, support cost, activity and churn after assignment.
// Follow-up of an account runs from its assigned_at for `window_days`, cut at as_of; accounts
// assigned after as_of are left out. Each arm is compared with the control arm: tickets per
// account-day by the exact Poisson rate ratio; cost and active days per account by a percentile
// bootstrap of the difference in means (accounts resampled within each arm); churn by
// Kaplan–Meier per arm and the log-rank test. The verdict says "too small to tell" when an arm has
// fewer accounts, the comparison fewer tickets or churns, than configured.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"
#include "ticketlens/stats/bootstrap.hpp"
#include "ticketlens/stats/intervals.hpp"

namespace ticketlens::analysis {

struct ExperimentOptions {
  Timestamp as_of = 0;
  std::optional<int> window_days;       ///< default [experiments].window_days
  std::optional<std::string> control;   ///< default: an arm named "control", else the first by name
  std::vector<std::string> categories;  ///< count only tickets of these categories (empty: all)
};

struct ExperimentArm {
  std::string arm;
  std::int64_t accounts = 0, tickets = 0;
  double exposure_days = 0;              ///< follow-up account-days
  double tickets_per_account = 0;        ///< tickets / accounts
  double tickets_per_account_month = 0;  ///< tickets / exposure × 30
  double cost_per_account = 0;
  double active_days_per_account_month = 0;  ///< active days / exposure × 30
  std::int64_t subscribed = 0, churned = 0;  ///< accounts paying at assignment; churned in follow-up
  double survival_end = 0, survival_lower = 0, survival_upper = 0;  ///< KM at the window's end
};

struct ArmComparison {
  std::string arm;                  ///< compared with the control
  stats::RateRatio ticket_rate;     ///< arm / control, per account-day
  stats::BootstrapInterval cost_difference;      ///< mean cost per account, arm − control
  stats::BootstrapInterval activity_difference;  ///< active days per account-month, arm − control
  double log_rank_p = 0;            ///< NaN without churn data
  std::vector<std::string> verdict;  ///< one line per outcome: tickets, cost, activity, churn
};

struct ExperimentReport {
  std::string name, control;
  int window_days = 0;
  Timestamp as_of = 0;
  std::vector<std::string> categories;
  std::vector<ExperimentArm> arms;  ///< control first
  std::vector<ArmComparison> comparisons;
};

/// Error(kNotFound) for an experiment not in the assignments (the message lists the known ones),
/// an unknown control arm, or fewer than two arms with accounts.
ExperimentReport experiment_report(const model::World& world, const model::Config& config, const std::string& name,
                                   const ExperimentOptions& options);

}  // namespace ticketlens::analysis
