// Release alerts (docs/metrics.md, "Alerts"): ticket rate per product area after a release
// against before, and the 30-day retention of the accounts active at a release against the
// previous release.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ticketlens/analysis/alerts.hpp"
#include "ticketlens/analysis/event_kernels.hpp"
#include "ticketlens/analysis/window_link.hpp"
#include "ticketlens/stats/fisher_exact.hpp"
#include "ticketlens/stats/intervals.hpp"

namespace ticketlens::analysis {
namespace {

// Accounts with at least one event in [from, to).
std::vector<std::uint8_t> active_accounts(const model::World& world, Timestamp from, Timestamp to) {
  return EmbeddedEventKernels().active_accounts(world, from, to);
}

std::int64_t count(const std::vector<std::uint8_t>& flags) {
  return std::count(flags.begin(), flags.end(), std::uint8_t{1});
}

// Distinct UTC days with events of `account` in [from, to).
std::int64_t active_days(const model::World& world, std::uint32_t account, Timestamp from, Timestamp to) {
  const auto [lo, hi] = account_events_in(world, account, from, to);
  std::int64_t days = 0, last = INT64_MIN;
  for (auto i = lo; i < hi; ++i) {
    const std::int64_t d = world.events.ts[i] / kSecondsPerDay - (world.events.ts[i] % kSecondsPerDay < 0);
    if (d != last) ++days;
    last = d;
  }
  return days;
}

std::string area_name(const model::World& world, std::uint16_t area) {
  return std::string(world.product_areas.at(area));
}

void rate_alerts(const model::World& world, const model::Config& config, std::size_t r,
                 std::vector<Alert>& out) {
  const auto& s = config.alerts;
  const auto& t = world.tickets;
  const auto& rel = world.releases;
  const Timestamp at = rel.released_at[r];
  // The full days after the release that the data holds (also beyond the period looked at).
  const Timestamp end = std::min(at + s.release_days * kSecondsPerDay, world.data_end + 1);
  if (end <= at) return;
  const Period after{at, end}, before{at - (end - at), at};
  if (before.from < world.data_start) return;
  const auto active_after = active_accounts(world, after.from, after.to);
  const auto active_before = active_accounts(world, before.from, before.to);
  const auto n_after = count(active_after), n_before = count(active_before);
  if (n_after == 0 || n_before == 0) return;
  std::vector<std::uint16_t> areas = rel.product_areas[r];
  if (areas.empty())
    for (std::size_t a = 0; a < world.product_areas.size(); ++a) areas.push_back(static_cast<std::uint16_t>(a));
  const std::string release_id(rel.ids.at(rel.id[r]));
  for (std::uint16_t area : areas) {
    std::vector<std::size_t> after_rows;
    std::int64_t x_before = 0;
    for (std::size_t row = 0; row < t.size(); ++row) {
      if (t.product_area[row] != area) continue;
      if (after.contains(t.created_at[row])) after_rows.push_back(row);
      if (before.contains(t.created_at[row])) ++x_before;
    }
    const auto x_after = static_cast<std::int64_t>(after_rows.size());
    if (x_after < s.min_tickets) continue;
    const auto ratio = stats::poisson_rate_ratio(static_cast<double>(x_after), static_cast<double>(n_after),
                                                 static_cast<double>(x_before), static_cast<double>(n_before));
    if (!(ratio.lower > s.rate_ratio_lower)) continue;
    Alert a;
    a.kind = "release_ticket_rate";
    a.product_area = area_name(world, area);
    a.release_id = release_id;
    a.observed = after;
    a.baseline = before;
    const double days = static_cast<double>(end - at) / kSecondsPerDay;
    a.numbers = {{"tickets_after", static_cast<double>(x_after)},
                 {"tickets_before", static_cast<double>(x_before)},
                 {"active_accounts_after", static_cast<double>(n_after)},
                 {"active_accounts_before", static_cast<double>(n_before)},
                 {"per_1000_after", 1000.0 * static_cast<double>(x_after) / static_cast<double>(n_after)},
                 {"per_1000_before", 1000.0 * static_cast<double>(x_before) / static_cast<double>(n_before)},
                 {"rate_ratio", ratio.estimate},
                 {"rate_ratio_lower", ratio.lower},
                 {"rate_ratio_upper", ratio.upper},
                 {"days", days}};
    a.p = ratio.p;
    a.severity = alert_severity(ratio.p);
    a.title = fmt::format(
        "{} tickets after {} ({}): {:.1f} per 1,000 active accounts in {:.0f} days vs {:.1f} before, rate ratio {:.2f} "
        "(95% {:.2f}-{:.2f})",
        a.product_area, release_id, format_date(at), a.numbers["per_1000_after"], days, a.numbers["per_1000_before"],
        ratio.estimate, ratio.lower, std::isfinite(ratio.upper) ? ratio.upper : 999.0);
    a.ticket_count = x_after;
    for (std::size_t i = 0; i < after_rows.size() && i < kMaxAlertTickets; ++i)
      a.ticket_ids.emplace_back(t.ids.at(t.id[after_rows[i]]));
    out.push_back(std::move(a));
  }
}

struct Cohort {
  std::vector<std::uint32_t> accounts;  // active in the days before the release
  std::int64_t retained = 0;            // … and active in the days before day `retention_days`
  double active_days_mean = 0;          // active days in the `release_days` after the release
};

Cohort cohort_at(const model::World& world, const model::Config& config, Timestamp at) {
  const auto& s = config.alerts;
  const Timestamp look = s.active_days * kSecondsPerDay;
  const Timestamp horizon = at + s.retention_days * kSecondsPerDay;
  Cohort c;
  const auto active = active_accounts(world, at - look, at);
  double days = 0;
  for (std::uint32_t a = 0; a < active.size(); ++a) {
    if (!active[a]) continue;
    c.accounts.push_back(a);
    const auto [lo, hi] = account_events_in(world, a, horizon - look, horizon);
    c.retained += lo < hi;
    days += static_cast<double>(active_days(world, a, at, at + s.release_days * kSecondsPerDay));
  }
  c.active_days_mean = c.accounts.empty() ? 0 : days / static_cast<double>(c.accounts.size());
  return c;
}

void retention_alert(const model::World& world, const model::Config& config, std::size_t r, std::vector<Alert>& out) {
  const auto& s = config.alerts;
  const auto& rel = world.releases;
  if (r == 0) return;
  const Timestamp at = rel.released_at[r], prev_at = rel.released_at[r - 1];
  if (prev_at - s.active_days * kSecondsPerDay < world.data_start) return;
  const Cohort now = cohort_at(world, config, at), prev = cohort_at(world, config, prev_at);
  const auto n1 = static_cast<double>(now.accounts.size()), n0 = static_cast<double>(prev.accounts.size());
  if (n1 == 0 || n0 == 0) return;
  const double r1 = static_cast<double>(now.retained) / n1, r0 = static_cast<double>(prev.retained) / n0;
  if (!(r1 < r0)) return;
  const double p = stats::fisher_exact_p(static_cast<double>(now.retained), n1 - static_cast<double>(now.retained),
                                         static_cast<double>(prev.retained), n0 - static_cast<double>(prev.retained));
  if (!(p < s.retention_p)) return;
  const auto i1 = stats::wilson_interval(static_cast<double>(now.retained), n1);
  const auto i0 = stats::wilson_interval(static_cast<double>(prev.retained), n0);
  Alert a;
  a.kind = "release_retention";
  a.release_id = std::string(rel.ids.at(rel.id[r]));
  a.observed = {at, at + s.retention_days * kSecondsPerDay};
  a.baseline = {prev_at, prev_at + s.retention_days * kSecondsPerDay};
  a.numbers = {{"accounts", n1},
               {"retained", static_cast<double>(now.retained)},
               {"retention_pct", 100 * r1},
               {"retention_pct_lower", 100 * i1.lower},
               {"retention_pct_upper", 100 * i1.upper},
               {"prev_accounts", n0},
               {"prev_retained", static_cast<double>(prev.retained)},
               {"prev_retention_pct", 100 * r0},
               {"prev_retention_pct_lower", 100 * i0.lower},
               {"prev_retention_pct_upper", 100 * i0.upper},
               {"active_days_mean", now.active_days_mean},
               {"prev_active_days_mean", prev.active_days_mean}};
  a.p = p;
  a.severity = alert_severity(p);
  a.title = fmt::format("{}-day retention of the {:.0f} accounts active at {} ({}) {:.1f}% vs {:.1f}% at {} (Fisher p {:.2g})",
                        s.retention_days, n1, a.release_id, format_date(at), 100 * r1, 100 * r0,
                        rel.ids.at(rel.id[r - 1]), p);
  // The tickets of the accounts that were not retained, in the retention window.
  const auto& t = world.tickets;
  for (std::uint32_t acc : now.accounts) {
    const auto [lo, hi] = account_events_in(world, acc, a.observed.to - s.active_days * kSecondsPerDay, a.observed.to);
    if (lo < hi) continue;
    for (auto row = t.account_offsets[acc]; row < t.account_offsets[acc + 1]; ++row) {
      if (!a.observed.contains(t.created_at[row])) continue;
      ++a.ticket_count;
      if (a.ticket_ids.size() < kMaxAlertTickets) a.ticket_ids.emplace_back(t.ids.at(t.id[row]));
    }
  }
  out.push_back(std::move(a));
}

}  // namespace

std::vector<Alert> release_alerts(const model::World& world, const model::Config& config, Period period) {
  std::vector<Alert> out;
  const auto& rel = world.releases;
  const auto& s = config.alerts;
  if (world.tickets.account_offsets.size() != world.accounts.size() + 1) return out;
  for (std::size_t r = 0; r < rel.size(); ++r) {
    const Timestamp at = rel.released_at[r];
    // The ticket rate: releases whose days after overlap the period.
    if (at < period.to && at + s.release_days * kSecondsPerDay > period.from) rate_alerts(world, config, r, out);
    // Retention: releases whose retention horizon falls in the period (and within the data).
    const Timestamp horizon = at + s.retention_days * kSecondsPerDay;
    if (period.contains(horizon - 1) && horizon <= world.data_end + 1) retention_alert(world, config, r, out);
  }
  return out;
}

}  // namespace ticketlens::analysis
