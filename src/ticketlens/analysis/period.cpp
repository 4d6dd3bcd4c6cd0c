#include "ticketlens/analysis/period.hpp"

#include <fmt/format.h>

#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis {

std::string Period::label() const {
  const IsoWeek w = iso_week_of(from);
  if (iso_week_start(w) == from && to - from == 7 * kSecondsPerDay) return format_iso_week(w);
  return fmt::format("{}..{}", from % kSecondsPerDay == 0 ? format_date(from) : format_timestamp(from),
                     to % kSecondsPerDay == 0 ? format_date(to) : format_timestamp(to));
}

Period week_period(IsoWeek week) {
  const Timestamp start = iso_week_start(week);
  return {start, start + 7 * kSecondsPerDay};
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
                      const std::optional<std::string>& to, const std::optional<std::string>& week) {
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

}  // namespace ticketlens::analysis
