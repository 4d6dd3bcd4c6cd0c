#include "ticketlens/analysis/account_timeline.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "ticketlens/analysis/churn.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis {
namespace {

Timestamp floor_day(Timestamp t) { return t - (((t % kSecondsPerDay) + kSecondsPerDay) % kSecondsPerDay); }

}  // namespace

Period account_lifetime(const model::World& world, std::uint32_t account) {
  if (account >= world.accounts.size()) throw Error(ErrorCode::kInvalidInput, "account index out of range");
  Timestamp from = world.accounts.signup_at[account];
  const auto& e = world.events;
  if (e.account_offsets.size() > account + 1 && e.account_offsets[account] < e.account_offsets[account + 1])
    from = std::min(from, e.ts[e.account_offsets[account]]);
  const auto& t = world.tickets;
  if (t.account_offsets.size() > account + 1 && t.account_offsets[account] < t.account_offsets[account + 1])
    from = std::min(from, t.created_at[t.account_offsets[account]]);
  Timestamp to = world.data_end == model::kNoTime ? from + kSecondsPerDay : world.data_end + 1;
  return {from, std::max(to, from + 1)};
}

AccountTimeline account_timeline(const model::World& world, std::uint32_t account, Period period) {
  if (account >= world.accounts.size()) throw Error(ErrorCode::kInvalidInput, "account index out of range");
  AccountTimeline out;
  out.account = account;
  const Timestamp from = floor_day(period.from);
  Timestamp to = floor_day(period.to - 1) + kSecondsPerDay;
  if (to - from > 20 * 366 * kSecondsPerDay)
    throw Error(ErrorCode::kInvalidInput, "an account timeline covers at most 20 years");
  out.period = {from, to};
  const auto n_days = static_cast<std::size_t>((to - from) / kSecondsPerDay);
  out.days.resize(n_days);
  for (std::size_t i = 0; i < n_days; ++i) out.days[i].day = from + static_cast<Timestamp>(i) * kSecondsPerDay;
  auto day_of = [&](Timestamp ts) { return static_cast<std::size_t>((floor_day(ts) - from) / kSecondsPerDay); };

  const auto& e = world.events;
  if (e.account_offsets.size() > account + 1) {
    std::vector<std::set<std::uint32_t>> sessions(n_days);
    for (auto i = e.account_offsets[account]; i < e.account_offsets[account + 1]; ++i) {
      if (e.ts[i] < from || e.ts[i] >= to) continue;
      const auto d = day_of(e.ts[i]);
      ++out.days[d].events;
      out.days[d].errors += e.is_error[i];
      if (e.session[i] != model::kNone) sessions[d].insert(e.session[i]);
    }
    for (std::size_t d = 0; d < n_days; ++d) out.days[d].sessions = static_cast<std::int64_t>(sessions[d].size());
  }
  const auto& t = world.tickets;
  if (t.account_offsets.size() > account + 1) {
    for (auto i = t.account_offsets[account]; i < t.account_offsets[account + 1]; ++i) {
      if (t.created_at[i] < from || t.created_at[i] >= to) continue;
      ++out.days[day_of(t.created_at[i])].tickets;
      out.tickets.push_back(static_cast<std::uint32_t>(i));
    }
  }
  // MRR: +mrr at each start, −mrr at each end; one step per distinct moment.
  const auto& s = world.subscriptions;
  std::map<Timestamp, double> delta;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.account[i] != account) continue;
    out.subscriptions.push_back(static_cast<std::uint32_t>(i));
    delta[s.started_at[i]] += s.mrr[i];
    if (s.ended_at[i] != model::kNoTime) delta[s.ended_at[i]] -= s.mrr[i];
  }
  double mrr = 0;
  for (const auto& [at, d] : delta) {
    mrr += d;
    if (std::abs(mrr) < 1e-9) mrr = 0;
    out.mrr.push_back({at, mrr});
  }
  out.churned_at = churn_times(world)[account];
  return out;
}

}  // namespace ticketlens::analysis
