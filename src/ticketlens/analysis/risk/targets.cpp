#include "ticketlens/analysis/risk/targets.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/bootstrap.hpp"

namespace ticketlens::analysis::risk {

Target parse_target(std::string_view name) {
  if (name == "churn") return Target::kChurn;
  if (name == "costly") return Target::kCostly;
  throw Error(ErrorCode::kUsage, fmt::format("--target '{}': use churn or costly", name));
}

std::string_view target_name(Target target) { return target == Target::kChurn ? "churn" : "costly"; }

int horizon_days(const model::Config& config, Target target) {
  return target == Target::kChurn ? config.risk.churn_horizon_days : config.risk.costly_horizon_days;
}

std::optional<Timestamp> covered_until(const model::World& world, std::uint32_t account, Timestamp t) {
  const auto& subs = world.subscriptions;
  // The table is sorted by (account, started_at): the account's rows are one run.
  const auto first = std::lower_bound(subs.account.begin(), subs.account.end(), account);
  const auto last = std::upper_bound(first, subs.account.end(), account);
  auto end_of = [&](std::size_t i) { return subs.ended_at[i] == model::kNoTime ? INT64_MAX : subs.ended_at[i]; };
  std::optional<Timestamp> covered;
  for (auto it = first; it != last; ++it) {
    const auto i = static_cast<std::size_t>(it - subs.account.begin());
    if (subs.started_at[i] <= t && end_of(i) > t) covered = std::max(covered.value_or(t), end_of(i));
  }
  if (!covered) return std::nullopt;
  for (auto it = first; it != last; ++it) {
    const auto i = static_cast<std::size_t>(it - subs.account.begin());
    if (subs.started_at[i] > t && subs.started_at[i] <= *covered) covered = std::max(*covered, end_of(i));
  }
  return covered;
}

std::vector<std::uint8_t> churn_outcomes(const model::World& world, const FeatureMatrix& rows, int horizon_days) {
  const Timestamp until = rows.cutoff + static_cast<Timestamp>(horizon_days) * kSecondsPerDay;
  std::vector<std::uint8_t> out;
  out.reserve(rows.rows());
  for (std::uint32_t a : rows.accounts) {
    const auto covered = covered_until(world, a, rows.cutoff);
    out.push_back(covered && *covered <= until ? 1 : 0);
  }
  return out;
}

std::vector<std::uint8_t> costly_outcomes(const model::World& world, std::span<const TicketCost> costs,
                                          const FeatureMatrix& rows, int horizon_days, double percentile) {
  const Timestamp t = rows.cutoff;
  const Timestamp until = t + static_cast<Timestamp>(horizon_days) * kSecondsPerDay;
  const auto& tk = world.tickets;
  std::vector<double> cost(rows.rows(), 0.0);
  for (std::size_t r = 0; r < rows.rows(); ++r) {
    const std::uint32_t a = rows.accounts[r];
    for (std::uint64_t i = tk.account_offsets[a]; i < tk.account_offsets[a + 1]; ++i)
      if (tk.created_at[i] > t && tk.created_at[i] <= until) cost[r] += costs[i].total();
  }
  const double threshold = cost.empty() ? 0.0 : stats::quantile_type7(cost, percentile / 100.0);
  std::vector<std::uint8_t> out(cost.size());
  for (std::size_t r = 0; r < cost.size(); ++r) out[r] = cost[r] > threshold && cost[r] > 0 ? 1 : 0;
  return out;
}

}  // namespace ticketlens::analysis::risk
