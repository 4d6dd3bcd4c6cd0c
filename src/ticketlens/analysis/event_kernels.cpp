#include "ticketlens/analysis/event_kernels.hpp"

#include <map>

#include "ticketlens/analysis/window_link.hpp"

namespace ticketlens::analysis {
namespace {

constexpr Timestamp kWeek = 7 * kSecondsPerDay;
constexpr Timestamp kMondayOffset = 4 * kSecondsPerDay;  // 1970-01-01 was a Thursday

Timestamp floor_div(Timestamp a, Timestamp b) noexcept { return a / b - (a % b < 0 ? 1 : 0); }

}  // namespace

Timestamp week_start_utc(Timestamp t) noexcept { return floor_div(t - kMondayOffset, kWeek) * kWeek + kMondayOffset; }

std::vector<std::uint32_t> EmbeddedEventKernels::events_before_tickets(const model::World& world,
                                                                       Timestamp window_seconds) const {
  return count_account_events_before(world, window_seconds);
}

std::vector<std::uint8_t> EmbeddedEventKernels::active_accounts(const model::World& world, Timestamp from,
                                                                Timestamp to) const {
  std::vector<std::uint8_t> out(world.accounts.size(), 0);
  if (world.events.account_offsets.size() != world.accounts.size() + 1) return out;
  for (std::uint32_t a = 0; a < world.accounts.size(); ++a) {
    const auto [lo, hi] = account_events_in(world, a, from, to);
    out[a] = lo < hi ? 1 : 0;
  }
  return out;
}

std::vector<AccountWeek> EmbeddedEventKernels::weekly_activity(const model::World& world, Timestamp from,
                                                               Timestamp to) const {
  std::vector<AccountWeek> out;
  const auto& e = world.events;
  if (e.account_offsets.size() != world.accounts.size() + 1) return out;
  for (std::uint32_t a = 0; a < world.accounts.size(); ++a) {
    const auto [lo, hi] = account_events_in(world, a, from, to);
    Timestamp last_day = model::kNoTime;
    for (auto i = lo; i < hi; ++i) {  // in time order within the account
      const Timestamp week = week_start_utc(e.ts[i]);
      if (out.empty() || out.back().account != a || out.back().week_start != week) {
        out.push_back({a, week, 0, 0});
        last_day = model::kNoTime;
      }
      ++out.back().events;
      const Timestamp day = floor_div(e.ts[i], kSecondsPerDay);
      if (day != last_day) ++out.back().active_days;
      last_day = day;
    }
  }
  return out;
}

std::vector<WeekActiveAccounts> weekly_active_accounts(const std::vector<AccountWeek>& activity) {
  std::map<Timestamp, std::int64_t> weeks;
  for (const auto& w : activity) ++weeks[w.week_start];
  std::vector<WeekActiveAccounts> out;
  out.reserve(weeks.size());
  for (const auto& [week, n] : weeks) out.push_back({week, n});
  return out;
}

}  // namespace ticketlens::analysis
