#include "ticketlens/analysis/retention/churn_intervals.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "ticketlens/analysis/kpi.hpp"
#include "ticketlens/analysis/retention/account_grouping.hpp"

namespace ticketlens::analysis::retention {
namespace {

constexpr Timestamp kDay = kSecondsPerDay;
constexpr std::array<double, 2> kArrBandEdges = {5000, 25000};
constexpr std::array<const char*, 3> kArrBandNames = {"<5k", "5k-25k", ">=25k"};

int arr_band(double arr) {
  int b = 0;
  while (b < 2 && arr >= kArrBandEdges[static_cast<std::size_t>(b)]) ++b;
  return b;
}

struct TicketFacts {
  Timestamp created, solved;  // solved = kNoTime when unsolved as of as_of
  std::uint32_t category;
  bool recurrent, long_unresolved, csat_low;
};

}  // namespace

stats::CoxData ChurnIntervals::cox_data() const {
  stats::CoxData d;
  d.start = start;
  d.stop = stop;
  d.event = event;
  for (const auto& c : columns) d.covariates.emplace_back(c);
  d.names = names;
  d.terms = terms;
  d.term_names = term_names;
  return d;
}

ChurnIntervals churn_intervals(const model::World& world, const model::Config& config, const SurvivalData& data,
                               const ChurnIntervalOptions& options) {
  const auto& t = world.tickets;
  const auto& ev = world.events;
  const auto& sub = world.subscriptions;
  const Timestamp as_of = data.as_of;
  const auto recurrent = recurrent_flags(world, config.recurrent_days);
  const auto subs = subscriptions_by_account(world);

  // Category indicators: every known category with a ticket, in name order.
  std::map<std::string, std::uint32_t> category_codes;
  if (options.categories)
    for (std::size_t r = 0; r < t.size(); ++r)
      if (t.category[r] != model::kNone && !t.categories.at(t.category[r]).empty())
        category_codes.emplace(std::string(t.categories.at(t.category[r])), t.category[r]);
  std::vector<int> category_column(t.categories.size() + 1, -1);

  ChurnIntervals out;
  auto add_term = [&](const std::string& name) {
    out.names.push_back(name);
    out.terms.push_back(out.term_names.size());
    out.term_names.push_back(name);
  };
  for (const char* n : {"tickets_90d", "recent_recurrent_ticket", "long_unresolved_ticket", "csat_low_90d"})
    add_term(n);
  for (const auto& [name, code] : category_codes) {
    category_column[code] = static_cast<int>(out.names.size());
    add_term("category=" + name);
  }
  const std::size_t fixed = out.names.size();
  out.columns.assign(fixed, {});

  std::map<std::string, int> tier_levels;
  std::vector<int> spell_tier(data.spells.size());
  for (const auto& s : data.spells) tier_levels.emplace(account_group(world, AccountGrouping::kTier, s.account, s.entry), 0);
  int level = 0;
  for (auto& [name, code] : tier_levels) code = level++;
  for (std::size_t i = 0; i < data.spells.size(); ++i)
    spell_tier[i] = tier_levels[account_group(world, AccountGrouping::kTier, data.spells[i].account, data.spells[i].entry)];
  std::vector<int> row_tier, row_band;
  std::vector<double> row_active;

  std::vector<TicketFacts> tickets;
  std::vector<Timestamp> cuts;
  std::vector<std::int64_t> days;
  for (std::size_t si = 0; si < data.spells.size(); ++si) {
    const auto& spell = data.spells[si];
    const auto a = spell.account;
    const Timestamp entry = spell.entry;
    const Timestamp end = std::max(spell.exit, entry + 1);
    tickets.clear();
    cuts.assign(1, entry);
    auto cut = [&](Timestamp c) {
      if (c > entry && c < end) cuts.push_back(c);
    };
    for (Timestamp c = entry + static_cast<Timestamp>(options.split_days * kDay); c < end && options.split_days > 0;
         c += static_cast<Timestamp>(options.split_days * kDay))
      cut(c);
    if (a + 1 < t.account_offsets.size())
      for (auto r = t.account_offsets[a]; r < t.account_offsets[a + 1]; ++r) {
        const Timestamp c = t.created_at[r];
        if (c == model::kNoTime || c >= as_of || c >= end) continue;
        TicketFacts f{c, t.solved_at[r] != model::kNoTime && t.solved_at[r] < as_of ? t.solved_at[r] : model::kNoTime,
                      t.category[r], recurrent[r] != 0, false, t.csat[r] >= 1 && t.csat[r] <= 2};
        f.long_unresolved = f.solved == model::kNoTime || f.solved > c + 7 * kDay;
        f.csat_low = f.csat_low && f.solved != model::kNoTime;
        cut(c);
        cut(c + 90 * kDay);
        if (f.recurrent) cut(c + 30 * kDay);
        if (f.long_unresolved) {
          cut(c + 7 * kDay);
          if (f.solved != model::kNoTime) cut(f.solved + 30 * kDay);
        }
        if (f.csat_low) {
          cut(f.solved);
          cut(f.solved + 90 * kDay);
        }
        tickets.push_back(f);
      }
    for (auto r : subs[a]) {
      if (sub.started_at[r] < as_of) cut(sub.started_at[r]);
      if (sub.ended_at[r] != model::kNoTime && sub.ended_at[r] < as_of) cut(sub.ended_at[r]);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    // Distinct event days of the account before as_of (events are sorted by time).
    days.clear();
    if (a + 1 < ev.account_offsets.size())
      for (auto i = ev.account_offsets[a]; i < ev.account_offsets[a + 1] && ev.ts[i] < as_of; ++i) {
        const std::int64_t d = ev.ts[i] / kDay;
        if (days.empty() || days.back() != d) days.push_back(d);
      }
    for (std::size_t k = 0; k < cuts.size(); ++k) {
      const Timestamp at = cuts[k];
      const Timestamp next = k + 1 < cuts.size() ? cuts[k + 1] : end;
      out.start.push_back(static_cast<double>(at - entry) / kDay);
      out.stop.push_back(static_cast<double>(next - entry) / kDay);
      out.event.push_back(k + 1 == cuts.size() && spell.churned ? 1 : 0);
      out.spell.push_back(static_cast<std::uint32_t>(si));
      double n90 = 0, rec = 0, unres = 0, low = 0;
      for (auto& c : out.columns) c.push_back(0.0);
      const std::size_t row = out.stop.size() - 1;
      for (const auto& f : tickets) {
        if (f.created > at) break;  // tickets are in created order
        const bool in90 = f.created > at - 90 * kDay;
        n90 += in90;
        if (f.recurrent && f.created > at - 30 * kDay) rec = 1;
        if (f.long_unresolved && f.created + 7 * kDay <= at && (f.solved == model::kNoTime || at < f.solved + 30 * kDay))
          unres = 1;
        if (f.csat_low && f.solved <= at && f.solved > at - 90 * kDay) low = 1;
        if (in90 && f.category < category_column.size() && category_column[f.category] >= 0)
          out.columns[static_cast<std::size_t>(category_column[f.category])][row] = 1;
      }
      out.columns[0][row] = n90;
      out.columns[1][row] = rec;
      out.columns[2][row] = unres;
      out.columns[3][row] = low;
      double mrr = 0;
      for (auto r : subs[a])
        if (sub.started_at[r] <= at && sub.started_at[r] < as_of &&
            (sub.ended_at[r] == model::kNoTime || sub.ended_at[r] >= as_of || at < sub.ended_at[r]))
          mrr += sub.mrr[r];
      row_band.push_back(arr_band(12 * mrr));
      row_tier.push_back(spell_tier[si]);
      const std::int64_t today = at / kDay;
      row_active.push_back(static_cast<double>(std::lower_bound(days.begin(), days.end(), today) -
                                               std::lower_bound(days.begin(), days.end(), today - 28)));
    }
  }
  // Factors: tier and ARR band dummies against their first level present.
  auto add_factor = [&](const std::string& term, const std::vector<std::string>& level_names, const std::vector<int>& codes) {
    std::vector<bool> present(level_names.size(), false);
    for (int c : codes) present[static_cast<std::size_t>(c)] = true;
    bool reference = true;
    const std::size_t term_index = out.term_names.size();
    bool any = false;
    for (std::size_t l = 0; l < level_names.size(); ++l) {
      if (!present[l]) continue;
      if (reference) {
        reference = false;
        continue;
      }
      any = true;
      out.names.push_back(term + "=" + level_names[l]);
      out.terms.push_back(term_index);
      std::vector<double> col(codes.size());
      for (std::size_t i = 0; i < codes.size(); ++i) col[i] = codes[i] == static_cast<int>(l);
      out.columns.push_back(std::move(col));
    }
    if (any) out.term_names.push_back(term);
  };
  std::vector<std::string> tier_names;
  for (const auto& [name, code] : tier_levels) tier_names.push_back(name);
  add_factor("tier", tier_names, row_tier);
  add_factor("arr_band", {kArrBandNames.begin(), kArrBandNames.end()}, row_band);
  out.names.push_back("active_days_28d");
  out.terms.push_back(out.term_names.size());
  out.term_names.push_back("active_days_28d");
  out.columns.push_back(std::move(row_active));
  return out;
}

}  // namespace ticketlens::analysis::retention
