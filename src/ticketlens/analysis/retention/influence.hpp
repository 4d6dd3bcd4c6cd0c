#pragma once
// Support-influenced CLV: for each ticket type (category), accounts with a first contact of that
// type against propensity-matched accounts without it (docs/metrics.md, "Support-influenced CLV").
//
// Design (sequential matching on a monthly grid, so that treated and controls are compared at the
// same tenure and neither arm borrows immortal time): for each month start M with
// M + contact + outcome window <= as_of, the units are accounts subscribed at M (signed up, not yet
// churned) that survive the contact period [M, M + contact_days):
//   treated  their first ticket of the type was created in [M, M + contact_days)
//   control  no ticket of the type before M + contact_days
// Covariates at M: tenure (days since signup), tier (dummies), usage (active days in the 28 before
// M) and ARR at M (thousands). Propensity by logistic regression on the pooled units, 1:1 nearest
// neighbour matching on its logit without replacement, caliper 0.2 SD. Outcome: churn (first churn)
// in [M + contact_days, M + contact_days + outcome_days).
#include <cstdint>
#include <string>
#include <vector>

#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/stats/bootstrap.hpp"
#include "ticketlens/stats/propensity_match.hpp"

namespace ticketlens::analysis::retention {

struct InfluenceOptions {
  int contact_days = 30;
  int outcome_days = 90;
  int resamples = 1000;  ///< bootstrap of the churn difference over matched pairs
  std::uint64_t seed = 20261127;
};

struct InfluenceSubgroup {
  std::string dimension, value;  ///< "tier" / "region", the treated accounts' value
  std::int64_t pairs = 0;
  double churn_treated = 0, churn_control = 0, difference = 0, saved = 0, support_cost = 0;
};

struct PostContact {
  std::int64_t treated = 0, control = 0;  ///< matched units
  double expansion_30d_treated = 0, expansion_30d_control = 0;  ///< share with an expansion
  double expansion_90d_treated = 0, expansion_90d_control = 0;
  std::int64_t nps_responses_treated = 0, nps_responses_control = 0;
  double nps_treated = 0, nps_control = 0;  ///< % promoters - % detractors; NaN without responses
};

struct TicketTypeInfluence {
  std::string ticket_type;  ///< the category
  std::int64_t treated = 0, controls = 0, pairs = 0, unmatched = 0;
  std::vector<stats::Balance> balance;
  double churn_treated = 0, churn_control = 0;  ///< over the matched pairs
  stats::BootstrapInterval difference{};        ///< control churn - treated churn (> 0: support helps)
  double saved = 0;                             ///< difference x pairs
  double support_cost = 0;  ///< cost of the matched treated accounts' contact tickets of the type
  double clv_treated = 0, clv_control = 0, clv_difference = 0;  ///< per account
  double return_on_support = 0;  ///< saved x CLV - support_cost
  double cost_to_retain = 0;     ///< support_cost / saved (NaN when saved <= 0)
  std::vector<InfluenceSubgroup> subgroups;
  PostContact post_contact;
};

struct InfluenceReport {
  Timestamp as_of = 0;
  double arpa = 0, gross_margin = 0, clv = 0;  ///< from the revenue report
  InfluenceOptions options;
  std::vector<TicketTypeInfluence> types;  ///< by category name
};

InfluenceReport support_influence(const model::World& world, const model::Config& config, const SurvivalData& data,
                                  const InfluenceOptions& options = {});

}  // namespace ticketlens::analysis::retention
