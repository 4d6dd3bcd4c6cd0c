#pragma once
// The outcomes the risk models predict, per row of a FeatureMatrix (docs/metrics.md "Risk
// scores"). These look past the cut-off by design; they are only built where the whole horizon
// lies before the observation instant (as_of), so subscriptions ending later do not count.
//   churn   the subscriptions active at the cut-off, extended by any that start no later than the
//           covered time ends, stop covering the account within the horizon: (t, t + horizon]
//   costly  the cost of the tickets created in (t, t + horizon] is above the configured
//           percentile (R type 7) of that cost over all rows, and above 0
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/risk/features.hpp"

namespace ticketlens::analysis::risk {

enum class Target : std::uint8_t { kChurn, kCostly };
/// "churn" | "costly"; Error(kUsage) otherwise.
Target parse_target(std::string_view name);
std::string_view target_name(Target target);
/// The target's horizon in days, from config [risk].
int horizon_days(const model::Config& config, Target target);

/// The end of the account's paid coverage that holds at `t`: the subscriptions active at t,
/// extended by every subscription starting no later than the covered time's end. INT64_MAX while
/// open-ended; nullopt when no subscription is active at t.
std::optional<Timestamp> covered_until(const model::World& world, std::uint32_t account, Timestamp t);

std::vector<std::uint8_t> churn_outcomes(const model::World& world, const FeatureMatrix& rows, int horizon_days);

std::vector<std::uint8_t> costly_outcomes(const model::World& world, std::span<const TicketCost> costs,
                                          const FeatureMatrix& rows, int horizon_days, double percentile);

}  // namespace ticketlens::analysis::risk
