#pragma once
// The period an analysis covers: [from, to) in UTC seconds, and how the CLI's choices map to it.
#include <optional>
#include <string>

#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

struct Period {
  Timestamp from = 0;  ///< inclusive
  Timestamp to = 0;    ///< exclusive
  [[nodiscard]] bool contains(Timestamp t) const noexcept { return t >= from && t < to; }
  /// `2026-W47` for an ISO week, `2026-11` for a calendar month, else `from..to`.
  [[nodiscard]] std::string label() const;
  [[nodiscard]] bool is_iso_week() const noexcept;
  [[nodiscard]] bool is_calendar_month() const noexcept;
};

/// The ISO week [Monday, next Monday).
Period week_period(IsoWeek week);
/// The calendar month [1st, 1st of the next month).
Period month_period(std::int64_t year, unsigned month);
/// The period before: the previous calendar month for a month, else the same length earlier.
Period previous_period(Period p);
/// The last ISO week that the data covers to its end: the latest week ending at or before
/// world.data_end rounded up to midnight. Error(kNotFound) for a world without tickets or events.
Period last_full_week(const model::World& world);
/// The CLI's choice: --week, --month (`2026-11`), or --from/--to (dates or date-times; to
/// exclusive), or the last full week. Error(kUsage) for a malformed value, more than one of
/// --week, --month and --from/--to, or from >= to.
Period resolve_period(const model::World& world, const std::optional<std::string>& from,
                      const std::optional<std::string>& to, const std::optional<std::string>& week,
                      const std::optional<std::string>& month = std::nullopt);
/// An open range of ticket (or entry) times, as the precursors, aftermath and funnel commands
/// take it: `from` (inclusive) defaults to the data's first time, `to` (exclusive) to one second
/// after its last, and either may be given alone. Error(kUsage) for a date that does not parse or
/// from >= to; Error(kNotFound) when neither is given and the world holds no data.
Period resolve_open_period(const model::World& world, const std::optional<std::string>& from,
                           const std::optional<std::string>& to);

}  // namespace ticketlens::analysis
