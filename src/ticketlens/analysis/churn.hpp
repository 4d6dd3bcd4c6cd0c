#pragma once
// When each account churned: at the end of its last subscription, when no subscription remains
// active (ChartMogul's definition; a lower MRR with a subscription left is contraction).
#include <vector>

#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

/// Per account index: the churn time, or kNoTime if it has an open subscription or none at all.
/// Gaps between subscriptions (reactivation) do not count as churn.
std::vector<Timestamp> churn_times(const model::World& world);

}  // namespace ticketlens::analysis
