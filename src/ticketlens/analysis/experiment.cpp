#include "ticketlens/analysis/experiment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/risk/targets.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/kaplan_meier.hpp"
#include "ticketlens/stats/log_rank.hpp"

namespace ticketlens::analysis {
namespace {

constexpr Timestamp kDay = kSecondsPerDay;

struct Unit {  ///< one assigned account's follow-up
  std::size_t arm = 0;
  double days = 0, tickets = 0, cost = 0, active_days = 0;
  bool subscribed = false, churned = false;
  double churn_days = 0;  ///< to churn or the follow-up's end
};

double mean(const std::vector<double>& v, std::span<const std::size_t> idx) {
  if (idx.empty()) return kNaN;
  double s = 0;
  for (auto i : idx) s += v[i];
  return s / static_cast<double>(idx.size());
}

// Percentile bootstrap of mean(b) − mean(a): accounts of both arms resampled together (the arm
// sizes vary between resamples, as in an unstratified bootstrap of a two-sample difference).
stats::BootstrapInterval difference_in_means(const std::vector<double>& a, const std::vector<double>& b,
                                             const model::Config& config) {
  stats::BootstrapOptions options;
  options.resamples = config.experiments.bootstrap_resamples;
  options.seed = config.experiments.seed;
  std::vector<double> both = a;
  both.insert(both.end(), b.begin(), b.end());
  const std::size_t na = a.size();
  std::vector<std::size_t> ia, ib;
  return stats::bootstrap_percentile(
      both.size(),
      [&](std::span<const std::size_t> idx) {
        ia.clear();
        ib.clear();
        for (auto i : idx) (i < na ? ia : ib).push_back(i);
        return mean(both, ib) - mean(both, ia);
      },
      options);
}

std::string interval_text(double estimate, double lower, double upper, int digits = 2) {
  return fmt::format("{:.{}f} (95% CI {:.{}f} to {:.{}f})", estimate, digits, lower, digits, upper, digits);
}

}  // namespace

ExperimentReport experiment_report(const model::World& world, const model::Config& config, const std::string& name,
                                   const ExperimentOptions& options) {
  const auto& as = world.assignments;
  const auto experiment = as.experiments.find(name);
  if (!experiment) {
    std::string known;
    for (std::uint32_t i = 0; i < as.experiments.size(); ++i)
      known += fmt::format("{}{}", known.empty() ? "" : ", ", as.experiments.at(i));
    throw Error(ErrorCode::kNotFound, fmt::format("experiment '{}' is not in the assignments ({})", name,
                                                  known.empty() ? "none ingested: ingest assignments.csv" : known));
  }
  ExperimentReport r;
  r.name = name;
  r.as_of = options.as_of;
  r.window_days = options.window_days.value_or(config.experiments.window_days);
  if (r.window_days < 1) throw Error(ErrorCode::kUsage, "--window must be at least 1 day");
  r.categories = options.categories;
  std::vector<std::uint32_t> category_codes;
  for (const auto& c : options.categories) {
    const auto code = world.tickets.categories.find(c);
    if (!code) throw Error(ErrorCode::kNotFound, fmt::format("--category '{}': no ticket has that category", c));
    category_codes.push_back(*code);
  }

  // Arms of this experiment, control first.
  std::vector<std::string> arms;
  for (std::size_t i = 0; i < as.size(); ++i)
    if (as.experiment[i] == *experiment && as.assigned_at[i] <= options.as_of) {
      std::string arm(as.arms.at(as.arm[i]));
      if (std::find(arms.begin(), arms.end(), arm) == arms.end()) arms.push_back(arm);
    }
  std::sort(arms.begin(), arms.end());
  r.control = options.control.value_or(std::find(arms.begin(), arms.end(), "control") != arms.end() ? "control"
                                                                                                    : (arms.empty() ? "" : arms.front()));
  const auto control = std::find(arms.begin(), arms.end(), r.control);
  if (control == arms.end())
    throw Error(ErrorCode::kNotFound, fmt::format("control arm '{}' has no accounts assigned by {}", r.control,
                                                  format_date(options.as_of)));
  std::rotate(arms.begin(), control, control + 1);
  if (arms.size() < 2)
    throw Error(ErrorCode::kNotFound, fmt::format("experiment '{}' has fewer than two arms with accounts", name));

  const auto costs = ticket_costs(world, config);
  const auto& tk = world.tickets;
  const auto& ev = world.events;
  std::vector<Unit> units;
  for (std::size_t i = 0; i < as.size(); ++i) {
    if (as.experiment[i] != *experiment || as.assigned_at[i] > options.as_of) continue;
    Unit u;
    u.arm = static_cast<std::size_t>(std::find(arms.begin(), arms.end(), as.arms.at(as.arm[i])) - arms.begin());
    const std::uint32_t a = as.account[i];
    const Timestamp from = as.assigned_at[i];
    const Timestamp to = std::min(from + static_cast<Timestamp>(r.window_days) * kDay, options.as_of);
    if (to <= from) continue;
    u.days = static_cast<double>(to - from) / kDay;
    for (std::uint64_t k = tk.account_offsets[a]; k < tk.account_offsets[a + 1]; ++k) {
      if (tk.created_at[k] < from || tk.created_at[k] >= to) continue;
      if (!category_codes.empty() &&
          std::find(category_codes.begin(), category_codes.end(), tk.category[k]) == category_codes.end())
        continue;
      u.tickets += 1;
      u.cost += costs[k].total();
    }
    Timestamp previous_day = model::kNoTime;
    for (std::uint64_t k = ev.account_offsets[a]; k < ev.account_offsets[a + 1]; ++k) {
      if (ev.ts[k] < from || ev.ts[k] >= to) continue;
      const Timestamp day = ev.ts[k] / kDay;
      if (day != previous_day) u.active_days += 1;
      previous_day = day;
    }
    // Paying at assignment (or within a day of it: assignment at signup precedes the first charge).
    auto covered = risk::covered_until(world, a, from);
    if (!covered) covered = risk::covered_until(world, a, from + kDay);
    if (covered) {
      u.subscribed = true;
      u.churned = *covered < to;
      u.churn_days = static_cast<double>(std::min(*covered, to) - from) / kDay;
    }
    units.push_back(u);
  }

  r.arms.resize(arms.size());
  std::vector<std::vector<double>> cost(arms.size()), activity(arms.size());
  std::vector<double> churn_time;
  std::vector<std::uint8_t> churn_event;
  std::vector<std::int32_t> churn_group;
  for (std::size_t k = 0; k < arms.size(); ++k) r.arms[k].arm = arms[k];
  for (const auto& u : units) {
    auto& arm = r.arms[u.arm];
    ++arm.accounts;
    arm.tickets += static_cast<std::int64_t>(u.tickets);
    arm.exposure_days += u.days;
    cost[u.arm].push_back(u.cost);
    activity[u.arm].push_back(u.active_days / u.days * 30);
    if (u.subscribed) {
      ++arm.subscribed;
      arm.churned += u.churned;
      churn_time.push_back(u.churn_days);
      churn_event.push_back(u.churned);
      churn_group.push_back(static_cast<std::int32_t>(u.arm));
    }
  }
  for (std::size_t k = 0; k < arms.size(); ++k) {
    auto& arm = r.arms[k];
    const auto n = static_cast<double>(arm.accounts);
    arm.tickets_per_account = n > 0 ? static_cast<double>(arm.tickets) / n : kNaN;
    arm.tickets_per_account_month = arm.exposure_days > 0 ? static_cast<double>(arm.tickets) / arm.exposure_days * 30 : kNaN;
    double total_cost = 0, total_active = 0;
    for (double c : cost[k]) total_cost += c;
    for (std::size_t i = 0; i < units.size(); ++i)
      if (units[i].arm == k) total_active += units[i].active_days;
    arm.cost_per_account = n > 0 ? total_cost / n : kNaN;
    arm.active_days_per_account_month = arm.exposure_days > 0 ? total_active / arm.exposure_days * 30 : kNaN;
    std::vector<double> t;
    std::vector<std::uint8_t> e;
    for (std::size_t i = 0; i < churn_time.size(); ++i)
      if (churn_group[i] == static_cast<std::int32_t>(k)) {
        t.push_back(churn_time[i]);
        e.push_back(churn_event[i]);
      }
    arm.survival_end = arm.survival_lower = arm.survival_upper = kNaN;
    if (!t.empty()) {
      const auto km = stats::kaplan_meier(t, e);
      arm.survival_end = 1;
      arm.survival_lower = arm.survival_upper = 1;
      for (std::size_t i = 0; i < km.time.size(); ++i) {
        arm.survival_end = km.survival[i];
        arm.survival_lower = km.lower[i];
        arm.survival_upper = km.upper[i];
      }
    }
  }

  const auto& settings = config.experiments;
  const auto& c = r.arms.front();
  for (std::size_t k = 1; k < arms.size(); ++k) {
    const auto& arm = r.arms[k];
    ArmComparison cmp;
    cmp.arm = arm.arm;
    const bool few_accounts = std::min(arm.accounts, c.accounts) < settings.min_accounts_per_arm;
    const std::string few = fmt::format("too small to tell: {} and {} accounts (at least {} per arm needed)",
                                        c.accounts, arm.accounts, settings.min_accounts_per_arm);
    cmp.ticket_rate = stats::poisson_rate_ratio(static_cast<double>(arm.tickets), std::max(arm.exposure_days, 1e-9),
                                                static_cast<double>(c.tickets), std::max(c.exposure_days, 1e-9));
    if (few_accounts)
      cmp.verdict.push_back("tickets: " + few);
    else if (arm.tickets + c.tickets < settings.min_events)
      cmp.verdict.push_back(fmt::format("tickets: too small to tell: {} tickets in both arms (at least {} needed)",
                                        arm.tickets + c.tickets, settings.min_events));
    else if (cmp.ticket_rate.upper < 1)
      cmp.verdict.push_back(fmt::format("tickets: {} files fewer tickets per account-day than {}: rate ratio {}",
                                        arm.arm, c.arm, interval_text(cmp.ticket_rate.estimate, cmp.ticket_rate.lower, cmp.ticket_rate.upper)));
    else if (cmp.ticket_rate.lower > 1)
      cmp.verdict.push_back(fmt::format("tickets: {} files more tickets per account-day than {}: rate ratio {}",
                                        arm.arm, c.arm, interval_text(cmp.ticket_rate.estimate, cmp.ticket_rate.lower, cmp.ticket_rate.upper)));
    else
      cmp.verdict.push_back(fmt::format("tickets: no difference shown: rate ratio {}; effects outside that interval are "
                                        "unlikely, smaller ones cannot be ruled out",
                                        interval_text(cmp.ticket_rate.estimate, cmp.ticket_rate.lower, cmp.ticket_rate.upper)));
    cmp.cost_difference = difference_in_means(cost[0], cost[k], config);
    cmp.activity_difference = difference_in_means(activity[0], activity[k], config);
    auto difference_verdict = [&](const char* what, const stats::BootstrapInterval& d, const char* unit) {
      if (few_accounts) return std::string(what) + ": " + few;
      const std::string text = interval_text(d.estimate, d.lower, d.upper);
      if (d.lower > 0) return fmt::format("{}: {} is higher by {} {}", what, arm.arm, text, unit);
      if (d.upper < 0) return fmt::format("{}: {} is lower by {} {}", what, arm.arm, text, unit);
      return fmt::format("{}: no difference shown: {} − {} = {} {}", what, arm.arm, c.arm, text, unit);
    };
    cmp.verdict.push_back(difference_verdict("cost", cmp.cost_difference, "per account"));
    cmp.verdict.push_back(difference_verdict("activity", cmp.activity_difference, "active days per account-month"));
    // Log-rank of this arm against the control.
    std::vector<double> t;
    std::vector<std::uint8_t> e;
    std::vector<std::int32_t> g;
    std::int64_t churns = 0;
    for (std::size_t i = 0; i < churn_time.size(); ++i)
      if (churn_group[i] == 0 || churn_group[i] == static_cast<std::int32_t>(k)) {
        t.push_back(churn_time[i]);
        e.push_back(churn_event[i]);
        g.push_back(churn_group[i] == 0 ? 0 : 1);
        churns += churn_event[i];
      }
    cmp.log_rank_p = kNaN;
    if (churns > 0 && std::find(g.begin(), g.end(), 1) != g.end() && std::find(g.begin(), g.end(), 0) != g.end())
      cmp.log_rank_p = stats::log_rank_test(t, e, g, 0.0, 2).p;
    const std::string churn_counts = fmt::format("{} of {} churned in {}, {} of {} in {}", arm.churned, arm.subscribed,
                                                 arm.arm, c.churned, c.subscribed, c.arm);
    if (few_accounts)
      cmp.verdict.push_back("churn: " + few);
    else if (churns < settings.min_churns)
      cmp.verdict.push_back(fmt::format("churn: too small to tell: {} ({} churns; at least {} needed)", churn_counts,
                                        churns, settings.min_churns));
    else if (cmp.log_rank_p < 0.05)
      cmp.verdict.push_back(fmt::format("churn: differs (log-rank p = {:.3g}): {}", cmp.log_rank_p, churn_counts));
    else
      cmp.verdict.push_back(fmt::format("churn: no difference shown (log-rank p = {:.3g}): {}", cmp.log_rank_p, churn_counts));
    r.comparisons.push_back(std::move(cmp));
  }
  return r;
}

}  // namespace ticketlens::analysis
