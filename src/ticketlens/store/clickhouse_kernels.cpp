#include "ticketlens/store/clickhouse_kernels.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "ticketlens/common/error.hpp"

namespace ticketlens::store {
namespace {

std::int64_t to_i64(const std::string& s) {
  try {
    return std::stoll(s);
  } catch (const std::exception&) {
    throw Error(ErrorCode::kIo, fmt::format("ClickHouse returned '{}' where a number was expected", s));
  }
}

std::uint32_t account_index(const model::World& world, const std::string& id) {
  const auto code = world.accounts.ids.find(id);
  if (!code)
    throw Error(ErrorCode::kStore,
                fmt::format("ClickHouse holds events of account '{}', which the store does not know", id));
  return *code;
}

}  // namespace

std::vector<std::uint32_t> ClickHouseEventKernels::events_before_tickets(const model::World& world,
                                                                         Timestamp window_seconds) const {
  if (window_seconds < 0) throw Error(ErrorCode::kInvalidInput, "the window must not be negative");
  const auto& t = world.tickets;
  std::vector<std::uint32_t> counts(t.size(), 0);
  if (t.size() == 0) return counts;
  net::ExternalTable windows{"ticket_windows", "row UInt32, account_id String, from_ts Int64, to_ts Int64", {}};
  Timestamp lo = std::numeric_limits<Timestamp>::max(), hi = std::numeric_limits<Timestamp>::min();
  for (std::size_t r = 0; r < t.size(); ++r) {
    const Timestamp c = t.created_at[r];
    fmt::format_to(std::back_inserter(windows.tsv), "{}\t{}\t{}\t{}\n", r,
                   net::tsv_escape(world.accounts.ids.at(t.account[r])), c - window_seconds, c);
    lo = std::min(lo, c - window_seconds);
    hi = std::max(hi, c);
  }
  // One JOIN: the account's events in the overall range against its tickets' windows; the range
  // of each window in WHERE.
  const auto rows = events_->client().query(
      fmt::format("SELECT row, count() FROM (SELECT account_id, ts FROM {} WHERE {} AND ts >= {} AND ts < {}) "
                  "GLOBAL ALL INNER JOIN (SELECT account_id, row, from_ts, to_ts FROM ticket_windows) "
                  "USING account_id WHERE ts >= from_ts AND ts < to_ts GROUP BY row",
                  events_->table(), ClickHouseEvents::live_filter(live_), lo, hi),
      {windows});
  for (const auto& row : rows) counts.at(static_cast<std::size_t>(to_i64(row.at(0)))) = static_cast<std::uint32_t>(to_i64(row.at(1)));
  return counts;
}

std::vector<std::uint8_t> ClickHouseEventKernels::active_accounts(const model::World& world, Timestamp from,
                                                                  Timestamp to) const {
  std::vector<std::uint8_t> out(world.accounts.size(), 0);
  const auto rows = events_->client().query(fmt::format(
      "SELECT DISTINCT account_id FROM {} WHERE {} AND ts >= {} AND ts < {}", events_->table(),
      ClickHouseEvents::live_filter(live_), from, to));
  for (const auto& row : rows) out[account_index(world, row.at(0))] = 1;
  return out;
}

std::vector<model::AccountWeek> ClickHouseEventKernels::weekly_activity(const model::World& world,
                                                                           Timestamp from, Timestamp to) const {
  // Weeks start on Monday: 1970-01-05 00:00 UTC is 345600 s after the epoch. floor() of the
  // Float64 quotient (exact at these magnitudes) rounds down also before 1970, where intDiv
  // would round toward zero.
  const auto rows = events_->client().query(fmt::format(
      "SELECT account_id, toInt64(floor((ts - 345600) / 604800)) * 604800 + 345600 AS week, count(), "
      "uniqExact(toInt64(floor(ts / 86400))) FROM {} WHERE {} AND ts >= {} AND ts < {} GROUP BY account_id, week",
      events_->table(), ClickHouseEvents::live_filter(live_), from, to));
  std::vector<model::AccountWeek> out;
  out.reserve(rows.size());
  for (const auto& row : rows)
    out.push_back({account_index(world, row.at(0)), to_i64(row.at(1)), to_i64(row.at(2)), to_i64(row.at(3))});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.account != b.account ? a.account < b.account : a.week_start < b.week_start;
  });
  return out;
}

}  // namespace ticketlens::store
