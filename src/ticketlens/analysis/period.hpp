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
  [[nodiscard]] std::string label() const;  ///< `2026-W47` for an ISO week, else `from..to`
};

/// The ISO week [Monday, next Monday).
Period week_period(IsoWeek week);
/// The last ISO week that the data covers to its end: the latest week ending at or before
/// world.data_end rounded up to midnight. Error(kNotFound) for a world without tickets or events.
Period last_full_week(const model::World& world);
/// The CLI's choice: --week, or --from/--to (dates or date-times; to exclusive), or the last full
/// week. Error(kUsage) for a malformed value, --week with --from/--to, or from >= to.
Period resolve_period(const model::World& world, const std::optional<std::string>& from,
                      const std::optional<std::string>& to, const std::optional<std::string>& week);

}  // namespace ticketlens::analysis
