#pragma once
// The support-driven backlog (docs/metrics.md "Backlog"): per (product area, ticket category) the
// yearly ticket cost, the churn-attributable ARR from the retention Cox model, and a fix cost
// from config; ranked by (ticket cost saved + ARR retained) / fix cost.
//
// Churn-attributable ARR: the Cox model of churn (retention/churn_cox.hpp) gives, per category c,
// the adjusted hazard ratio HR_c of "a ticket of category c in the trailing 90 days". With the
// yearly churn probability p0 of the accounts active a year before as_of, an account exposed to
// c has the yearly excess churn probability (1 − p0) − (1 − p0)^HR_c (0 when HR_c ≤ 1 or NaN).
// Each account active at as_of with tickets of c in the 90 days before it contributes its ARR ×
// that excess, shared among the product areas of those tickets by their count. The interval
// uses the HR's 95% interval in the same formula.
#include <cstdint>
#include <string>
#include <vector>

#include "ticketlens/analysis/retention/churn_cox.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

struct BacklogItem {
  std::string product_area, category;  ///< "(missing)" when missing
  std::int64_t tickets_year = 0;       ///< created in (as_of − 365 d, as_of]
  double ticket_cost_year = 0;
  std::int64_t accounts_exposed = 0;   ///< active at as_of with a ticket of the cell in 90 days
  double exposed_arr = 0;              ///< their ARR (shared by ticket count as above)
  double hazard_ratio = 0, hr_lower = 0, hr_upper = 0;  ///< of the category; NaN when aliased
  double arr_at_risk = 0, arr_at_risk_lower = 0, arr_at_risk_upper = 0;  ///< churn-attributable
  double fix_cost = 0;
  bool fix_cost_default = true;       ///< no [backlog.fix_costs] entry for this cell
  double ticket_cost_saved = 0;       ///< ticket_cost_year × ticket_reduction
  double arr_retained = 0;            ///< arr_at_risk × churn_reduction
  double value_per_cost = 0;          ///< (ticket_cost_saved + arr_retained) / fix_cost
};

struct Backlog {
  Timestamp as_of = 0;
  double yearly_churn = 0;            ///< p0
  std::int64_t yearly_churn_accounts = 0;  ///< accounts active a year before as_of
  bool cox_converged = false;
  std::int64_t cox_churns = 0;
  double ticket_reduction = 0, churn_reduction = 0, fix_cost_default = 0;
  std::vector<BacklogItem> items;     ///< by value_per_cost, highest first
};

/// Error(kNotFound) when the world has no tickets before as_of. Fits the Cox model of churn as of
/// as_of (without the PH test and concordance); on the medium demo that fit is most of the time.
Backlog support_backlog(const model::World& world, const model::Config& config, Timestamp as_of);

/// The same with a Cox model of churn already fitted on the data known at as_of (the snapshot
/// reuses the fit of its retention block instead of refitting).
Backlog support_backlog(const model::World& world, const model::Config& config, Timestamp as_of,
                        const retention::ChurnCox& cox);

}  // namespace ticketlens::analysis
