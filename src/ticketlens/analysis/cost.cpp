#include "ticketlens/analysis/cost.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>

#include "ticketlens/model/schema.hpp"

namespace ticketlens::analysis {
namespace {

constexpr std::uint8_t kTier2 = 1, kProduct = 2, kEngineering = 3;

double lookup(const std::map<std::string, double>& m, std::span<const std::string_view> vocabulary,
              std::uint8_t code, double otherwise) {
  if (code == model::kNoCode || code >= vocabulary.size()) return otherwise;
  auto it = m.find(std::string(vocabulary[code]));
  return it == m.end() ? otherwise : it->second;
}

std::uint64_t similar_key(const model::TicketTable& t, std::size_t r) {
  return (static_cast<std::uint64_t>(t.channel[r]) << 40) | (static_cast<std::uint64_t>(t.priority[r]) << 32) |
         t.category[r];
}

Timestamp floor_day(Timestamp t) { return t - (((t % kSecondsPerDay) + kSecondsPerDay) % kSecondsPerDay); }
Timestamp ceil_day(Timestamp t) { return t == floor_day(t) ? t : floor_day(t) + kSecondsPerDay; }

// Share of the month [start, next) that the data covers: its fixed costs are prorated at the
// data's edges, so a partial first or last month does not load its few tickets with a full month.
double month_coverage(const model::World& w, Timestamp start) {
  const Timestamp next = next_month_start(start);
  const Timestamp lo = std::max(start, floor_day(w.data_start));
  // The data's last day counts in full: data_end is a ticket or event time inside it.
  const Timestamp hi = std::min(next, ceil_day(w.data_end + 1));
  if (hi <= lo) return 0;
  return static_cast<double>(hi - lo) / static_cast<double>(next - start);
}

}  // namespace

std::string_view handle_source_name(HandleSource s) {
  switch (s) {
    case HandleSource::kRecorded: return "recorded";
    case HandleSource::kSimilarMedian: return "similar_median";
    case HandleSource::kChannelDefault: return "channel_default";
    case HandleSource::kFallback: return "fallback";
  }
  return "recorded";
}

std::vector<TicketCost> ticket_costs(const model::World& world, const model::Config& config) {
  const auto& t = world.tickets;
  // Medians of recorded handle time per (channel, category, priority), missing values included
  // in the key as themselves.
  std::unordered_map<std::uint64_t, std::vector<double>> recorded;
  for (std::size_t r = 0; r < t.size(); ++r)
    if (!std::isnan(t.handle_minutes[r])) recorded[similar_key(t, r)].push_back(t.handle_minutes[r]);
  std::unordered_map<std::uint64_t, double> similar_median;
  for (auto& [key, values] : recorded) similar_median[key] = quantile_type7(values, 0.5);

  std::vector<TicketCost> costs(t.size());
  for (std::size_t r = 0; r < t.size(); ++r) {
    TicketCost& c = costs[r];
    c.row = static_cast<std::uint32_t>(r);
    if (!std::isnan(t.handle_minutes[r])) {
      c.handle_minutes = t.handle_minutes[r];
    } else if (auto it = similar_median.find(similar_key(t, r)); it != similar_median.end()) {
      c.handle_minutes = it->second;
      c.handle_source = HandleSource::kSimilarMedian;
    } else {
      const double channel_default =
          lookup(config.default_handle_minutes, model::kChannels, t.channel[r], kNaN);
      c.handle_source = std::isnan(channel_default) ? HandleSource::kFallback : HandleSource::kChannelDefault;
      c.handle_minutes = std::isnan(channel_default) ? config.fallback_handle_minutes : channel_default;
    }
    const double rate = lookup(config.hourly_rate, model::kChannels, t.channel[r], config.fallback_hourly_rate);
    const double multiplier = lookup(config.priority_multiplier, model::kPriorities, t.priority[r], 1.0);
    c.handling = c.handle_minutes / 60 * rate * multiplier;
    const std::uint8_t e = t.escalated_to[r];
    if (e == kTier2) c.escalation = config.tier2_minutes / 60 * config.tier2_rate;
    if (e == kProduct || e == kEngineering) c.escalation = config.engineering_hours * config.engineering_rate;
    c.rehandle = std::max(0, t.reopens[r]) * config.rehandle_minutes / 60 * rate;
  }

  // Allocation: each month's (prorated) fixed costs by handle time; equally when the month's
  // tickets have no handle time at all.
  struct Month {
    double handle = 0;
    std::int64_t tickets = 0;
  };
  std::map<Timestamp, Month> months;
  for (std::size_t r = 0; r < t.size(); ++r) {
    auto& m = months[month_start(t.created_at[r])];
    m.handle += costs[r].handle_minutes;
    ++m.tickets;
  }
  std::map<Timestamp, double> fixed;
  for (const auto& [start, m] : months) fixed[start] = config.monthly_fixed_costs * month_coverage(world, start);
  for (std::size_t r = 0; r < t.size(); ++r) {
    const Timestamp start = month_start(t.created_at[r]);
    const auto& m = months[start];
    costs[r].allocated = m.handle > 0 ? fixed[start] * costs[r].handle_minutes / m.handle
                                      : fixed[start] / static_cast<double>(m.tickets);
  }
  return costs;
}

void CostTotals::add(const TicketCost& c) {
  ++tickets;
  estimated += c.estimated();
  handle_hours += c.handle_minutes / 60;
  handling += c.handling;
  escalation += c.escalation;
  rehandle += c.rehandle;
  direct += c.direct();
  allocated += c.allocated;
  total += c.total();
  per_ticket = total / static_cast<double>(tickets);
}

std::vector<double> arr_at(const model::World& world, Timestamp at) {
  const auto& s = world.subscriptions;
  std::vector<double> arr(world.accounts.size(), 0.0);
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.started_at[i] <= at && (s.ended_at[i] == model::kNoTime || at < s.ended_at[i]))
      arr[s.account[i]] += 12 * s.mrr[i];
  return arr;
}

CostReport summarize_costs(const model::World& world, std::span<const TicketCost> costs, Period period,
                           std::span<const Dimension> by) {
  const auto& t = world.tickets;
  CostReport report;
  report.period = period;
  report.by.assign(by.begin(), by.end());
  std::map<std::vector<std::string>, CostTotals> groups;
  std::map<std::uint32_t, CostTotals> accounts;
  std::map<std::pair<std::string, std::string>, CostTotals> cells;
  for (const auto& c : costs) {
    if (!period.contains(t.created_at[c.row])) continue;
    report.tickets.push_back(c);
    report.overall.add(c);
    if (!by.empty()) {
      std::vector<std::string> key;
      for (Dimension d : by) key.push_back(dimension_value(world, d, c.row));
      groups[key].add(c);
    }
    accounts[t.account[c.row]].add(c);
    cells[{dimension_value(world, Dimension::kCategory, c.row),
           dimension_value(world, Dimension::kProductArea, c.row)}]
        .add(c);
  }
  for (const auto& [key, totals] : groups) report.groups.push_back({key, totals});

  const auto arr = arr_at(world, period.to - 1);
  for (const auto& [a, totals] : accounts) {
    AccountCost ac{a, std::string(world.accounts.ids.at(a)), totals, arr[a], kNaN};
    if (arr[a] > 0) ac.pct_of_arr = 100 * totals.total / arr[a];
    report.accounts.push_back(std::move(ac));
  }
  std::stable_sort(report.accounts.begin(), report.accounts.end(),
                   [](const AccountCost& x, const AccountCost& y) { return x.totals.total > y.totals.total; });

  for (const auto& [key, totals] : cells)
    report.pareto.push_back({key.first, key.second, totals.tickets, totals.total, 0, 0, false});
  std::stable_sort(report.pareto.begin(), report.pareto.end(),
                   [](const ParetoCell& x, const ParetoCell& y) { return x.total > y.total; });
  double cumulative = 0;
  bool reached = report.overall.total <= 0;  // nothing to explain
  for (auto& cell : report.pareto) {
    cell.share_pct = percent(cell.total, report.overall.total);
    cumulative += cell.total;
    cell.cumulative_pct = percent(cumulative, report.overall.total);
    if (!reached) {
      cell.in_pareto = true;
      ++report.pareto_cells;
      // A small tolerance so that 80% made of rounded parts counts as reached.
      reached = cell.cumulative_pct >= report.pareto_target_pct - 1e-9;
    }
  }
  return report;
}

CostReport compute_costs(const model::World& world, const model::Config& config, Period period,
                         std::span<const Dimension> by) {
  const auto costs = ticket_costs(world, config);
  return summarize_costs(world, costs, period, by);
}

}  // namespace ticketlens::analysis
