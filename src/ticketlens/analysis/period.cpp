#include "ticketlens/analysis/period.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis {

bool Period::is_iso_week() const noexcept {
  return iso_week_start(iso_week_of(from)) == from && to - from == 7 * kSecondsPerDay;
}

bool Period::is_calendar_month() const noexcept { return month_start(from) == from && next_month_start(from) == to; }

std::string Period::label() const {
  if (is_iso_week()) return format_iso_week(iso_week_of(from));
  if (is_calendar_month()) return format_date(from).substr(0, 7);
  return fmt::format("{}..{}", from % kSecondsPerDay == 0 ? format_date(from) : format_timestamp(from),
                     to % kSecondsPerDay == 0 ? format_date(to) : format_timestamp(to));
}

Period week_period(IsoWeek week) {
  const Timestamp start = iso_week_start(week);
  return {start, start + 7 * kSecondsPerDay};
}

Period month_period(std::int64_t year, unsigned month) {
  const Timestamp start = days_from_civil(year, month, 1) * kSecondsPerDay;
  return {start, next_month_start(start)};
}

Period previous_period(Period p) {
  if (p.is_calendar_month()) return {month_start(p.from - 1), p.from};
  return {p.from - (p.to - p.from), p.from};
}

Period last_full_week(const model::World& world) {
  if (world.data_end == model::kNoTime)
    throw Error(ErrorCode::kNotFound, "the workspace holds no tickets or events yet");
  // Data that runs to the last second of Sunday covers that week; round up to midnight.
  Timestamp end = world.data_end;
  const Timestamp into_day = ((end % kSecondsPerDay) + kSecondsPerDay) % kSecondsPerDay;
  if (into_day != 0) end += kSecondsPerDay - into_day;
  const Timestamp monday = iso_week_start(iso_week_of(end));
  // `end` is the Monday after a full week when it falls on one; else its week is partial.
  return {monday - 7 * kSecondsPerDay, monday};
}

Period resolve_period(const model::World& world, const std::optional<std::string>& from,
                      const std::optional<std::string>& to, const std::optional<std::string>& week,
                      const std::optional<std::string>& month) {
  if (month) {
    if (week || from || to) throw Error(ErrorCode::kUsage, "give one of --month, --week or --from/--to");
    // `2026-11`: four digits, a dash, a month 01-12.
    const std::string& m = *month;
    const bool shape = m.size() == 7 && m[4] == '-' &&
                       std::all_of(m.begin(), m.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
                       m[5] >= '0' && m[5] <= '1' && m[6] >= '0' && m[6] <= '9';
    const unsigned mm = shape ? static_cast<unsigned>((m[5] - '0') * 10 + (m[6] - '0')) : 0;
    if (!shape || mm < 1 || mm > 12)
      throw Error(ErrorCode::kUsage, fmt::format("--month '{}' is not a month like 2026-11", m));
    return month_period(std::stoi(m.substr(0, 4)), mm);
  }
  if (week) {
    if (from || to) throw Error(ErrorCode::kUsage, "give either --week or --from/--to, not both");
    const auto w = parse_iso_week(*week);
    if (!w) throw Error(ErrorCode::kUsage, fmt::format("--week '{}' is not an ISO week like 2026-W47", *week));
    return week_period(*w);
  }
  if (!from && !to) return last_full_week(world);
  if (!from || !to) throw Error(ErrorCode::kUsage, "give both --from and --to (to is exclusive)");
  const auto f = parse_timestamp(*from), t = parse_timestamp(*to);
  if (!f) throw Error(ErrorCode::kUsage, fmt::format("--from '{}' is not a date", *from));
  if (!t) throw Error(ErrorCode::kUsage, fmt::format("--to '{}' is not a date", *to));
  if (*f >= *t) throw Error(ErrorCode::kUsage, fmt::format("--from {} is not before --to {}", *from, *to));
  return {*f, *t};
}

Period resolve_open_period(const model::World& world, const std::optional<std::string>& from,
                           const std::optional<std::string>& to) {
  Period p{world.data_start, world.data_end == model::kNoTime ? model::kNoTime : world.data_end + 1};
  if (from) {
    const auto f = parse_timestamp(*from);
    if (!f) throw Error(ErrorCode::kUsage, fmt::format("--from '{}' is not a date like 2026-11-02", *from));
    p.from = *f;
  }
  if (to) {
    const auto t = parse_timestamp(*to);
    if (!t) throw Error(ErrorCode::kUsage, fmt::format("--to '{}' is not a date like 2026-11-09", *to));
    p.to = *t;
  }
  if (p.from == model::kNoTime || p.to == model::kNoTime)
    throw Error(ErrorCode::kNotFound, "the workspace holds no tickets or events yet; give --from and --to");
  if (p.from >= p.to)
    throw Error(ErrorCode::kUsage, fmt::format("--from {} is not before --to {}", format_timestamp(p.from),
                                               format_timestamp(p.to)));
  return p;
}

}  // namespace ticketlens::analysis
