#include "ticketlens/analysis/retention/survival_by_group.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace ticketlens::analysis::retention {

SurvivalAt survival_at(const stats::SurvivalCurve& curve, double t) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  SurvivalAt out{t, kNaN, kNaN, kNaN};
  if (curve.time.empty() || t > curve.time.back()) return out;
  const auto it = std::upper_bound(curve.time.begin(), curve.time.end(), t);
  if (it == curve.time.begin()) {
    out.survival = out.lower = out.upper = 1.0;
    return out;
  }
  const auto i = static_cast<std::size_t>(it - curve.time.begin()) - 1;
  out.survival = curve.survival[i];
  out.lower = curve.lower[i];
  out.upper = curve.upper[i];
  return out;
}

GroupSurvival group_survival(std::string name, std::span<const double> days, std::span<const std::uint8_t> churned) {
  GroupSurvival g;
  g.group = std::move(name);
  g.accounts = static_cast<std::int64_t>(days.size());
  for (auto e : churned) g.churned += e;
  g.curve = stats::kaplan_meier(days, churned);
  g.median = stats::survival_median(g.curve);
  for (double m : {6.0, 12.0, 24.0}) {
    auto at = survival_at(g.curve, m * kDaysPerMonth);
    at.months = m;
    g.at_months.push_back(at);
  }
  return g;
}

SurvivalByGroup survival_by_group(const model::World& world, const SurvivalData& data, AccountGrouping grouping) {
  SurvivalByGroup out;
  out.as_of = data.as_of;
  out.grouping = grouping;
  out.without_subscription = data.without_subscription;
  out.signed_up_later = data.signed_up_later;
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < data.spells.size(); ++i)
    members[account_group(world, grouping, data.spells[i].account, data.spells[i].entry)].push_back(i);
  std::vector<double> all_time;
  std::vector<std::uint8_t> all_event;
  std::vector<std::int32_t> all_group;
  for (const auto& [name, rows] : members) {
    std::vector<double> time;
    std::vector<std::uint8_t> event;
    for (auto r : rows) {
      const auto& s = data.spells[r];
      time.push_back(s.days);
      event.push_back(s.churned ? 1 : 0);
      all_time.push_back(s.days);
      all_event.push_back(event.back());
      all_group.push_back(static_cast<std::int32_t>(out.groups.size()));
    }
    out.groups.push_back(group_survival(name, time, event));
  }
  if (out.groups.size() >= 2)
    out.log_rank = stats::log_rank_test(all_time, all_event, all_group, 0.0,
                                        static_cast<std::int32_t>(out.groups.size()));
  return out;
}

}  // namespace ticketlens::analysis::retention
