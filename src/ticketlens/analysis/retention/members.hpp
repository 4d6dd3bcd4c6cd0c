#pragma once
// The accounts behind the retention figures, by the definitions the figures use: the members of a
// Kaplan–Meier group (survival_by_group) and the accounts exposed to a ticket category's Cox
// covariate (churn_intervals: a ticket of the category in the trailing 90 days). The accounts of
// a cohort cell are cohort_members() (cohorts.hpp).
#include <cstdint>
#include <string_view>
#include <vector>

#include "ticketlens/analysis/retention/account_grouping.hpp"
#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/analysis/retention/churn_intervals.hpp"

namespace ticketlens::analysis::retention {

/// Indexes into data.spells of the accounts in `group` of `grouping` (the group's `accounts`;
/// its `churned` are those with churned set).
std::vector<std::size_t> survival_group_members(const model::World& world, const SurvivalData& data,
                                                AccountGrouping grouping, std::string_view group);

struct CategoryExposure {
  std::size_t spell = 0;            ///< index into SurvivalData::spells
  double first_exposed_days = 0;    ///< days since entry when the covariate first was 1
  double exposed_days = 0;          ///< time at risk with the covariate at 1
  bool churned_while_exposed = false;  ///< the churn fell on an interval with the covariate at 1
};

/// The accounts whose covariate `category=<category>` is 1 on some interval of `intervals` (built
/// from `data`), in spell order. Error(kNotFound) when the intervals have no such covariate.
std::vector<CategoryExposure> category_exposure(const ChurnIntervals& intervals, std::string_view category);

}  // namespace ticketlens::analysis::retention
