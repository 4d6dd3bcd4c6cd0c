#include "ticketlens/analysis/churn.hpp"

#include <algorithm>

namespace ticketlens::analysis {

std::vector<Timestamp> churn_times(const model::World& world) {
  const auto& s = world.subscriptions;
  std::vector<Timestamp> last_end(world.accounts.size(), model::kNoTime);
  std::vector<bool> open(world.accounts.size(), false);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto a = s.account[i];
    if (s.ended_at[i] == model::kNoTime)
      open[a] = true;
    else
      last_end[a] = std::max(last_end[a], s.ended_at[i]);
  }
  for (std::size_t a = 0; a < open.size(); ++a)
    if (open[a]) last_end[a] = model::kNoTime;
  return last_end;
}

}  // namespace ticketlens::analysis
