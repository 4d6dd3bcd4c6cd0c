#pragma once
// Precursor events (docs/metrics.md, "Precursors"): which product behaviour precedes which kind
// of ticket. Each ticket's window holds the events of its requester (else, when the ticket has no
// requester, of its account) in [created_at − window, created_at). Control windows of the same
// length come from the same account and the same requester, at the same time of day and weekday
// whole weeks away from the ticket (±1..max_weeks), where the account has no ticket in the window
// or in the `window` after it; K are drawn per ticket with a fixed seed. For every (event name,
// category) the share of ticket windows with the event is set against the share of control windows
// with it: lift, an interval of the ratio, Fisher's exact p and the Benjamini–Hochberg q across all
// pairs that meet the minimum support.
//
// Tickets without a category are analysed as the category "(missing)". A ticket whose window
// starts before the first event of the data is left out (counted in windows_truncated): its
// window is not fully observed. Nothing throws for an empty period; rows are then empty.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ticketlens/analysis/period.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

struct PrecursorOptions {
  Timestamp window_seconds = 24 * kSecondsPerHour;
  int controls = 5;          ///< control windows drawn per ticket
  int max_weeks = 12;        ///< controls are 1..max_weeks whole weeks before or after the ticket
  std::uint64_t seed = 1;    ///< the draw of control windows
  int min_support = 5;       ///< a pair is tested only with at least this many ticket windows
  double fdr = 0.05;         ///< significant: BH q < fdr and lift > 1
  int path_length = 3;       ///< events in a "last-k" path
  int top_paths = 5;         ///< paths kept per category
  std::optional<std::string> category;  ///< only tickets of this category
  /// From the config's [windows] and [precursors].
  static PrecursorOptions from_config(const model::Config& config);
};

struct PrecursorPair {
  std::string event, category;
  std::int64_t tickets = 0;          ///< ticket windows of the category
  std::int64_t tickets_with = 0;     ///< … with the event
  std::int64_t controls = 0;         ///< control windows drawn for tickets of the category
  std::int64_t controls_with = 0;    ///< … with the event
  double ticket_share = 0, control_share = 0;
  double lift = 0, lift_lower = 0, lift_upper = 0;  ///< ratio of shares and its 95% interval
  double p = 1, q = 1;               ///< Fisher's exact (two-sided) and BH-adjusted
  bool significant = false;
  /// Share of the category's ticket windows where the event is in the session of the last event
  /// before the ticket (NaN when none of those windows has a session id).
  double same_session_share = 0;
  std::int64_t session_windows = 0;  ///< ticket windows whose last event has a session id
  double median_hours_before = 0;    ///< median time from the event's last occurrence to the ticket
};

struct PrecursorPath {
  std::string category;
  std::vector<std::string> events;  ///< oldest first, ending with the last event before the ticket
  std::int64_t tickets = 0;
  double share = 0;  ///< of the category's ticket windows with at least one event
};

struct PrecursorError {
  std::string category, event, product_area;  ///< product_area "(missing)" when none
  std::int64_t tickets = 0;  ///< ticket windows of the category with this error event
  double share = 0;          ///< of the category's ticket windows
};

struct CategoryWindows {
  std::string category;
  std::int64_t tickets = 0, empty_windows = 0, controls = 0, controls_missing = 0;
};

struct PrecursorReport {
  Period period;
  PrecursorOptions options;
  std::int64_t tickets = 0;            ///< tickets analysed (created in the period)
  std::int64_t windows_truncated = 0;  ///< left out: window starts before the data's first event
  std::int64_t controls_drawn = 0;
  std::int64_t controls_missing = 0;   ///< tickets × K − drawn: no free week left to draw
  std::int64_t pairs_tested = 0;       ///< pairs meeting min_support (the BH family)
  std::vector<CategoryWindows> categories;
  /// Every tested pair: significant first, then by the interval's lower bound, lift, event.
  std::vector<PrecursorPair> pairs;
  std::vector<PrecursorPath> paths;    ///< per category, most frequent first
  std::vector<PrecursorError> errors;  ///< per category, most frequent first
};

/// The precursor analysis of the tickets created in `period`. Error(kInvalidInput) for a
/// negative window, controls < 0, max_weeks < 1 or path_length < 1.
PrecursorReport analyze_precursors(const model::World& world, Period period,
                                   const PrecursorOptions& options);

/// The first `limit` significant pairs of a report, in report order.
std::vector<PrecursorPair> top_precursors(const PrecursorReport& report, std::size_t limit);

}  // namespace ticketlens::analysis
