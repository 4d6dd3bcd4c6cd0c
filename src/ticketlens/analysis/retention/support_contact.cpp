#include "ticketlens/analysis/retention/support_contact.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ticketlens::analysis::retention {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// KM per arm, log-rank and a Cox HR of supported (1) vs unsupported (0), right-censored.
SupportArm compare_arms(const std::vector<double>& days, const std::vector<std::uint8_t>& churned,
                        const std::vector<std::uint8_t>& supported) {
  SupportArm arm;
  std::vector<double> t[2];
  std::vector<std::uint8_t> e[2];
  std::vector<std::int32_t> group(days.size());
  std::vector<double> stop(days.size()), x(days.size());
  for (std::size_t i = 0; i < days.size(); ++i) {
    const int g = supported[i] ? 0 : 1;
    t[g].push_back(days[i]);
    e[g].push_back(churned[i]);
    group[i] = g;
    stop[i] = std::max(days[i], kMinSpellDays);
    x[i] = supported[i];
  }
  arm.supported = group_survival("supported", t[0], e[0]);
  arm.unsupported = group_survival("unsupported", t[1], e[1]);
  if (!t[0].empty() && !t[1].empty()) arm.log_rank = stats::log_rank_test(days, churned, group, 0.0, 2);
  stats::CoxData data;
  data.stop = stop;
  data.event = churned;
  data.covariates = {x};
  data.names = {"supported"};
  arm.hazard_ratio = hazard_ratio(stats::cox_regression(data, quick_cox_options()), 0);
  return arm;
}

}  // namespace

std::vector<double> first_ticket_days(const model::World& world, const SurvivalData& data) {
  const auto& t = world.tickets;
  std::vector<double> out(data.spells.size(), kNaN);
  for (std::size_t i = 0; i < data.spells.size(); ++i) {
    const auto a = data.spells[i].account;
    if (a + 1 >= t.account_offsets.size()) continue;
    for (auto r = t.account_offsets[a]; r < t.account_offsets[a + 1]; ++r) {
      const Timestamp c = t.created_at[r];
      if (c == model::kNoTime || c >= data.as_of) continue;
      out[i] = std::max(0.0, static_cast<double>(c - data.spells[i].entry) / kSecondsPerDay);
      break;  // tickets are sorted by created_at within an account
    }
  }
  return out;
}

SupportComparison support_comparison(const model::World& world, const SurvivalData& data, double landmark_days) {
  SupportComparison out;
  out.as_of = data.as_of;
  out.landmark_days = landmark_days;
  const auto first = first_ticket_days(world, data);
  const std::size_t n = data.spells.size();
  out.accounts = static_cast<std::int64_t>(n);

  // Naive: ever supported (a ticket before exit) vs never.
  std::vector<double> days(n);
  std::vector<std::uint8_t> churned(n), ever(n);
  for (std::size_t i = 0; i < n; ++i) {
    days[i] = data.spells[i].days;
    churned[i] = data.spells[i].churned ? 1 : 0;
    ever[i] = !std::isnan(first[i]) && first[i] <= days[i];
  }
  out.naive = compare_arms(days, churned, ever);

  // Time-varying: supported from the first ticket on.
  std::vector<double> start, stop, x;
  std::vector<std::uint8_t> event;
  auto& tv = out.time_varying;
  auto row = [&](double s, double e, bool sup, bool ev) {
    start.push_back(s);
    stop.push_back(e);
    x.push_back(sup ? 1.0 : 0.0);
    event.push_back(ev ? 1 : 0);
    (sup ? tv.supported_months : tv.unsupported_months) += (e - s) / kDaysPerMonth;
    (sup ? tv.supported_churns : tv.unsupported_churns) += ev;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double end = std::max(days[i], kMinSpellDays);
    const double f = first[i];
    if (std::isnan(f) || f >= end) {
      row(0, end, false, churned[i]);
    } else if (f <= 0) {
      row(0, end, true, churned[i]);
    } else {
      row(0, f, false, false);
      row(f, end, true, churned[i]);
    }
  }
  stats::CoxData cd;
  cd.start = start;
  cd.stop = stop;
  cd.event = event;
  cd.covariates = {x};
  cd.names = {"supported"};
  tv.hazard_ratio = hazard_ratio(stats::cox_regression(cd, quick_cox_options()), 0);
  tv.supported_rate = tv.supported_months > 0 ? 1000.0 * static_cast<double>(tv.supported_churns) / tv.supported_months : kNaN;
  tv.unsupported_rate =
      tv.unsupported_months > 0 ? 1000.0 * static_cast<double>(tv.unsupported_churns) / tv.unsupported_months : kNaN;

  // Landmark: alive and observed past the landmark; split by a ticket before it.
  std::vector<double> lm_days;
  std::vector<std::uint8_t> lm_churned, lm_supported;
  for (std::size_t i = 0; i < n; ++i) {
    if (days[i] <= landmark_days) continue;
    lm_days.push_back(days[i] - landmark_days);
    lm_churned.push_back(churned[i]);
    lm_supported.push_back(!std::isnan(first[i]) && first[i] < landmark_days);
  }
  out.landmark_accounts = static_cast<std::int64_t>(lm_days.size());
  out.landmark = compare_arms(lm_days, lm_churned, lm_supported);
  return out;
}

SupportArm landmark_by_category(const model::World& world, const SurvivalData& data, std::string_view category,
                                double landmark_days) {
  const auto& t = world.tickets;
  const auto code = t.categories.find(category);
  std::vector<double> lm_days;
  std::vector<std::uint8_t> lm_churned, lm_with;
  for (const auto& spell : data.spells) {
    if (spell.days <= landmark_days) continue;
    bool with = false;
    const Timestamp landmark = spell.entry + static_cast<Timestamp>(landmark_days * kSecondsPerDay);
    if (code && spell.account + 1 < t.account_offsets.size()) {
      for (auto r = t.account_offsets[spell.account]; r < t.account_offsets[spell.account + 1] && !with; ++r) {
        const Timestamp c = t.created_at[r];
        with = t.category[r] == *code && c != model::kNoTime && c < data.as_of && c < landmark;
      }
    }
    lm_days.push_back(spell.days - landmark_days);
    lm_churned.push_back(spell.churned ? 1 : 0);
    lm_with.push_back(with ? 1 : 0);
  }
  return compare_arms(lm_days, lm_churned, lm_with);
}

}  // namespace ticketlens::analysis::retention
