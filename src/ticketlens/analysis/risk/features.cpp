#include "ticketlens/analysis/risk/features.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "ticketlens/analysis/cost.hpp"

namespace ticketlens::analysis::risk {
namespace {

constexpr Timestamp kDay = kSecondsPerDay;

// The fixed features, before the per-category and tier columns.
const std::vector<std::string> kFixed = {
    "early_events_14d",      "early_active_days_30d", "active_days_28d",  "activity_trend",
    "error_events_28d",      "missing_prerequisites", "tickets_90d",      "recurrent_tickets_30d",
    "long_unresolved_tickets", "open_tickets",        "csat_low_180d",    "handle_hours_90d",
    "escalated_90d",         "log_arr",               "tenure_years"};

std::vector<std::string> sorted_tiers(const model::World& world) {
  std::vector<std::string> tiers;
  for (std::uint32_t i = 0; i < world.accounts.tiers.size(); ++i) tiers.emplace_back(world.accounts.tiers.at(i));
  std::sort(tiers.begin(), tiers.end());
  return tiers;
}

std::vector<std::string> sorted_categories(const model::World& world) {
  std::vector<std::string> cats;
  for (std::uint32_t i = 0; i < world.tickets.categories.size(); ++i)
    cats.emplace_back(world.tickets.categories.at(i));
  std::sort(cats.begin(), cats.end());
  return cats;
}

// Days with at least one event among events [first, last) with ts in [from, to].
double active_days(const model::EventTable& ev, std::uint64_t first, std::uint64_t last, Timestamp from,
                   Timestamp to) {
  auto lo = std::lower_bound(ev.ts.begin() + static_cast<std::ptrdiff_t>(first),
                             ev.ts.begin() + static_cast<std::ptrdiff_t>(last), from);
  double days = 0;
  Timestamp previous_day = model::kNoTime;
  for (auto it = lo; it != ev.ts.begin() + static_cast<std::ptrdiff_t>(last) && *it <= to; ++it) {
    const Timestamp day = *it >= 0 ? *it / kDay : (*it - kDay + 1) / kDay;
    if (day != previous_day) ++days;
    previous_day = day;
  }
  return days;
}

double events_between(const model::EventTable& ev, std::uint64_t first, std::uint64_t last, Timestamp from,
                      Timestamp to, bool errors_only = false) {
  auto begin = ev.ts.begin() + static_cast<std::ptrdiff_t>(first);
  auto end = ev.ts.begin() + static_cast<std::ptrdiff_t>(last);
  auto lo = std::lower_bound(begin, end, from);
  auto hi = std::upper_bound(lo, end, to);
  if (!errors_only) return static_cast<double>(hi - lo);
  double n = 0;
  for (auto it = lo; it != hi; ++it) n += ev.is_error[static_cast<std::size_t>(it - ev.ts.begin())];
  return n;
}

bool solved_by(const model::TicketTable& tk, std::size_t row, Timestamp t) {
  return tk.solved_at[row] != model::kNoTime && tk.solved_at[row] <= t;
}

}  // namespace

std::size_t FeatureMatrix::column(const std::string& name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? std::string::npos : static_cast<std::size_t>(it - names.begin());
}

std::vector<std::string> feature_names(const model::World& world) {
  std::vector<std::string> names = kFixed;
  for (const auto& c : sorted_categories(world)) names.push_back("category_" + c + "_90d");
  const auto tiers = sorted_tiers(world);
  for (std::size_t i = 1; i < tiers.size(); ++i) names.push_back("tier_" + tiers[i]);
  return names;
}

FeatureMatrix account_features(const model::World& world, const model::Config& config, Timestamp t) {
  FeatureMatrix m;
  m.cutoff = t;
  m.names = feature_names(world);
  m.columns.assign(m.names.size(), {});
  const auto categories = sorted_categories(world);
  const auto tiers = sorted_tiers(world);
  // Dictionary code -> position among the sorted names.
  std::vector<std::size_t> category_slot(world.tickets.categories.size());
  for (std::uint32_t i = 0; i < world.tickets.categories.size(); ++i)
    category_slot[i] = static_cast<std::size_t>(
        std::lower_bound(categories.begin(), categories.end(), std::string(world.tickets.categories.at(i))) -
        categories.begin());
  std::vector<std::size_t> tier_slot(world.accounts.tiers.size());
  for (std::uint32_t i = 0; i < world.accounts.tiers.size(); ++i)
    tier_slot[i] = static_cast<std::size_t>(
        std::lower_bound(tiers.begin(), tiers.end(), std::string(world.accounts.tiers.at(i))) - tiers.begin());
  std::vector<std::uint32_t> prerequisite_codes;
  for (const auto& name : config.risk.prerequisites)
    prerequisite_codes.push_back(world.events.names.find(name).value_or(model::kNone));

  // Subscriptions active at t.
  std::vector<double> arr(world.accounts.size(), 0.0);
  std::vector<std::uint8_t> active(world.accounts.size(), 0);
  const auto& subs = world.subscriptions;
  for (std::size_t i = 0; i < subs.size(); ++i) {
    if (subs.started_at[i] <= t && (subs.ended_at[i] == model::kNoTime || subs.ended_at[i] > t)) {
      active[subs.account[i]] = 1;
      arr[subs.account[i]] += 12 * subs.mrr[i];
    }
  }

  const auto& ev = world.events;
  const auto& tk = world.tickets;
  const std::size_t fixed = kFixed.size();
  const Timestamp recurrent = static_cast<Timestamp>(config.recurrent_days) * kDay;
  std::vector<double> row(m.names.size());
  for (std::uint32_t a = 0; a < world.accounts.size(); ++a) {
    const Timestamp signup = world.accounts.signup_at[a];
    if (!active[a] || signup == model::kNoTime || signup > t) continue;
    std::fill(row.begin(), row.end(), 0.0);
    const std::uint64_t e0 = ev.account_offsets[a], e1 = ev.account_offsets[a + 1];
    // Only events at or before t exist for these features.
    const auto e_end = static_cast<std::uint64_t>(
        std::upper_bound(ev.ts.begin() + static_cast<std::ptrdiff_t>(e0), ev.ts.begin() + static_cast<std::ptrdiff_t>(e1), t) -
        ev.ts.begin());
    row[0] = events_between(ev, e0, e_end, signup, std::min(t, signup + 14 * kDay - 1));
    row[1] = active_days(ev, e0, e_end, signup, std::min(t, signup + 30 * kDay - 1));
    row[2] = active_days(ev, e0, e_end, t - 28 * kDay + 1, t);
    const double recent = events_between(ev, e0, e_end, t - 28 * kDay + 1, t);
    const double before = events_between(ev, e0, e_end, t - 56 * kDay + 1, t - 28 * kDay);
    row[3] = std::log((recent + 1) / (before + 1));
    row[4] = events_between(ev, e0, e_end, t - 28 * kDay + 1, t, true);
    // One pass over the account's events for every prerequisite at once.
    std::vector<std::uint8_t> done(prerequisite_codes.size(), 0);
    std::size_t remaining = prerequisite_codes.size();
    for (std::uint64_t i = e0; i < e_end && remaining > 0; ++i)
      for (std::size_t k = 0; k < prerequisite_codes.size(); ++k)
        if (!done[k] && ev.name[i] == prerequisite_codes[k]) {
          done[k] = 1;
          --remaining;
        }
    row[5] = static_cast<double>(remaining);
    const std::uint64_t k0 = tk.account_offsets[a], k1 = tk.account_offsets[a + 1];
    for (std::uint64_t i = k0; i < k1 && tk.created_at[i] <= t; ++i) {
      const Timestamp created = tk.created_at[i];
      const Timestamp solved = tk.solved_at[i];
      const bool open_now = !solved_by(tk, i, t);
      if (created > t - 90 * kDay) {
        row[6] += 1;
        if (tk.category[i] != model::kNone) row[fixed + category_slot[tk.category[i]]] += 1;
        if (!open_now) {
          if (!std::isnan(tk.handle_minutes[i])) row[11] += tk.handle_minutes[i] / 60.0;
          if (tk.escalated_to[i] != model::kNoCode && tk.escalated_to[i] != 0) row[12] += 1;
        }
      }
      if (created > t - 30 * kDay && tk.category[i] != model::kNone) {
        for (std::uint64_t j = k0; j < i; ++j)
          if (tk.category[j] == tk.category[i] && tk.created_at[j] >= created - recurrent && tk.created_at[j] < created) {
            row[7] += 1;
            break;
          }
      }
      // Open for more than 7 days, and still open or solved within the last 30 days.
      if (created + 7 * kDay <= t && (open_now || solved > created + 7 * kDay) &&
          (open_now || solved > t - 30 * kDay))
        row[8] += 1;
      if (open_now) row[9] += 1;
      if (!open_now && solved > t - 180 * kDay && tk.csat[i] >= 1 && tk.csat[i] <= 2) row[10] += 1;
    }
    row[13] = std::log1p(arr[a]);
    row[14] = static_cast<double>(t - signup) / (365.0 * kDay);
    const std::uint32_t tier = world.accounts.tier[a];
    if (tier != model::kNone && tier_slot[tier] > 0) row[fixed + categories.size() + tier_slot[tier] - 1] = 1;
    m.accounts.push_back(a);
    m.arr.push_back(arr[a]);
    for (std::size_t c = 0; c < row.size(); ++c) m.columns[c].push_back(row[c]);
  }
  return m;
}

}  // namespace ticketlens::analysis::risk
