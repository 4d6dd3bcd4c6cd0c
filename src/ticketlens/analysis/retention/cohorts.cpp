#include "ticketlens/analysis/retention/cohorts.hpp"

#include <fmt/format.h>

#include <limits>
#include <map>

#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis::retention {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// MRR and subscribed at instant t (started_at <= t < ended_at), as known at as_of.
std::pair<double, bool> state_at(const model::SubscriptionTable& s, const std::vector<std::uint32_t>& rows, Timestamp t,
                                 Timestamp as_of) {
  double mrr = 0;
  bool on = false;
  for (auto r : rows) {
    if (s.started_at[r] > t || s.started_at[r] >= as_of) continue;
    const Timestamp end = s.ended_at[r];
    if (end != model::kNoTime && end < as_of && end <= t) continue;
    mrr += s.mrr[r];
    on = true;
  }
  return {mrr, on};
}

struct Accumulator {
  std::int64_t accounts = 0;
  std::vector<CohortHorizon> horizons;
  Accumulator() {
    for (int h : kCohortHorizons) horizons.push_back({h, 0, 0, kNaN, 0, 0, kNaN});
  }
};

std::vector<CohortRow> finish(const std::map<std::string, Accumulator>& groups) {
  std::vector<CohortRow> out;
  for (const auto& [key, acc] : groups) {
    CohortRow row{key, acc.accounts, acc.horizons};
    for (auto& h : row.horizons) {
      if (h.eligible > 0) h.logo_retention = static_cast<double>(h.retained) / static_cast<double>(h.eligible);
      if (h.mrr_start > 0) h.revenue_retention = h.mrr_then / h.mrr_start;
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Timestamp add_months(Timestamp t, int n) {
  const std::int64_t day = (t >= 0 ? t : t - kSecondsPerDay + 1) / kSecondsPerDay;
  const Timestamp time_of_day = t - day * kSecondsPerDay;
  const auto d = civil_from_days(day);
  std::int64_t month0 = d.year * 12 + (d.month - 1) + n;
  const std::int64_t year = month0 >= 0 ? month0 / 12 : (month0 - 11) / 12;
  const auto month = static_cast<unsigned>(month0 - year * 12 + 1);
  static constexpr unsigned kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const unsigned length = kLength[month - 1] + (month == 2 && leap ? 1 : 0);
  return days_from_civil(year, month, std::min(d.day, length)) * kSecondsPerDay + time_of_day;
}

std::vector<CohortMember> cohort_members(const model::World& world, Timestamp as_of, std::string_view segment_by) {
  const bool support = segment_by == "support";
  AccountGrouping grouping = AccountGrouping::kTier;
  if (!support) {
    if (segment_by != "tier" && segment_by != "region" && segment_by != "industry")
      throw Error(ErrorCode::kUsage,
                  fmt::format("unknown segment '{}'; use one of: tier, region, industry, support", segment_by));
    grouping = parse_account_grouping(segment_by);
  }
  const auto& s = world.subscriptions;
  const auto& t = world.tickets;
  const auto subs = subscriptions_by_account(world);
  std::vector<CohortMember> out;
  for (std::uint32_t a = 0; a < world.accounts.size(); ++a) {
    if (subs[a].empty() || s.started_at[subs[a].front()] >= as_of) continue;
    Timestamp entry = world.accounts.signup_at[a];
    if (entry == model::kNoTime) entry = s.started_at[subs[a].front()];
    if (entry >= as_of) continue;
    CohortMember m;
    m.account = a;
    m.entry = entry;
    m.month = month_label(entry);
    m.mrr_start = state_at(s, subs[a], s.started_at[subs[a].front()], as_of).first;
    if (support) {
      const Timestamp landmark = entry + 90 * kSecondsPerDay;
      const auto churn = first_churn(s, subs[a], as_of);
      m.in_segment = landmark <= as_of && (!churn || *churn > landmark);
      m.segment = "none";
      if (a + 1 < t.account_offsets.size())
        for (auto r = t.account_offsets[a]; r < t.account_offsets[a + 1]; ++r)
          if (t.created_at[r] != model::kNoTime && t.created_at[r] < landmark && t.created_at[r] < as_of) {
            const auto c = t.category[r];
            m.segment = c == model::kNone || t.categories.at(c).empty() ? "(missing)" : std::string(t.categories.at(c));
            break;
          }
    } else {
      m.segment = account_group(world, grouping, a, entry);
    }
    for (int h : kCohortHorizons) {
      CohortMember::At at;
      const Timestamp then = add_months(entry, h);
      if (then <= as_of) {
        const auto [mrr, on] = state_at(s, subs[a], then, as_of);
        at = {true, on, mrr};
      }
      m.at.push_back(at);
    }
    out.push_back(std::move(m));
  }
  return out;
}

CohortReport cohort_retention(const model::World& world, Timestamp as_of, std::string_view segment_by) {
  CohortReport out;
  out.as_of = as_of;
  out.segment_by = std::string(segment_by);
  std::map<std::string, Accumulator> by_month, by_segment;
  for (const auto& m : cohort_members(world, as_of, segment_by)) {
    std::vector<Accumulator*> targets{&by_month[m.month]};
    if (m.in_segment) targets.push_back(&by_segment[m.segment]);
    for (auto* acc : targets) ++acc->accounts;
    for (std::size_t h = 0; h < m.at.size(); ++h) {
      if (!m.at[h].eligible) continue;
      for (auto* acc : targets) {
        auto& x = acc->horizons[h];
        ++x.eligible;
        x.retained += m.at[h].retained;
        x.mrr_start += m.mrr_start;
        x.mrr_then += m.at[h].mrr;
      }
    }
  }
  out.by_month = finish(by_month);
  out.by_segment = finish(by_segment);
  return out;
}

}  // namespace ticketlens::analysis::retention
