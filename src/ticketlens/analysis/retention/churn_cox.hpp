#pragma once
// The Cox model of churn on the time-varying covariates of churn_intervals: hazard ratios with
// intervals, the proportional-hazards test (cox.zph, KM transform) per term and global, and the
// ticket categories ranked by how corrosive they are to retention (adjusted hazard ratio of
// "a ticket of this category in the trailing 90 days", highest first; aliased ones last).
#include <vector>

#include "ticketlens/analysis/retention/churn_intervals.hpp"
#include "ticketlens/analysis/retention/hazard_ratio.hpp"

namespace ticketlens::analysis::retention {

struct ChurnCoxOptions {
  ChurnIntervalOptions intervals;
  stats::CoxTies ties = stats::CoxTies::kEfron;
  bool ph_test = true;
  bool concordance = true;
};

struct ChurnCox {
  Timestamp as_of = 0;
  std::int64_t accounts = 0, intervals = 0, churns = 0;
  stats::CoxFit fit;
  std::vector<HazardRatio> hazard_ratios;  ///< every covariate, in model order
  std::vector<HazardRatio> categories_ranked;  ///< category=<c> terms by HR, highest first
};

ChurnCox churn_cox(const model::World& world, const model::Config& config, const SurvivalData& data,
                   const ChurnCoxOptions& options = {});

}  // namespace ticketlens::analysis::retention
