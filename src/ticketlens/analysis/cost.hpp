#pragma once
// The cost of every ticket (docs/metrics.md, "Cost"): direct = handling + escalation + re-handling,
// allocated = the month's fixed costs shared by handle time. A ticket's cost does not depend on
// the period asked for: estimates of missing handle time come from all the world's tickets, and
// each month's fixed costs are shared among all tickets created that month.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ticketlens/analysis/dimension.hpp"
#include "ticketlens/analysis/period.hpp"
#include "ticketlens/analysis/summary.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

enum class HandleSource : std::uint8_t {
  kRecorded,        ///< the ticket's handle_minutes
  kSimilarMedian,   ///< median of recorded tickets with the same channel, category and priority
  kChannelDefault,  ///< [costs].default_handle_minutes[channel]
  kFallback,        ///< [costs].fallback_handle_minutes (channel missing or not configured)
};
std::string_view handle_source_name(HandleSource s);

struct TicketCost {
  std::uint32_t row = 0;        ///< row in TicketTable
  double handle_minutes = 0;    ///< as priced (estimated unless source is kRecorded)
  HandleSource handle_source = HandleSource::kRecorded;
  double handling = 0;          ///< handle hours × hourly rate × priority multiplier
  double escalation = 0;        ///< tier-2 or engineering time
  double rehandle = 0;          ///< reopens × rehandle minutes at the channel's rate
  double allocated = 0;         ///< share of the month's fixed costs
  [[nodiscard]] double direct() const noexcept { return handling + escalation + rehandle; }
  [[nodiscard]] double total() const noexcept { return direct() + allocated; }
  [[nodiscard]] bool estimated() const noexcept { return handle_source != HandleSource::kRecorded; }
};

/// The cost of every ticket of the world, in row order.
std::vector<TicketCost> ticket_costs(const model::World& world, const model::Config& config);

struct CostTotals {
  std::int64_t tickets = 0, estimated = 0;
  double handle_hours = 0, handling = 0, escalation = 0, rehandle = 0, direct = 0, allocated = 0, total = 0;
  double per_ticket = kNaN;  ///< total / tickets
  void add(const TicketCost& c);
};

struct CostGroup {
  std::vector<std::string> key;
  CostTotals totals;
};

struct AccountCost {
  std::uint32_t account = 0;
  std::string account_id;
  CostTotals totals;
  double arr = 0;              ///< 12 × MRR of subscriptions active at the period's last second
  double pct_of_arr = kNaN;    ///< total / arr × 100 (the period's cost, not annualised)
};

struct ParetoCell {
  std::string category, product_area;  ///< "(missing)" when missing
  std::int64_t tickets = 0;
  double total = 0, share_pct = 0, cumulative_pct = 0;
  bool in_pareto = false;  ///< among the fewest cells that make `pareto_target_pct` of the cost
};

struct CostReport {
  Period period;
  std::vector<Dimension> by;
  CostTotals overall;
  std::vector<CostGroup> groups;       ///< sorted by key; empty when `by` is empty
  std::vector<TicketCost> tickets;     ///< tickets created in the period, in row order
  std::vector<AccountCost> accounts;   ///< accounts with tickets in the period, costliest first
  std::vector<ParetoCell> pareto;      ///< category × product area, costliest first
  double pareto_target_pct = 80;
  std::int64_t pareto_cells = 0;       ///< cells with in_pareto
};

/// Costs of the tickets created in `period`, overall, by dimensions, per account and as a Pareto.
CostReport compute_costs(const model::World& world, const model::Config& config, Period period,
                         std::span<const Dimension> by = {});
/// Same, reusing costs from ticket_costs (so several periods price the world once).
CostReport summarize_costs(const model::World& world, std::span<const TicketCost> costs, Period period,
                           std::span<const Dimension> by = {});

/// 12 × MRR of each account's subscriptions active at `t` (started_at ≤ t < ended_at), per account.
std::vector<double> arr_at(const model::World& world, Timestamp t);

}  // namespace ticketlens::analysis
