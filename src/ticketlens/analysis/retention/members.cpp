#include "ticketlens/analysis/retention/members.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>

#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis::retention {

std::vector<std::size_t> survival_group_members(const model::World& world, const SurvivalData& data,
                                                AccountGrouping grouping, std::string_view group) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < data.spells.size(); ++i)
    if (account_group(world, grouping, data.spells[i].account, data.spells[i].entry) == group) out.push_back(i);
  return out;
}

std::vector<CategoryExposure> category_exposure(const ChurnIntervals& intervals, std::string_view category) {
  const std::string name = fmt::format("category={}", category);
  const auto it = std::find(intervals.names.begin(), intervals.names.end(), name);
  if (it == intervals.names.end())
    throw Error(ErrorCode::kNotFound,
                fmt::format("no ticket category '{}' among the churn model's covariates (categories with tickets "
                            "before as_of)",
                            category));
  const auto& column = intervals.columns[static_cast<std::size_t>(it - intervals.names.begin())];
  std::map<std::size_t, CategoryExposure> by_spell;
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    if (column[i] == 0) continue;
    const std::size_t spell = intervals.spell[i];
    auto [e, fresh] = by_spell.try_emplace(spell);
    if (fresh) {
      e->second.spell = spell;
      e->second.first_exposed_days = intervals.start[i];
    }
    e->second.first_exposed_days = std::min(e->second.first_exposed_days, intervals.start[i]);
    e->second.exposed_days += intervals.stop[i] - intervals.start[i];
    if (intervals.event[i]) e->second.churned_while_exposed = true;
  }
  std::vector<CategoryExposure> out;
  for (auto& [spell, e] : by_spell) out.push_back(e);
  return out;
}

}  // namespace ticketlens::analysis::retention
