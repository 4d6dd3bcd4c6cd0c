#include "ticketlens/analysis/retention/influence.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/retention/account_grouping.hpp"
#include "ticketlens/analysis/retention/revenue.hpp"
#include "ticketlens/analysis/retention/survival_by_group.hpp"
#include "ticketlens/model/schema.hpp"

namespace ticketlens::analysis::retention {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr Timestamp kDay = kSecondsPerDay;

struct Unit {
  std::uint32_t account, spell;
  Timestamp month;
  double tenure, active_days, arr_k;
  int tier;
  bool churned;  ///< in the outcome window
};

double mrr_at(const model::SubscriptionTable& s, const std::vector<std::uint32_t>& rows, Timestamp t, Timestamp as_of) {
  double mrr = 0;
  for (auto r : rows)
    if (s.started_at[r] <= t && s.started_at[r] < as_of &&
        (s.ended_at[r] == model::kNoTime || s.ended_at[r] >= as_of || t < s.ended_at[r]))
      mrr += s.mrr[r];
  return mrr;
}

/// Instants at which an account's MRR rose while it stayed subscribed.
std::vector<Timestamp> expansions(const model::SubscriptionTable& s, const std::vector<std::uint32_t>& rows,
                                  Timestamp as_of) {
  std::vector<std::pair<Timestamp, std::pair<double, int>>> ch;
  for (auto r : rows) {
    if (s.started_at[r] >= as_of || s.ended_at[r] == s.started_at[r]) continue;
    ch.push_back({s.started_at[r], {s.mrr[r], 1}});
    if (s.ended_at[r] != model::kNoTime && s.ended_at[r] < as_of) ch.push_back({s.ended_at[r], {-s.mrr[r], -1}});
  }
  std::sort(ch.begin(), ch.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<Timestamp> out;
  double mrr = 0;
  int active = 0;
  for (std::size_t i = 0; i < ch.size();) {
    const Timestamp at = ch[i].first;
    const double before = mrr;
    const bool was = active > 0;
    for (; i < ch.size() && ch[i].first == at; ++i) {
      mrr += ch[i].second.first;
      active += ch[i].second.second;
    }
    if (was && active > 0 && mrr > before + 1e-9) out.push_back(at);
  }
  return out;
}

bool any_in(const std::vector<Timestamp>& times, Timestamp from, Timestamp to) {  // (from, to]
  auto it = std::upper_bound(times.begin(), times.end(), from);
  return it != times.end() && *it <= to;
}

double clv_of(double arpa, double margin, double churn, int outcome_days) {
  const double monthly = 1.0 - std::pow(1.0 - churn, kDaysPerMonth / outcome_days);
  return monthly > 0 ? arpa * margin / monthly : kNaN;
}

}  // namespace

InfluenceReport support_influence(const model::World& world, const model::Config& config, const SurvivalData& data,
                                  const InfluenceOptions& options) {
  InfluenceReport out;
  out.as_of = data.as_of;
  out.options = options;
  const auto revenue = revenue_report(world, config, data.as_of);
  out.arpa = revenue.arpa;
  out.gross_margin = config.gross_margin;
  out.clv = revenue.clv;
  const auto& s = world.subscriptions;
  const auto& t = world.tickets;
  const auto& ev = world.events;
  const auto subs = subscriptions_by_account(world);
  const Timestamp contact = options.contact_days * kDay, outcome = options.outcome_days * kDay;

  // Per-account facts: active days, expansions, NPS responses.
  const std::size_t n_accounts = world.accounts.size();
  std::vector<std::vector<std::int64_t>> days(n_accounts);
  std::vector<std::vector<Timestamp>> expansion(n_accounts);
  std::vector<std::vector<std::pair<Timestamp, double>>> nps(n_accounts);
  for (const auto& sp : data.spells) {
    const auto a = sp.account;
    if (a + 1 < ev.account_offsets.size())
      for (auto i = ev.account_offsets[a]; i < ev.account_offsets[a + 1] && ev.ts[i] < data.as_of; ++i)
        if (days[a].empty() || days[a].back() != ev.ts[i] / kDay) days[a].push_back(ev.ts[i] / kDay);
    expansion[a] = expansions(s, subs[a], data.as_of);
  }
  for (std::size_t i = 0; i < world.surveys.size(); ++i)
    if (world.surveys.kind[i] == 0 && world.surveys.account[i] < n_accounts && world.surveys.ts[i] < data.as_of)
      nps[world.surveys.account[i]].emplace_back(world.surveys.ts[i], world.surveys.score[i]);

  // The pooled units of the monthly grid.
  std::map<std::string, int> tiers;
  for (const auto& sp : data.spells) tiers.emplace(account_group(world, AccountGrouping::kTier, sp.account, sp.entry), 0);
  int code = 0;
  for (auto& [name, c] : tiers) c = code++;
  std::vector<Unit> units;
  Timestamp first = std::numeric_limits<Timestamp>::max();
  for (const auto& sp : data.spells) first = std::min(first, sp.entry);
  for (Timestamp m = data.spells.empty() ? data.as_of : month_start(first); m + contact + outcome <= data.as_of;
       m = next_month_start(m))
    for (std::uint32_t i = 0; i < data.spells.size(); ++i) {
      const auto& sp = data.spells[i];
      if (sp.entry > m || sp.exit <= m + contact) continue;
      const auto a = sp.account;
      const std::int64_t today = m / kDay;
      const double active = static_cast<double>(std::lower_bound(days[a].begin(), days[a].end(), today) -
                                                std::lower_bound(days[a].begin(), days[a].end(), today - 28));
      units.push_back({a, i, m, static_cast<double>(m - sp.entry) / kDay, active,
                       12 * mrr_at(s, subs[a], m, data.as_of) / 1000.0,
                       tiers[account_group(world, AccountGrouping::kTier, a, sp.entry)],
                       sp.churned && sp.exit < m + contact + outcome});
    }
  std::vector<std::vector<double>> columns(3 + (tiers.empty() ? 0 : tiers.size() - 1), std::vector<double>(units.size()));
  std::vector<std::string> names = {"tenure_days", "active_days_28d", "arr_thousands"};
  for (const auto& [name, c] : tiers)
    if (c > 0) names.push_back("tier=" + name);
  for (std::size_t u = 0; u < units.size(); ++u) {
    columns[0][u] = units[u].tenure;
    columns[1][u] = units[u].active_days;
    columns[2][u] = units[u].arr_k;
    for (int c = 1; c < static_cast<int>(tiers.size()); ++c)
      columns[static_cast<std::size_t>(2 + c)][u] = units[u].tier == c;
  }

  const auto costs = ticket_costs(world, config);
  std::map<std::string, std::uint32_t> categories;
  for (std::size_t r = 0; r < t.size(); ++r)
    if (t.category[r] != model::kNone && !t.categories.at(t.category[r]).empty())
      categories.emplace(std::string(t.categories.at(t.category[r])), t.category[r]);

  for (const auto& [category, ccode] : categories) {
    TicketTypeInfluence type;
    type.ticket_type = category;
    // First ticket of the type per account, and the type's ticket rows.
    std::vector<Timestamp> first_contact(n_accounts, std::numeric_limits<Timestamp>::max());
    std::vector<std::vector<std::size_t>> rows(n_accounts);
    for (std::size_t r = 0; r < t.size(); ++r)
      if (t.category[r] == ccode && t.created_at[r] != model::kNoTime && t.created_at[r] < data.as_of) {
        first_contact[t.account[r]] = std::min(first_contact[t.account[r]], t.created_at[r]);
        rows[t.account[r]].push_back(r);
      }
    std::vector<std::size_t> used;
    std::vector<std::uint8_t> treated;
    for (std::size_t u = 0; u < units.size(); ++u) {
      const Timestamp f = first_contact[units[u].account];
      if (f < units[u].month) continue;
      used.push_back(u);
      treated.push_back(f < units[u].month + contact ? 1 : 0);
      (treated.back() ? type.treated : type.controls) += 1;
    }
    if (type.treated == 0 || type.controls == 0) {
      out.types.push_back(std::move(type));
      continue;
    }
    std::vector<std::vector<double>> x(columns.size());
    std::vector<std::span<const double>> spans;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      for (auto u : used) x[c].push_back(columns[c][u]);
      spans.emplace_back(x[c]);
    }
    auto score = stats::propensity_scores(spans, treated);
    for (auto& p : score) p = std::clamp(p, 1e-12, 1 - 1e-12);
    const auto match = stats::propensity_match(score, treated);
    type.balance = stats::balance_table(spans, names, treated, match);
    type.pairs = static_cast<std::int64_t>(match.pairs.size());
    type.unmatched = static_cast<std::int64_t>(match.unmatched_treated.size());
    if (match.pairs.empty()) {
      out.types.push_back(std::move(type));
      continue;
    }
    std::vector<double> yt, yc;
    std::map<std::pair<std::string, std::string>, InfluenceSubgroup> groups;
    auto& pc = type.post_contact;
    double nps_t[2] = {0, 0}, nps_c[2] = {0, 0};  // promoters - detractors, responses
    for (const auto& p : match.pairs) {
      const Unit& ut = units[used[p.treated]];
      const Unit& uc = units[used[p.control]];
      yt.push_back(ut.churned);
      yc.push_back(uc.churned);
      double cost = 0;
      for (auto r : rows[ut.account])
        if (t.created_at[r] >= ut.month && t.created_at[r] < ut.month + contact) cost += costs[r].total();
      type.support_cost += cost;
      const Timestamp offset = first_contact[ut.account] - ut.month;
      const Timestamp at_t = ut.month + offset, at_c = uc.month + offset;
      ++pc.treated;
      ++pc.control;
      pc.expansion_30d_treated += any_in(expansion[ut.account], at_t, at_t + 30 * kDay);
      pc.expansion_30d_control += any_in(expansion[uc.account], at_c, at_c + 30 * kDay);
      pc.expansion_90d_treated += any_in(expansion[ut.account], at_t, at_t + 90 * kDay);
      pc.expansion_90d_control += any_in(expansion[uc.account], at_c, at_c + 90 * kDay);
      for (const auto& [ts, v] : nps[ut.account])
        if (ts > at_t && ts <= at_t + 90 * kDay) nps_t[0] += (v >= 9) - (v <= 6), ++nps_t[1];
      for (const auto& [ts, v] : nps[uc.account])
        if (ts > at_c && ts <= at_c + 90 * kDay) nps_c[0] += (v >= 9) - (v <= 6), ++nps_c[1];
      const auto& sp = data.spells[ut.spell];
      for (auto g : {AccountGrouping::kTier, AccountGrouping::kRegion}) {
        auto& sg = groups[{std::string(account_grouping_name(g)), account_group(world, g, ut.account, sp.entry)}];
        ++sg.pairs;
        sg.churn_treated += ut.churned;
        sg.churn_control += uc.churned;
        sg.support_cost += cost;
      }
    }
    const double n = static_cast<double>(yt.size());
    for (double v : yt) type.churn_treated += v / n;
    for (double v : yc) type.churn_control += v / n;
    stats::BootstrapOptions bo;
    bo.resamples = options.resamples;
    bo.seed = options.seed;
    type.difference = stats::bootstrap_percentile(
        yt.size(),
        [&](std::span<const std::size_t> idx) {
          double d = 0;
          for (auto i : idx) d += yc[i] - yt[i];
          return d / static_cast<double>(idx.size());
        },
        bo);
    type.saved = type.difference.estimate * n;
    type.clv_treated = clv_of(out.arpa, out.gross_margin, type.churn_treated, options.outcome_days);
    type.clv_control = clv_of(out.arpa, out.gross_margin, type.churn_control, options.outcome_days);
    type.clv_difference = type.clv_treated - type.clv_control;
    type.return_on_support = type.saved * out.clv - type.support_cost;
    type.cost_to_retain = type.saved > 0 ? type.support_cost / type.saved : kNaN;
    for (double* v : {&pc.expansion_30d_treated, &pc.expansion_30d_control, &pc.expansion_90d_treated,
                      &pc.expansion_90d_control})
      *v /= n;
    pc.nps_responses_treated = static_cast<std::int64_t>(nps_t[1]);
    pc.nps_responses_control = static_cast<std::int64_t>(nps_c[1]);
    pc.nps_treated = nps_t[1] > 0 ? 100.0 * nps_t[0] / nps_t[1] : kNaN;
    pc.nps_control = nps_c[1] > 0 ? 100.0 * nps_c[0] / nps_c[1] : kNaN;
    for (auto& [key, sg] : groups) {
      sg.dimension = key.first;
      sg.value = key.second;
      const double k = static_cast<double>(sg.pairs);
      sg.churn_treated /= k;
      sg.churn_control /= k;
      sg.difference = sg.churn_control - sg.churn_treated;
      sg.saved = sg.difference * k;
      type.subgroups.push_back(sg);
    }
    out.types.push_back(std::move(type));
  }
  return out;
}

}  // namespace ticketlens::analysis::retention
