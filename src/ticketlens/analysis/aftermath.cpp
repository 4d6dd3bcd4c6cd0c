#include "ticketlens/analysis/aftermath.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "ticketlens/analysis/window_link.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/fisher_exact.hpp"
#include "ticketlens/stats/intervals.hpp"

namespace ticketlens::analysis {
namespace {

constexpr Timestamp kDay = kSecondsPerDay;

struct MeanSum {
  std::int64_t n = 0;
  double sum = 0;
  void add(double v) {
    ++n;
    sum += v;
  }
  [[nodiscard]] Mean value() const { return {n, n ? sum / static_cast<double>(n) : kNaN}; }
};

struct ShareSum {
  std::int64_t n = 0, yes = 0;
  void add(bool v) {
    ++n;
    yes += v;
  }
  [[nodiscard]] ShareWithInterval value() const {
    ShareWithInterval s{n, yes};
    if (n > 0) {
      const auto w = stats::wilson_interval(static_cast<double>(yes), static_cast<double>(n));
      s.share = w.estimate;
      s.lower = w.lower;
      s.upper = w.upper;
    }
    return s;
  }
};

struct Accumulator {
  std::int64_t tickets = 0;
  MeanSum sessions_before_28d, sessions_after_7d, sessions_after_28d;
  MeanSum days_before_28d, days_after_7d, days_after_28d;
  MeanSum week_before, week_w1_2, week_w9_12, change_w1_2, change_w9_12;
  ShareSum disengaged, engaged_w9_12;
  [[nodiscard]] AftermathValues value() const {
    AftermathValues v;
    v.tickets = tickets;
    v.sessions_before_28d = sessions_before_28d.value();
    v.sessions_after_7d = sessions_after_7d.value();
    v.sessions_after_28d = sessions_after_28d.value();
    v.active_days_before_28d = days_before_28d.value();
    v.active_days_after_7d = days_after_7d.value();
    v.active_days_after_28d = days_after_28d.value();
    v.active_days_per_week_before = week_before.value();
    v.active_days_per_week_w1_2 = week_w1_2.value();
    v.active_days_per_week_w9_12 = week_w9_12.value();
    v.change_w1_2 = change_w1_2.value();
    v.change_w9_12 = change_w9_12.value();
    v.disengaged = disengaged.value();
    v.engaged_w9_12 = engaged_w9_12.value();
    return v;
  }
};

// Activity of one user (kNone: every user) of an account in [from, to).
struct Activity {
  std::int64_t events = 0, sessions = 0, days = 0;
};

Activity activity(const model::World& world, std::uint32_t account, std::uint32_t user, Timestamp from, Timestamp to,
                  std::vector<std::uint32_t>& scratch) {
  const auto& e = world.events;
  const auto [lo, hi] = account_events_in(world, account, from, to);
  Activity a;
  std::int64_t last_day = INT64_MIN;
  scratch.clear();
  for (auto i = lo; i < hi; ++i) {
    if (user != model::kNone && e.user[i] != user) continue;
    ++a.events;
    const std::int64_t day = e.ts[i] / kDay - (e.ts[i] % kDay < 0);
    if (day != last_day) ++a.days;  // events are in time order within the account
    last_day = day;
    if (e.session[i] != model::kNone) scratch.push_back(e.session[i]);
  }
  std::sort(scratch.begin(), scratch.end());
  a.sessions = std::unique(scratch.begin(), scratch.end()) - scratch.begin();
  return a;
}

}  // namespace

AftermathGrouping parse_aftermath_grouping(std::string_view name) {
  AftermathGrouping g;
  if (name.empty()) return g;
  if (name == "first_response_band") {
    g.first_response_band = true;
    return g;
  }
  g.dimension = parse_dimension(name);  // Error(kUsage) listing the names
  return g;
}

std::string first_response_band(Timestamp created_at, Timestamp first_response_at) {
  if (created_at == model::kNoTime || first_response_at == model::kNoTime) return std::string(kMissingGroup);
  const Timestamp d = first_response_at - created_at;
  if (d < kSecondsPerHour) return "< 1 h";
  if (d < 4 * kSecondsPerHour) return "1-4 h";
  if (d < 24 * kSecondsPerHour) return "4-24 h";
  return "> 24 h";
}

AftermathReport analyze_aftermath(const model::World& world, const model::Config& config, Period period,
                                  const AftermathGrouping& grouping) {
  AftermathReport report;
  report.period = period;
  const auto& t = world.tickets;
  const auto& e = world.events;
  if (t.account_offsets.size() != world.accounts.size() + 1 ||
      e.account_offsets.size() != world.accounts.size() + 1)
    return report;
  const Timestamp data_end = world.data_end + 1, data_start = world.data_start;
  const Timestamp disengaged_window = config.aftermath.disengaged_days * kDay;
  const Timestamp fast = static_cast<Timestamp>(config.aftermath.fast_first_response_hours * kSecondsPerHour);
  const Timestamp precursor_window = static_cast<Timestamp>(config.precursor_window_hours) * kSecondsPerHour;
  Accumulator overall;
  std::map<std::string, Accumulator> groups;
  ShareSum fast_engaged, slow_engaged;
  std::vector<std::int64_t> task_failures(config.tasks.size(), 0);
  std::vector<ShareSum> task_done(config.tasks.size());
  std::vector<std::uint32_t> task_failure_code(config.tasks.size(), model::kNone),
      task_success_code(config.tasks.size(), model::kNone);
  for (std::size_t k = 0; k < config.tasks.size(); ++k) {
    if (auto c = e.names.find(config.tasks[k].failure)) task_failure_code[k] = *c;
    if (auto c = e.names.find(config.tasks[k].success)) task_success_code[k] = *c;
  }
  std::vector<std::uint32_t> scratch;
  for (std::uint32_t a = 0; a < world.accounts.size(); ++a) {
    for (auto r = t.account_offsets[a]; r < t.account_offsets[a + 1]; ++r) {
      const Timestamp created = t.created_at[r], solved = t.solved_at[r];
      if (!period.contains(created) || solved == model::kNoTime || solved < created) continue;
      const std::uint32_t user = t.requester[r];
      std::vector<Accumulator*> into{&overall};
      if (grouping.first_response_band)
        into.push_back(&groups[first_response_band(created, t.first_response_at[r])]);
      else if (grouping.dimension)
        into.push_back(&groups[is_account_dimension(*grouping.dimension)
                                   ? account_dimension_value(world, *grouping.dimension, a)
                                   : dimension_value(world, *grouping.dimension, r)]);
      const bool before_ok = created - 28 * kDay >= data_start;
      const Activity before = before_ok ? activity(world, a, user, created - 28 * kDay, created, scratch) : Activity{};
      const bool ok7 = solved + 7 * kDay <= data_end, ok28 = solved + 28 * kDay <= data_end;
      const bool ok_w2 = solved + 14 * kDay <= data_end, ok_w12 = solved + 84 * kDay <= data_end;
      const Activity a7 = ok7 ? activity(world, a, user, solved, solved + 7 * kDay, scratch) : Activity{};
      const Activity a28 = ok28 ? activity(world, a, user, solved, solved + 28 * kDay, scratch) : Activity{};
      const Activity w1_2 = ok_w2 ? activity(world, a, user, solved, solved + 14 * kDay, scratch) : Activity{};
      const Activity w9_12 =
          ok_w12 ? activity(world, a, user, solved + 56 * kDay, solved + 84 * kDay, scratch) : Activity{};
      const bool ok_dis = solved + disengaged_window <= data_end;
      const bool disengaged =
          ok_dis && activity(world, a, user, solved, solved + disengaged_window, scratch).events == 0;
      for (Accumulator* acc : into) {
        ++acc->tickets;
        if (before_ok) {
          acc->sessions_before_28d.add(static_cast<double>(before.sessions));
          acc->days_before_28d.add(static_cast<double>(before.days));
          acc->week_before.add(static_cast<double>(before.days) / 4);
        }
        if (ok7) {
          acc->sessions_after_7d.add(static_cast<double>(a7.sessions));
          acc->days_after_7d.add(static_cast<double>(a7.days));
        }
        if (ok28) {
          acc->sessions_after_28d.add(static_cast<double>(a28.sessions));
          acc->days_after_28d.add(static_cast<double>(a28.days));
        }
        if (ok_w2) {
          acc->week_w1_2.add(static_cast<double>(w1_2.days) / 2);
          if (before_ok) acc->change_w1_2.add(static_cast<double>(w1_2.days) / 2 - static_cast<double>(before.days) / 4);
        }
        if (ok_w12) {
          acc->week_w9_12.add(static_cast<double>(w9_12.days) / 4);
          acc->engaged_w9_12.add(w9_12.events > 0);
          if (before_ok)
            acc->change_w9_12.add(static_cast<double>(w9_12.days) / 4 - static_cast<double>(before.days) / 4);
        }
        if (ok_dis) acc->disengaged.add(disengaged);
      }
      if (ok_w12 && t.first_response_at[r] != model::kNoTime)
        (t.first_response_at[r] - created <= fast ? fast_engaged : slow_engaged).add(w9_12.events > 0);
      // Tasks: the last failure in the window before the ticket, then the success within `within`.
      for (std::size_t k = 0; k < config.tasks.size(); ++k) {
        if (task_failure_code[k] == model::kNone) continue;
        const auto [lo, hi] = account_events_in(world, a, created - precursor_window, created);
        Timestamp failure = model::kNoTime;
        for (auto i = lo; i < hi; ++i)
          if ((user == model::kNone || e.user[i] == user) && e.name[i] == task_failure_code[k]) failure = e.ts[i];
        if (failure == model::kNoTime) continue;
        ++task_failures[k];
        const Timestamp within = static_cast<Timestamp>(config.tasks[k].within_hours * kSecondsPerHour);
        if (failure + within > data_end) continue;  // not observable to its end
        bool done = false;
        if (task_success_code[k] != model::kNone) {
          const auto [slo, shi] = account_events_in(world, a, failure + 1, failure + within + 1);
          for (auto i = slo; i < shi && !done; ++i)
            done = (user == model::kNone || e.user[i] == user) && e.name[i] == task_success_code[k];
        }
        task_done[k].add(done);
      }
    }
  }
  report.overall = overall.value();
  for (const auto& [key, acc] : groups) report.groups.push_back({key, acc.value()});
  for (std::size_t k = 0; k < config.tasks.size(); ++k) {
    const auto& task = config.tasks[k];
    report.tasks.push_back({task.name, task.failure, task.success, task.within_hours, task_failures[k],
                            task_done[k].value()});
  }
  auto& f = report.fast_response;
  f.fast_hours = config.aftermath.fast_first_response_hours;
  f.fast = fast_engaged.value();
  f.slow = slow_engaged.value();
  if (f.fast.n > 0 && f.slow.n > 0) {
    const auto ratio = stats::poisson_rate_ratio(static_cast<double>(f.fast.yes), static_cast<double>(f.fast.n),
                                                 static_cast<double>(f.slow.yes), static_cast<double>(f.slow.n));
    f.ratio = ratio.estimate;
    f.ratio_lower = ratio.lower;
    f.ratio_upper = ratio.upper;
    f.p = stats::fisher_exact_p(static_cast<double>(f.fast.yes), static_cast<double>(f.fast.n - f.fast.yes),
                                static_cast<double>(f.slow.yes), static_cast<double>(f.slow.n - f.slow.yes));
  }
  return report;
}

}  // namespace ticketlens::analysis
