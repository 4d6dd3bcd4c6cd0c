#pragma once
// Time is UTC seconds since the Unix epoch (std::int64_t) everywhere in ticketlens.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ticketlens {

using Timestamp = std::int64_t;  ///< UTC seconds since 1970-01-01T00:00:00Z

constexpr Timestamp kSecondsPerDay = 86400;
constexpr Timestamp kSecondsPerHour = 3600;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};
CivilDate civil_from_days(std::int64_t days) noexcept;

/// Parses ISO-8601 (`2026-11-02`, `2026-11-02T10:15:00Z`, `...T10:15:00.123+02:00`,
/// a space instead of `T`) or integer epoch seconds. Date-only means 00:00 UTC; a date-time
/// without zone is taken as UTC. Returns nullopt when the text is not a valid time.
std::optional<Timestamp> parse_timestamp(std::string_view text) noexcept;

/// `2026-11-02T10:15:00Z`
std::string format_timestamp(Timestamp t);
/// `2026-11-02`
std::string format_date(Timestamp t);

/// ISO week: the week's year and number (1..53); weeks start on Monday.
struct IsoWeek {
  int year;
  int week;
  auto operator<=>(const IsoWeek&) const = default;
};
IsoWeek iso_week_of(Timestamp t) noexcept;
/// Monday 00:00 UTC of an ISO week.
Timestamp iso_week_start(IsoWeek w) noexcept;
/// `2026-W47`
std::string format_iso_week(IsoWeek w);
/// Parses `2026-W47` (or `2026W47`); nullopt if malformed or the week does not exist.
std::optional<IsoWeek> parse_iso_week(std::string_view text) noexcept;

/// First day of the month (00:00 UTC) containing t, and of the month after.
Timestamp month_start(Timestamp t) noexcept;
Timestamp next_month_start(Timestamp t) noexcept;

/// Parses a duration: a whole number followed by `m` (minutes), `h` (hours), `d` (days) or `w`
/// (weeks), e.g. `24h`, `90m`, `7d`; seconds. nullopt when malformed or negative.
std::optional<Timestamp> parse_duration(std::string_view text) noexcept;

}  // namespace ticketlens
