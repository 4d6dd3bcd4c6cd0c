#include "ticketlens/snapshot/impact.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/retention/churn_cox.hpp"
#include "ticketlens/stats/intervals.hpp"

namespace ticketlens::snapshot {
namespace {

constexpr Timestamp k30Days = 30 * kSecondsPerDay;
constexpr Timestamp k90Days = 90 * kSecondsPerDay;

std::vector<bool> active_at(const model::World& world, Timestamp t) {
  const auto& s = world.subscriptions;
  std::vector<bool> active(world.accounts.size(), false);
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.started_at[i] <= t && (s.ended_at[i] == model::kNoTime || t < s.ended_at[i])) active[s.account[i]] = true;
  return active;
}

std::string month_label(Timestamp t) {
  const auto d = civil_from_days(t / kSecondsPerDay);
  return fmt::format("{:04}-{:02}", d.year, d.month);
}

}  // namespace

ExposedArr exposed_arr(const model::World& world, const model::Config& config, Timestamp end) {
  ExposedArr out;
  out.threshold_tickets = config.exposed_arr_min_tickets;
  const auto arr = analysis::arr_at(world, end - 1);
  for (double a : arr) out.total_arr += a;
  const auto& t = world.tickets;
  for (std::size_t a = 0; a + 1 < t.account_offsets.size(); ++a) {
    std::int64_t n = 0;
    for (auto r = t.account_offsets[a]; r < t.account_offsets[a + 1]; ++r)
      n += t.created_at[r] >= end - k30Days && t.created_at[r] < end;
    if (n <= config.exposed_arr_min_tickets) continue;
    out.amount += arr[a];
    out.accounts.push_back({std::string(world.accounts.ids.at(static_cast<std::uint32_t>(a))),
                            world.accounts.names[a], n, arr[a]});
  }
  std::stable_sort(out.accounts.begin(), out.accounts.end(),
                   [](const ExposedAccount& x, const ExposedAccount& y) { return x.arr > y.arr; });
  out.pct = analysis::percent(out.amount, out.total_arr);
  return out;
}

Churn90d churn_90d(const model::World& world, Timestamp end) {
  Churn90d out;
  const Timestamp start = end - k90Days;
  const auto at_start = active_at(world, start);
  const auto at_end = active_at(world, end - 1);
  const auto& t = world.tickets;
  for (std::size_t a = 0; a < at_start.size(); ++a) {
    if (!at_start[a]) continue;
    bool supported = false;
    if (a + 1 < t.account_offsets.size())
      for (auto r = t.account_offsets[a]; r < t.account_offsets[a + 1] && !supported; ++r)
        supported = t.created_at[r] >= start - k90Days && t.created_at[r] < start;
    auto& g = supported ? out.supported : out.unsupported;
    ++g.accounts;
    g.churned += !at_end[a];
  }
  for (auto* g : {&out.supported, &out.unsupported}) {
    g->pct = analysis::percent(static_cast<double>(g->churned), static_cast<double>(g->accounts));
    if (g->accounts == 0) continue;
    const auto w = stats::wilson_interval(static_cast<double>(g->churned), static_cast<double>(g->accounts));
    g->lower = 100 * w.lower;
    g->upper = 100 * w.upper;
  }
  if (out.supported.accounts > 0 && out.unsupported.accounts > 0) {
    const double p1 = out.supported.pct / 100, p2 = out.unsupported.pct / 100;
    const double l1 = out.supported.lower / 100, u1 = out.supported.upper / 100;
    const double l2 = out.unsupported.lower / 100, u2 = out.unsupported.upper / 100;
    const double d = p1 - p2;
    out.difference = 100 * d;
    out.difference_lower = 100 * (d - std::sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)));
    out.difference_upper = 100 * (d + std::sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)));
  }
  return out;
}

std::vector<TopHazard> top_hazard_ratios(const analysis::retention::ChurnCox& cox, std::size_t count) {
  std::vector<TopHazard> out;
  for (const auto& h : cox.hazard_ratios)
    if (std::isfinite(h.hazard_ratio) && h.p < 0.05) out.push_back({h.name, h.hazard_ratio, h.lower, h.upper, h.p});
  std::stable_sort(out.begin(), out.end(),
                   [](const TopHazard& x, const TopHazard& y) { return x.hazard_ratio > y.hazard_ratio; });
  if (out.size() > count) out.resize(count);
  return out;
}

TimeToValue time_to_value(const model::World& world, const model::Config& config, Timestamp end) {
  TimeToValue out;
  out.activation_event = config.activation_event;
  // The six signup months up to the one holding end − 1 s.
  std::vector<Timestamp> months;
  Timestamp m = month_start(end - 1);
  for (int i = 0; i < 6; ++i) {
    months.insert(months.begin(), m);
    m = month_start(m - 1);
  }
  std::vector<std::vector<double>> days(months.size());
  std::vector<double> recent;
  for (const auto start : months) out.cohorts.push_back({month_label(start), 0, 0, analysis::kNaN});
  const auto code = world.events.names.find(config.activation_event);
  const auto& e = world.events;
  const auto& acc = world.accounts;
  for (std::size_t a = 0; a < acc.size(); ++a) {
    const Timestamp signup = acc.signup_at[a];
    if (signup == model::kNoTime || signup >= end) continue;
    Timestamp first = model::kNoTime;
    if (code && a + 1 < e.account_offsets.size())
      for (auto i = e.account_offsets[a]; i < e.account_offsets[a + 1] && e.ts[i] < end; ++i)
        if (e.name[i] == *code && e.ts[i] >= signup) {
          first = e.ts[i];
          break;
        }
    const double d = first == model::kNoTime ? analysis::kNaN
                                             : static_cast<double>(first - signup) / kSecondsPerDay;
    if (signup >= end - k90Days && first != model::kNoTime) recent.push_back(d);
    const Timestamp cohort = month_start(signup);
    for (std::size_t c = 0; c < months.size(); ++c) {
      if (months[c] != cohort) continue;
      ++out.cohorts[c].accounts;
      if (first != model::kNoTime) {
        ++out.cohorts[c].activated;
        days[c].push_back(d);
      }
    }
  }
  for (std::size_t c = 0; c < months.size(); ++c) out.cohorts[c].median_days = analysis::summarize(days[c]).median;
  out.recent_median_days = analysis::summarize(recent).median;
  return out;
}

IssueResolution issue_resolution(const model::World& world, Timestamp end) {
  IssueResolution out;
  const auto& is = world.issues;
  std::vector<double> days;
  for (std::size_t i = 0; i < is.size(); ++i) {
    if (is.opened_at[i] == model::kNoTime || is.opened_at[i] >= end) continue;
    const Timestamp r = is.resolved_at[i];
    if (r == model::kNoTime || r >= end) {
      ++out.open;
    } else if (r >= end - k90Days) {
      days.push_back(static_cast<double>(r - is.opened_at[i]) / kSecondsPerDay);
    }
  }
  out.resolved = static_cast<std::int64_t>(days.size());
  out.median_days = analysis::summarize(days).median;
  return out;
}

}  // namespace ticketlens::snapshot
