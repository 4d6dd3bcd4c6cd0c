#pragma once
// After the ticket (docs/metrics.md, "Aftermath"): what a requester (else the account) does after
// a ticket is solved, against the 28 days before it was created. Per solved ticket: sessions and
// active days in the 7 and 28 days after solved_at and in the 28 days before created_at; active
// days in weeks 1–2 and weeks 9–12 after solved_at (per week, against the per-week rate before);
// disengagement (no event in the 30 days after solved_at); task completion for the configured
// [[tasks]]. Grouped by a ticket dimension or the first-response band, and fast first response
// against slower, for lasting engagement (any activity in weeks 9–12) with intervals.
//
// Only tickets whose outcome window is inside the data count for each measure (a ticket solved
// 10 days before the data's end counts for the 7-day measures only): every measure has its own n.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ticketlens/analysis/dimension.hpp"
#include "ticketlens/analysis/period.hpp"
#include "ticketlens/analysis/summary.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

/// The `--by` choices: a ticket dimension, or the first-response band.
struct AftermathGrouping {
  std::optional<Dimension> dimension;  ///< none and not band: one group "(all)"
  bool first_response_band = false;
};
/// "category", "channel", ... (a Dimension name) or "first_response_band"; Error(kUsage) otherwise.
AftermathGrouping parse_aftermath_grouping(std::string_view name);
/// "< 1 h", "1–4 h", "4–24 h", "> 24 h" or "(missing)".
std::string first_response_band(Timestamp created_at, Timestamp first_response_at);

struct Mean {  ///< a mean over the tickets it could be measured on
  std::int64_t n = 0;
  double mean = kNaN;
};

struct ShareWithInterval {
  std::int64_t n = 0, yes = 0;
  double share = kNaN, lower = kNaN, upper = kNaN;  ///< Wilson 95%
};

struct AftermathValues {
  std::int64_t tickets = 0;  ///< solved tickets created in the period
  Mean sessions_before_28d, sessions_after_7d, sessions_after_28d;
  Mean active_days_before_28d, active_days_after_7d, active_days_after_28d;
  /// Active days per week: before (28 days before created_at), weeks 1–2 and weeks 9–12 after
  /// solved_at, and the changes (after − before, per week) on the same tickets.
  Mean active_days_per_week_before, active_days_per_week_w1_2, active_days_per_week_w9_12;
  Mean change_w1_2, change_w9_12;
  ShareWithInterval disengaged;  ///< no event in the 30 days after solved_at
  ShareWithInterval engaged_w9_12;  ///< any event in weeks 9–12
};

struct AftermathGroup {
  std::string key;
  AftermathValues values;
};

struct TaskCompletion {
  std::string name, failure, success;
  double within_hours = 0;
  std::int64_t tickets_with_failure = 0;  ///< tickets whose window before held the failure event
  ShareWithInterval completed;  ///< … where the success event followed the last failure within `within`
};

struct FastResponseEffect {
  double fast_hours = 0;  ///< first response within this many hours is fast
  ShareWithInterval fast, slow;  ///< engaged in weeks 9–12
  double ratio = kNaN, ratio_lower = kNaN, ratio_upper = kNaN;  ///< fast / slow, Poisson 95%
  double p = kNaN;  ///< Fisher's exact
};

struct AftermathReport {
  Period period;
  AftermathValues overall;
  std::vector<AftermathGroup> groups;  ///< sorted by key
  std::vector<TaskCompletion> tasks;
  FastResponseEffect fast_response;
};

AftermathReport analyze_aftermath(const model::World& world, const model::Config& config, Period period,
                                  const AftermathGrouping& grouping = {});

}  // namespace ticketlens::analysis
