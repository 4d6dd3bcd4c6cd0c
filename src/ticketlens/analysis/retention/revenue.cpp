#include "ticketlens/analysis/retention/revenue.hpp"

#include <algorithm>
#include <limits>

#include "ticketlens/analysis/retention/account_grouping.hpp"

namespace ticketlens::analysis::retention {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Change {
  Timestamp at;
  double mrr;
  int count;
};

double ratio(double a, double b) { return b > 0 ? a / b : kNaN; }

/// Gross and net retention between two states of the accounts subscribed at the first.
std::pair<double, double> retention(const AccountMrr& from, const AccountMrr& to) {
  double base = 0, gross = 0, net = 0;
  for (std::size_t a = 0; a < from.mrr.size(); ++a) {
    if (!from.subscribed[a]) continue;
    base += from.mrr[a];
    gross += std::min(from.mrr[a], to.mrr[a]);
    net += to.mrr[a];
  }
  return {ratio(gross, base), ratio(net, base)};
}

}  // namespace

AccountMrr account_mrr_before(const model::World& world, Timestamp t, Timestamp as_of) {
  const auto& s = world.subscriptions;
  AccountMrr out{std::vector<double>(world.accounts.size(), 0.0), std::vector<std::uint8_t>(world.accounts.size(), 0)};
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.started_at[i] >= t || s.started_at[i] >= as_of) continue;
    const Timestamp end = s.ended_at[i];
    if (end != model::kNoTime && end < as_of && end < t) continue;
    if (end == s.started_at[i]) continue;  // zero-length: never active
    out.mrr[s.account[i]] += s.mrr[i];
    out.subscribed[s.account[i]] = 1;
  }
  return out;
}

RevenueReport revenue_report(const model::World& world, const model::Config& config, Timestamp as_of) {
  RevenueReport out;
  out.as_of = as_of;
  out.gross_margin = config.gross_margin;
  const auto& s = world.subscriptions;
  Timestamp first = std::numeric_limits<Timestamp>::max();
  std::vector<std::vector<Change>> changes(world.accounts.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.started_at[i] >= as_of) continue;
    const Timestamp end = s.ended_at[i];
    if (end == s.started_at[i]) continue;
    first = std::min(first, s.started_at[i]);
    changes[s.account[i]].push_back({s.started_at[i], s.mrr[i], 1});
    if (end != model::kNoTime && end < as_of) changes[s.account[i]].push_back({end, -s.mrr[i], -1});
  }
  if (first == std::numeric_limits<Timestamp>::max()) return out;
  for (Timestamp m = month_start(first); m < as_of; m = next_month_start(m)) {
    MrrMonth month;
    month.month = month_label(m);
    month.start = m;
    month.end = std::min(next_month_start(m), as_of);
    month.partial = month.end < next_month_start(m);
    out.months.push_back(month);
  }
  auto month_of = [&](Timestamp t) {
    std::size_t lo = 0, hi = out.months.size();
    while (hi - lo > 1) {
      const auto mid = (lo + hi) / 2;
      (out.months[mid].start <= t ? lo : hi) = mid;
    }
    return lo;
  };
  for (auto& list : changes) {
    std::sort(list.begin(), list.end(), [](const Change& x, const Change& y) { return x.at < y.at; });
    double mrr = 0;
    int active = 0;
    bool ever = false;
    for (std::size_t i = 0; i < list.size();) {
      const Timestamp at = list[i].at;
      const double before = mrr;
      const bool was = active > 0;
      for (; i < list.size() && list[i].at == at; ++i) {
        mrr += list[i].mrr;
        active += list[i].count;
      }
      const bool is = active > 0;
      auto& m = out.months[month_of(at)];
      if (!was && is) {
        if (ever) {
          m.reactivation += mrr;
          ++m.reactivated_accounts;
        } else {
          m.new_mrr += mrr;
          ++m.new_accounts;
        }
        ever = true;
      } else if (was && !is) {
        m.churn += before;
        ++m.churned_accounts;
        mrr = 0;  // no drift from floating-point sums
      } else if (was && is) {
        if (mrr > before) m.expansion += mrr - before;
        if (mrr < before) m.contraction += before - mrr;
      }
    }
  }
  AccountMrr at_start = account_mrr_before(world, out.months.front().start, as_of);
  std::vector<AccountMrr> boundaries;
  for (auto& m : out.months) {
    AccountMrr at_end = account_mrr_before(world, m.end, as_of);
    for (std::size_t a = 0; a < at_start.mrr.size(); ++a) {
      m.mrr_start += at_start.mrr[a];
      m.accounts_start += at_start.subscribed[a];
      m.mrr_end += at_end.mrr[a];
      m.accounts_end += at_end.subscribed[a];
    }
    std::tie(m.gross_retention, m.net_retention) = retention(at_start, at_end);
    m.arpa = m.accounts_end > 0 ? m.mrr_end / static_cast<double>(m.accounts_end) : kNaN;
    m.logo_churn_rate = ratio(static_cast<double>(m.churned_accounts), static_cast<double>(m.accounts_start));
    at_start = std::move(at_end);
  }
  // The window: the last (up to) 12 full months.
  std::vector<std::size_t> full;
  for (std::size_t i = 0; i < out.months.size(); ++i)
    if (!out.months[i].partial) full.push_back(i);
  if (full.size() > 12) full.erase(full.begin(), full.end() - 12);
  out.window_months = static_cast<int>(full.size());
  if (full.empty()) {
    out.gross_retention_12m = out.net_retention_12m = out.arpa = out.monthly_churn_rate = out.clv = kNaN;
    return out;
  }
  const auto& first_month = out.months[full.front()];
  const auto& last_month = out.months[full.back()];
  std::tie(out.gross_retention_12m, out.net_retention_12m) =
      retention(account_mrr_before(world, first_month.start, as_of), account_mrr_before(world, last_month.end, as_of));
  double churned = 0, exposed = 0;
  for (auto i : full) {
    churned += static_cast<double>(out.months[i].churned_accounts);
    exposed += static_cast<double>(out.months[i].accounts_start);
  }
  out.arpa = last_month.arpa;
  out.monthly_churn_rate = ratio(churned, exposed);
  out.clv = out.monthly_churn_rate > 0 ? out.arpa * out.gross_margin / out.monthly_churn_rate : kNaN;
  return out;
}

}  // namespace ticketlens::analysis::retention
