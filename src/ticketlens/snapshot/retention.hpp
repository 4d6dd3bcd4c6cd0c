#pragma once
// The snapshot's retention block (docs/snapshot-schema.md, `retention`) and the Impact layer's top
// hazard ratios, from one Cox model of churn (analysis::retention::churn_cox) on the data known at
// the period's end:
//  - `impact.top_hazard_ratios`: up to five covariates with p < 0.05, highest hazard ratio first
//    (empty when the model did not converge);
//  - `retention.worst_ticket_type`: the ticket category the model ranks most corrosive (highest
//    adjusted hazard ratio), and `retention.landmark`: Kaplan–Meier survival from day 90 of
//    accounts alive then, with against without a ticket of that category in their first 90 days
//    (monthly points with 95% log intervals and the numbers at risk; log-rank test). A landmark,
//    not "ever had such a ticket", so that the comparison has no immortal-time bias;
//  - `retention.cohorts`: logo retention at 6, 12 and 24 months of the latest signup months old
//    enough for 6 months.
#include <nlohmann/json.hpp>
#include <optional>

#include "ticketlens/analysis/retention/churn_cox.hpp"

#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::snapshot {

inline constexpr std::size_t kSnapshotHazardRatios = 5;
inline constexpr std::size_t kSnapshotCohortMonths = 24;
inline constexpr int kSnapshotSurvivalMonths = 24;
inline constexpr double kSnapshotLandmarkDays = 90;

/// Sets doc["impact"]["top_hazard_ratios"] and doc["retention"] as of `end` (exclusive). Returns
/// the Cox model it fitted (none when no account had a subscription), for cause.fixes to reuse.
std::optional<analysis::retention::ChurnCox> add_retention(nlohmann::json& doc, const model::World& world, const model::Config& config, Timestamp end);

}  // namespace ticketlens::snapshot
