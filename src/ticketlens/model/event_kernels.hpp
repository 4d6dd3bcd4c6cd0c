#pragma once
// The event-heavy reductions behind the analyses, each returning a compact per-ticket or
// per-account result. Two implementations give the same numbers (tests/clickhouse checks it):
// analysis::EmbeddedEventKernels scans the World's event columns; store::ClickHouseEventKernels
// runs SQL where the events live ([events] backend = "clickhouse") and brings back only the result.
//
// Definitions (docs/metrics.md, "Event reductions"): times are seconds since the epoch, UTC; a
// window [from, to) holds events with from <= ts < to; weeks start on Monday 00:00 UTC; an active
// day is a UTC calendar day with at least one event.
#include <cstdint>
#include <vector>

#include "ticketlens/model/world.hpp"

namespace ticketlens::model {

struct AccountWeek {
  std::uint32_t account = 0;  ///< account index in the World
  Timestamp week_start = 0;   ///< Monday 00:00 UTC
  std::int64_t events = 0;
  std::int64_t active_days = 0;
  friend bool operator==(const AccountWeek&, const AccountWeek&) = default;
};

struct WeekActiveAccounts {
  Timestamp week_start = 0;
  std::int64_t accounts = 0;  ///< accounts with at least one event in the week
  friend bool operator==(const WeekActiveAccounts&, const WeekActiveAccounts&) = default;
};

class EventKernels {
 public:
  virtual ~EventKernels() = default;
  /// Per ticket row of world.tickets: events of its account in [created_at − window, created_at).
  [[nodiscard]] virtual std::vector<std::uint32_t> events_before_tickets(const World& world,
                                                                         Timestamp window_seconds) const = 0;
  /// Per account index: 1 when the account has an event in [from, to).
  [[nodiscard]] virtual std::vector<std::uint8_t> active_accounts(const World& world, Timestamp from,
                                                                  Timestamp to) const = 0;
  /// Per account and week with events in [from, to): events and active days, sorted by account
  /// index then week. Only events in [from, to) count, also in a partial first or last week.
  [[nodiscard]] virtual std::vector<AccountWeek> weekly_activity(const World& world, Timestamp from,
                                                                 Timestamp to) const = 0;
  /// A name for messages: "embedded" or "clickhouse".
  [[nodiscard]] virtual const char* name() const noexcept = 0;
};

}  // namespace ticketlens::model
