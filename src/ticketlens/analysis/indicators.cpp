#include "ticketlens/analysis/indicators.hpp"

#include <algorithm>
#include <map>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/kpi.hpp"

namespace ticketlens::analysis {

double net_revenue_retention_pct(const model::World& world, Timestamp end) {
  const auto before = arr_at(world, end - 365 * kSecondsPerDay);
  const auto now = arr_at(world, end - 1);
  double start = 0, kept = 0;
  for (std::size_t a = 0; a < before.size(); ++a) {
    if (before[a] <= 0) continue;
    start += before[a];
    kept += a < now.size() ? now[a] : 0;
  }
  return start > 0 ? 100 * kept / start : kNaN;
}

ErrorRates error_rates(const model::World& world, Period period) {
  ErrorRates out;
  // Events are sorted by (account, ts): each account's period is one binary search away.
  const auto& e = world.events;
  std::map<std::uint16_t, std::pair<std::int64_t, std::int64_t>> by_area;  // code -> (events, errors)
  for (std::size_t a = 0; a + 1 < e.account_offsets.size(); ++a) {
    const auto first = e.ts.begin() + static_cast<std::ptrdiff_t>(e.account_offsets[a]);
    const auto last = e.ts.begin() + static_cast<std::ptrdiff_t>(e.account_offsets[a + 1]);
    for (auto it = std::lower_bound(first, last, period.from); it != last && *it < period.to; ++it) {
      const auto r = static_cast<std::size_t>(it - e.ts.begin());
      auto& [n, errors] = by_area[e.product_area[r]];
      ++n;
      errors += e.is_error[r];
    }
  }
  for (const auto& [code, counts] : by_area) {
    AreaErrorRate area;
    area.product_area = code == 0xFFFF ? "(missing)" : std::string(world.product_areas.at(code));
    area.events = counts.first;
    area.errors = counts.second;
    area.error_rate_pct = percent(static_cast<double>(area.errors), static_cast<double>(area.events));
    out.events += area.events;
    out.error_events += area.errors;
    out.by_area.push_back(std::move(area));
  }
  std::sort(out.by_area.begin(), out.by_area.end(),
            [](const AreaErrorRate& x, const AreaErrorRate& y) { return x.product_area < y.product_area; });
  out.error_rate_pct = percent(static_cast<double>(out.error_events), static_cast<double>(out.events));
  return out;
}

Indicators compute_indicators(const model::World& world, const model::Config& config, Period period) {
  Indicators out;
  auto rates = error_rates(world, period);
  out.events = rates.events;
  out.error_events = rates.error_events;
  out.error_rate_pct = rates.error_rate_pct;
  out.error_rate_by_area = std::move(rates.by_area);

  const auto kpis = compute_kpis(world, config, period);
  out.escalated_pct = kpis.overall.escalated_pct;
  out.csat_mean = kpis.overall.csat_mean;
  out.csat_satisfied_pct = kpis.overall.csat_satisfied_pct;
  out.resolution_hours_median = kpis.overall.resolution_hours.median;
  out.cost_per_ticket = compute_costs(world, config, period).overall.per_ticket;
  out.nrr_pct = net_revenue_retention_pct(world, period.to);
  return out;
}

}  // namespace ticketlens::analysis
