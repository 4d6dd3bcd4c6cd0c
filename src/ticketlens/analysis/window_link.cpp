#include "ticketlens/analysis/window_link.hpp"

#include <algorithm>

#include "ticketlens/common/error.hpp"
#include "ticketlens/common/parallel.hpp"

namespace ticketlens::analysis {

std::pair<std::uint64_t, std::uint64_t> account_events_in(const model::World& world,
                                                          std::uint32_t account, Timestamp from,
                                                          Timestamp to) {
  const auto& e = world.events;
  if (account + 1 >= e.account_offsets.size()) return {0, 0};
  const auto first = e.ts.begin() + static_cast<std::ptrdiff_t>(e.account_offsets[account]);
  const auto last = e.ts.begin() + static_cast<std::ptrdiff_t>(e.account_offsets[account + 1]);
  const auto lo = std::lower_bound(first, last, from);
  const auto hi = std::lower_bound(lo, last, to);
  return {static_cast<std::uint64_t>(lo - e.ts.begin()), static_cast<std::uint64_t>(hi - e.ts.begin())};
}

std::vector<std::uint32_t> balanced_account_ranges(const model::World& world, std::size_t parts) {
  const std::size_t accounts = world.accounts.size();
  const auto& eo = world.events.account_offsets;
  const auto& to = world.tickets.account_offsets;
  auto rows_before = [&](std::size_t a) -> std::uint64_t {
    return (a < eo.size() ? eo[a] : 0) + (a < to.size() ? to[a] : 0);
  };
  const std::uint64_t total = rows_before(accounts);
  std::vector<std::uint32_t> bounds{0};
  std::size_t a = 0;
  for (std::size_t p = 1; p < parts; ++p) {
    const std::uint64_t target = total * p / parts;
    while (a < accounts && rows_before(a) < target) ++a;
    bounds.push_back(static_cast<std::uint32_t>(std::max<std::size_t>(a, bounds.back())));
  }
  bounds.push_back(static_cast<std::uint32_t>(accounts));
  return bounds;
}

std::vector<std::uint32_t> count_account_events_before(const model::World& world,
                                                       Timestamp window_seconds) {
  if (window_seconds < 0) throw Error(ErrorCode::kInvalidInput, "the window must not be negative");
  const auto& t = world.tickets;
  const auto& e = world.events;
  std::vector<std::uint32_t> counts(t.size(), 0);
  if (t.size() == 0 || e.account_offsets.size() != world.accounts.size() + 1 ||
      t.account_offsets.size() != world.accounts.size() + 1)
    return counts;
  const std::size_t workers = hardware_workers(t.size() + e.size(), 1 << 18);
  const auto bounds = balanced_account_ranges(world, workers);
  const Timestamp* ts = e.ts.data();
  run_parts(workers, [&](std::size_t part) {
          for (std::uint32_t a = bounds[part]; a < bounds[part + 1]; ++a) {
            // Both cursors only move forward: created_at is ascending within the account, so are
            // the window's ends.
            std::uint64_t lo = e.account_offsets[a], hi = lo;
            const std::uint64_t e_end = e.account_offsets[a + 1];
            for (std::uint64_t r = t.account_offsets[a]; r < t.account_offsets[a + 1]; ++r) {
              const Timestamp c = t.created_at[r];
              while (lo < e_end && ts[lo] < c - window_seconds) ++lo;
              if (hi < lo) hi = lo;
              while (hi < e_end && ts[hi] < c) ++hi;
              counts[r] = static_cast<std::uint32_t>(hi - lo);
            }
          }
  });
  return counts;
}

}  // namespace ticketlens::analysis
