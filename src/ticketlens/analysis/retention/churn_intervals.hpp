#pragma once
// Counting-process intervals for a Cox model of churn with time-varying covariates. Each account's
// spell (signup to first churn or as_of, days since signup) is cut every `split_days` and wherever
// a ticket covariate or the ARR changes, so that every covariate is constant on each interval
// (start, stop]; its value is the one at `start` (events, tickets and subscriptions at exactly
// that instant included). Usage is re-read at each cut.
//
// Covariates, in this order (docs/metrics.md, "Cox model of churn"):
//   tickets_90d              tickets created in (t - 90 d, t]
//   recent_recurrent_ticket  1 within 30 d of the creation of a recurrent ticket (same account and
//                            category as one created in the `recurrent_days` before it)
//   long_unresolved_ticket   1 from 7 d after a ticket's creation when it was still unsolved then,
//                            until 30 d after it is solved (to the end while unsolved)
//   csat_low_90d             1 when a ticket solved in (t - 90 d, t] was rated CSAT 1 or 2
//   category=<c>             1 when a ticket of category c was created in (t - 90 d, t]
//   tier=<level>             dummies against the first tier in sorted order
//   arr_band=<band>          ARR (12 x MRR active at t) in bands <5k, 5k-25k, >=25k, dummies
//                            against the lowest band present (three bands, not more: a sparse
//                            top band without churn makes its coefficient infinite)
//   active_days_28d          calendar days with an event among the 28 days before t's day
// Tickets and solutions count only before as_of.
#include <cstdint>
#include <string>
#include <vector>

#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/stats/cox.hpp"

namespace ticketlens::analysis::retention {

struct ChurnIntervalOptions {
  double split_days = 30;  ///< regular cut between covariate changes (usage refresh)
  bool categories = true;  ///< the category=<c> indicators
};

struct ChurnIntervals {
  std::vector<double> start, stop;  ///< days since signup
  std::vector<std::uint8_t> event;
  std::vector<std::uint32_t> spell;  ///< index in SurvivalData::spells
  std::vector<std::string> names;
  std::vector<std::vector<double>> columns;  ///< one per covariate, one value per interval
  std::vector<std::size_t> terms;            ///< term of each covariate (tier and arr_band grouped)
  std::vector<std::string> term_names;
  [[nodiscard]] std::size_t size() const noexcept { return stop.size(); }
  /// The Cox input viewing these columns (valid while *this lives).
  [[nodiscard]] stats::CoxData cox_data() const;
};

ChurnIntervals churn_intervals(const model::World& world, const model::Config& config, const SurvivalData& data,
                               const ChurnIntervalOptions& options = {});

}  // namespace ticketlens::analysis::retention
