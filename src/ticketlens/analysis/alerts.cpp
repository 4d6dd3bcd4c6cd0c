#include "ticketlens/analysis/alerts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/dimension.hpp"
#include "ticketlens/stats/robust.hpp"

namespace ticketlens::analysis {
namespace {

// Cost per category of the tickets created in `p` (category index; the last is "(missing)").
std::vector<double> cost_by_category(const model::World& world, const std::vector<TicketCost>& costs, Period p,
                                     std::vector<std::int64_t>* tickets = nullptr) {
  const auto& t = world.tickets;
  const std::size_t n = t.categories.size() + 1;
  std::vector<double> out(n, 0.0);
  if (tickets) tickets->assign(n, 0);
  for (const auto& c : costs) {
    if (!p.contains(t.created_at[c.row])) continue;
    const std::size_t k = t.category[c.row] == model::kNone ? n - 1 : t.category[c.row];
    out[k] += c.total();
    if (tickets) ++(*tickets)[k];
  }
  return out;
}

std::vector<Alert> cost_alerts(const model::World& world, const model::Config& config, Period period) {
  std::vector<Alert> out;
  const auto& t = world.tickets;
  const auto& s = config.alerts;
  if (t.size() == 0) return out;
  const auto costs = ticket_costs(world, config);
  std::vector<std::int64_t> tickets;
  const auto now = cost_by_category(world, costs, period, &tickets);
  const Timestamp length = period.to - period.from;
  // Trailing periods of the same length that the data covers entirely.
  std::vector<std::vector<double>> trailing;
  Period first_trailing = period, last_trailing = period;
  for (int k = 1; k <= s.trailing_weeks; ++k) {
    const Period p{period.from - k * length, period.from - (k - 1) * length};
    if (p.from < world.data_start) break;
    trailing.push_back(cost_by_category(world, costs, p));
    if (k == 1) last_trailing = p;
    first_trailing = p;
  }
  if (static_cast<int>(trailing.size()) < std::min(4, s.trailing_weeks)) return out;
  for (std::size_t k = 0; k < now.size(); ++k) {
    if (tickets[k] < s.min_tickets) continue;
    std::vector<double> history;
    for (const auto& w : trailing) history.push_back(w[k]);
    const auto scale = stats::robust_scale(history);
    const double z = stats::robust_z(now[k], scale);
    if (!(z >= s.cost_z) || !(now[k] > scale.median)) continue;
    Alert a;
    a.kind = "cost_spike";
    a.category = k + 1 == now.size() ? std::string(kMissingGroup) : std::string(t.categories.at(static_cast<std::uint32_t>(k)));
    a.observed = period;
    a.baseline = {first_trailing.from, last_trailing.to};
    a.numbers = {{"cost", now[k]},
                 {"tickets", static_cast<double>(tickets[k])},
                 {"trailing_median", scale.median},
                 {"trailing_mad", scale.mad},
                 {"trailing_periods", static_cast<double>(trailing.size())},
                 {"robust_z", std::isfinite(z) ? z : 1e300}};
    // Judged against only a few trailing periods, the evidence cannot be stronger than being the
    // largest of them: p is floored at 1 / (periods + 1).
    a.p = std::max(0.5 * std::erfc(z / std::sqrt(2.0)), 1.0 / static_cast<double>(trailing.size() + 1));
    a.severity = alert_severity(a.p);
    a.title = fmt::format("{} tickets cost {:.0f} {} in {} (median of the {} periods before {:.0f}, robust z {:.1f})",
                          a.category, now[k], config.currency, period.label(), trailing.size(), scale.median,
                          std::isfinite(z) ? z : 999.0);
    // The tickets, costliest first.
    std::vector<const TicketCost*> rows;
    for (const auto& c : costs) {
      const std::size_t ck = t.category[c.row] == model::kNone ? now.size() - 1 : t.category[c.row];
      if (ck == k && period.contains(t.created_at[c.row])) rows.push_back(&c);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const TicketCost* x, const TicketCost* y) { return x->total() > y->total(); });
    a.ticket_count = static_cast<std::int64_t>(rows.size());
    for (std::size_t i = 0; i < rows.size() && i < kMaxAlertTickets; ++i)
      a.ticket_ids.emplace_back(t.ids.at(t.id[rows[i]->row]));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

double alert_severity(double p) {
  if (!(p > 0)) return 300.0;
  return std::min(300.0, -std::log10(p));
}

AlertReport compute_alerts(const model::World& world, const model::Config& config, Period period) {
  AlertReport report;
  report.period = period;
  report.alerts = cost_alerts(world, config, period);
  for (auto& a : release_alerts(world, config, period)) report.alerts.push_back(std::move(a));
  std::stable_sort(report.alerts.begin(), report.alerts.end(),
                   [](const Alert& x, const Alert& y) { return x.severity > y.severity; });
  return report;
}

}  // namespace ticketlens::analysis
