#pragma once
// Funnels (docs/metrics.md, "Funnels"): a configured [[funnels]] entry is an ordered list of event
// names and a time limit. A user enters the funnel at their first event of step 1 in the period
// and reaches each later step with its first event after the previous step and within the limit
// of the entry. Conversion per step, by the week of entry or the account's signup cohort; and for
// the users who dropped after each step, the share who filed a ticket within 7 days of their last
// step, with the top categories and tags of those tickets (the words of their subjects come from
// the store: top_words below).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ticketlens/analysis/period.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

enum class FunnelGrouping { kNone, kWeek, kCohort };
/// "", "week" or "cohort"; Error(kUsage) otherwise.
FunnelGrouping parse_funnel_grouping(std::string_view name);

struct FunnelStep {
  std::string group;  ///< entry week `2026-W10`, signup month `2026-03`, or "(all)"
  std::size_t step = 0;  ///< 0-based
  std::string event;
  std::int64_t users = 0;                ///< reached this step
  double conversion_pct = 0;             ///< of the group's users who entered (step 0)
  double step_conversion_pct = 0;        ///< of those who reached the step before
};

struct Count {
  std::string name;
  std::int64_t count = 0;
};

struct FunnelDrop {
  std::size_t step = 0;  ///< dropped after reaching this step (0-based), before the next
  std::string event;     ///< the last step reached
  std::int64_t users = 0, with_ticket = 0;
  double share = 0, lower = 0, upper = 0;  ///< with_ticket / users, Wilson 95%
  std::vector<Count> categories, tags;     ///< of those tickets, most frequent first
  std::vector<std::uint32_t> ticket_rows;  ///< the tickets (rows of TicketTable)
};

struct FunnelReport {
  std::string name;
  std::vector<std::string> steps;
  double within_days = 0;
  Period period;
  std::int64_t users_without_id = 0;  ///< step events without a user id (not in the funnel)
  std::vector<FunnelStep> rows;       ///< "(all)" first, then by group; steps in order
  std::vector<FunnelDrop> drops;      ///< one per step but the last
};

/// The funnel named `name` of config.funnels over users entering in `period`. Error(kNotFound)
/// naming the configured funnels when there is no such funnel.
FunnelReport analyze_funnel(const model::World& world, const model::Config& config, std::string_view name,
                            Period period, FunnelGrouping grouping = FunnelGrouping::kNone);

/// The most frequent words of `texts`: lower-cased runs of letters (ASCII and UTF-8 bytes), at
/// least 3 long, without common English stop words; ties by word. At most `limit`.
std::vector<Count> top_words(std::span<const std::string> texts, std::size_t limit = 10);

}  // namespace ticketlens::analysis
