#include "ticketlens/analysis/backlog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/retention/churn_cox.hpp"
#include "ticketlens/analysis/risk/features.hpp"
#include "ticketlens/analysis/risk/targets.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis {
namespace {

constexpr Timestamp kDay = kSecondsPerDay;

double excess_churn(double p0, double hr) {
  if (!(hr > 1) || !std::isfinite(hr)) return 0;
  return (1 - p0) - std::pow(1 - p0, hr);
}

std::string name_or_missing(const Dictionary& dict, std::uint32_t code) {
  return code == model::kNone ? "(missing)" : std::string(dict.at(code));
}

void require_tickets(const model::World& world, Timestamp as_of) {
  const auto& created = world.tickets.created_at;
  if (std::none_of(created.begin(), created.end(), [&](Timestamp c) { return c <= as_of; }))
    throw Error(ErrorCode::kNotFound, "backlog: no tickets before --as-of; ingest tickets first");
}

}  // namespace

Backlog support_backlog(const model::World& world, const model::Config& config, Timestamp as_of) {
  require_tickets(world, as_of);
  retention::ChurnCoxOptions cox_options;
  cox_options.ph_test = false;
  cox_options.concordance = false;
  return support_backlog(world, config, as_of,
                         retention::churn_cox(world, config, retention::account_survival(world, as_of), cox_options));
}

Backlog support_backlog(const model::World& world, const model::Config& config, Timestamp as_of,
                        const retention::ChurnCox& cox) {
  Backlog b;
  b.as_of = as_of;
  b.ticket_reduction = config.backlog.ticket_reduction;
  b.churn_reduction = config.backlog.churn_reduction;
  b.fix_cost_default = config.backlog.fix_cost_default;
  const auto& tk = world.tickets;
  require_tickets(world, as_of);

  // p0: churn within a year of the accounts active a year before as_of.
  {
    const auto year_ago = risk::account_features(world, config, as_of - 365 * kDay);
    const auto churned = risk::churn_outcomes(world, year_ago, 365);
    b.yearly_churn_accounts = static_cast<std::int64_t>(churned.size());
    double n = 0;
    for (auto c : churned) n += c;
    b.yearly_churn = churned.empty() ? 0 : n / static_cast<double>(churned.size());
  }

  // Hazard ratio per category from the retention Cox model as of as_of.
  b.cox_converged = cox.fit.converged;
  b.cox_churns = cox.churns;
  std::map<std::string, retention::HazardRatio> hr;
  for (const auto& h : cox.categories_ranked) hr[h.name.substr(std::string("category=").size())] = h;

  const auto costs = ticket_costs(world, config);
  const auto arr = arr_at(world, as_of);
  std::map<std::pair<std::string, std::string>, BacklogItem> cells;
  auto cell = [&](std::size_t row) -> BacklogItem& {
    auto key = std::make_pair(name_or_missing(world.product_areas, tk.product_area[row]),
                              name_or_missing(tk.categories, tk.category[row]));
    auto& item = cells[key];
    item.product_area = key.first;
    item.category = key.second;
    return item;
  };
  for (std::size_t i = 0; i < tk.size(); ++i)
    if (tk.created_at[i] <= as_of && tk.created_at[i] > as_of - 365 * kDay) {
      auto& item = cell(i);
      ++item.tickets_year;
      item.ticket_cost_year += costs[i].total();
    }
  // Exposure: accounts with ARR at as_of and tickets of the category in the trailing 90 days.
  for (std::uint32_t a = 0; a < world.accounts.size(); ++a) {
    if (!(arr[a] > 0)) continue;
    std::map<std::string, std::vector<std::size_t>> by_category;
    for (std::uint64_t i = tk.account_offsets[a]; i < tk.account_offsets[a + 1]; ++i)
      if (tk.created_at[i] <= as_of && tk.created_at[i] > as_of - 90 * kDay && tk.category[i] != model::kNone)
        by_category[std::string(tk.categories.at(tk.category[i]))].push_back(i);
    for (const auto& [category, rows] : by_category) {
      const auto it = hr.find(category);
      const double share = 1.0 / static_cast<double>(rows.size());
      std::map<std::string, bool> counted;
      for (std::size_t i : rows) {
        auto& item = cell(i);
        if (!counted[item.product_area]) ++item.accounts_exposed;
        counted[item.product_area] = true;
        item.exposed_arr += arr[a] * share;
        if (it == hr.end()) continue;
        item.arr_at_risk += arr[a] * share * excess_churn(b.yearly_churn, it->second.hazard_ratio);
        item.arr_at_risk_lower += arr[a] * share * excess_churn(b.yearly_churn, it->second.lower);
        item.arr_at_risk_upper += arr[a] * share * excess_churn(b.yearly_churn, it->second.upper);
      }
    }
  }
  for (auto& [key, item] : cells) {
    const auto it = hr.find(item.category);
    item.hazard_ratio = it == hr.end() ? kNaN : it->second.hazard_ratio;
    item.hr_lower = it == hr.end() ? kNaN : it->second.lower;
    item.hr_upper = it == hr.end() ? kNaN : it->second.upper;
    const auto fix = config.backlog.fix_costs.find(item.product_area + "/" + item.category);
    item.fix_cost_default = fix == config.backlog.fix_costs.end();
    item.fix_cost = item.fix_cost_default ? config.backlog.fix_cost_default : fix->second;
    item.ticket_cost_saved = item.ticket_cost_year * b.ticket_reduction;
    item.arr_retained = item.arr_at_risk * b.churn_reduction;
    item.value_per_cost = (item.ticket_cost_saved + item.arr_retained) / item.fix_cost;
    b.items.push_back(item);
  }
  std::stable_sort(b.items.begin(), b.items.end(),
                   [](const auto& x, const auto& y) { return x.value_per_cost > y.value_per_cost; });
  return b;
}

}  // namespace ticketlens::analysis
