// Each account's life from signup to the data's end, one day at a time: tickets arrive, the
// subscription expands or contracts, NPS is asked, and churn strikes with a daily proportional
// hazard that rises while the account has a recent recurrent or a long-unresolved ticket
// (planted effect c). Churned accounts sometimes come back. The planted exposed-ARR burst
// (effect e) is added here too, to accounts chosen after a first pass.
#include <algorithm>
#include <numeric>

#include "ticketlens/demo/world.hpp"

namespace ticketlens::demo::detail {
namespace {

constexpr double kNpsHappy[] = {.01, .01, .01, .02, .03, .05, .07, .12, .18, .25, .25};
constexpr double kNpsUnhappy[] = {.05, .05, .07, .08, .1, .12, .13, .13, .12, .08, .07};
constexpr double kBurstCategory[] = {0, 0.15, 0.1, 0.35, 0, 0.4, 0, 0};

/// The time-varying covariates of the planted churn hazard, updated ticket by ticket.
class HazardState {
 public:
  /// Covariates at t use only tickets created before t.
  [[nodiscard]] bool recurrent(Timestamp t) const { return t < recurrent_until_; }
  [[nodiscard]] bool unresolved(Timestamp t) const {
    for (const auto& [from, to] : unresolved_)
      if (from <= t && t < to) return true;
    return false;
  }
  void add(const Ticket& ticket, Timestamp end) {
    Timestamp& last = last_in_category_[ticket.category];
    if (last > ticket.created - 30 * kDay)
      recurrent_until_ = std::max(recurrent_until_, ticket.created + 30 * kDay);
    last = ticket.created;
    const Timestamp solved = ticket.solved == kNever ? end : ticket.solved;
    if (solved - ticket.created > 7 * kDay)
      unresolved_.push_back({ticket.created + 7 * kDay,
                             ticket.solved == kNever ? kNever : ticket.solved + 30 * kDay});
  }
  void forget_before(Timestamp t) {
    std::erase_if(unresolved_, [t](const auto& w) { return w.second <= t; });
  }

 private:
  std::array<Timestamp, kCategoryCount> last_in_category_ = [] {
    std::array<Timestamp, kCategoryCount> a{};
    a.fill(INT64_MIN / 2);
    return a;
  }();
  Timestamp recurrent_until_ = INT64_MIN;
  std::vector<std::pair<Timestamp, Timestamp>> unresolved_;
};

Timestamp clamp_into_day(Timestamp day, Timestamp time_of_day) {
  return day + std::clamp<Timestamp>(time_of_day, 0, kDay - 1);
}

}  // namespace

Timestamp burst_week_start(Timestamp end) {
  const Timestamp week = iso_week_start(iso_week_of(end - 1));
  const Timestamp last_full_week = week + 7 * kDay <= end ? week : week - 7 * kDay;
  return last_full_week - 8 * 7 * kDay;
}

Timeline simulate_account(const World& world, std::uint32_t account, bool burst) {
  const Account& acc = world.accounts[account];
  const Truth& truth = world.truth;
  Rng rng(world.options.seed, Stream::kTimeline, account);
  Rng burst_rng(world.options.seed, Stream::kBurst, account);
  Timeline tl;
  const double base_hazard = -std::log(1.0 - truth.monthly_churn[acc.tier]) / 30.44;
  const double hr_recurrent = truth.planted ? truth.hr_recurrent : 1.0;
  const double hr_unresolved = truth.planted ? truth.hr_unresolved : 1.0;
  const Timestamp burst_start = burst ? burst_week_start(world.end) : kNever;
  const Timestamp spike_at = truth.planted && truth.spike_release >= 0
                                 ? world.releases[static_cast<std::size_t>(truth.spike_release)].at
                                 : kNever;
  const bool annual = rng.chance(acc.tier == kEnterprise ? 0.6 : acc.tier == kGrowth ? 0.3 : 0.1);
  HazardState hazard;
  std::vector<Ticket> today;
  Timestamp spell_start = acc.signup;
  double mrr = acc.initial_mrr;

  while (spell_start < world.end) {
    Subscription sub{account, spell_start, kNever, mrr, annual};
    Timestamp next_review = spell_start + 30 * kDay;
    Timestamp next_nps = spell_start + rng.integer(30, 60) * kDay;
    Timestamp churn = kNever;
    for (Timestamp day = floor_day(spell_start); day < world.end && churn == kNever; day += kDay) {
      const bool x_recurrent = hazard.recurrent(day);
      const bool x_unresolved = hazard.unresolved(day);
      hazard.forget_before(day);

      // Tickets of the day.
      today.clear();
      const auto rates = category_rates(world, acc, day);
      const int n = rng.poisson(std::accumulate(rates.begin(), rates.end(), 0.0));
      for (int k = 0; k < n; ++k) {
        const auto category = static_cast<Category>(rng.pick(rates));
        const Timestamp created = clamp_into_day(day, working_time_of_day(acc.region, rng));
        today.push_back(draw_ticket(world, account, created, category, rng));
      }
      if (spike_at != kNever && day + kDay > spike_at && day < spike_at + truth.spike_days * kDay) {
        // Planted effect (b): tickets in the release's area at spike_ticket_ratio × their rate.
        const int extra =
            rng.poisson((truth.spike_ticket_ratio - 1.0) * area_rate(rates, truth.spike_area));
        for (int k = 0; k < extra; ++k) {
          const Category category = draw_category_in_area(rates, truth.spike_area, rng);
          const Timestamp created = clamp_into_day(day, working_time_of_day(acc.region, rng));
          Ticket t = draw_ticket(world, account, created, category, rng);
          if (!in_spike(world, truth.spike_area, created)) continue;
          t.area = truth.spike_area;
          t.release_spike = true;
          if (rng.chance(0.7)) {
            t.root_cause = kProduct;
            t.issue = truth.spike_issue;
          }
          today.push_back(t);
        }
      }
      if (burst && day >= burst_start && day < burst_start + 5 * kDay) {
        // Planted effect (e): an integrations incident makes this large account file many
        // tickets in one week (its own random stream, so its history before stays the same).
        const int count = 1 + static_cast<int>(burst_rng.integer(0, 1));
        for (int k = 0; k < count; ++k) {
          const auto category = static_cast<Category>(burst_rng.pick(kBurstCategory));
          const Timestamp created = clamp_into_day(day, working_time_of_day(acc.region, burst_rng));
          Ticket t = draw_ticket(world, account, created, category, burst_rng);
          t.burst = true;
          t.priority = std::max(t.priority, kHigh);
          if (category == kCatIntegrations || category == kCatBug) {
            t.area = kIntegrations;
            t.root_cause = kProduct;
            t.issue = truth.burst_issue;
          }
          today.push_back(t);
        }
      }
      std::sort(today.begin(), today.end(),
                [](const Ticket& x, const Ticket& y) { return x.created < y.created; });

      // Churn: a daily proportional hazard on the covariates at the day's start.
      const double h = base_hazard * (x_recurrent ? hr_recurrent : 1.0) *
                       (x_unresolved ? hr_unresolved : 1.0);
      const bool churns = rng.uniform() < 1.0 - std::exp(-h);
      // The burst accounts are held through their week so that the week's ARR includes them.
      const bool held = burst && day >= burst_start && day < burst_start + 7 * kDay;
      if (churns && !held) {
        churn = std::max(spell_start + 3600, day + rng.integer(0, kDay - 1));
        if (churn >= world.end) churn = kNever;
      }

      for (const Ticket& t : today) {
        if (t.created < spell_start || t.created >= world.end || t.created >= churn) continue;
        hazard.add(t, world.end);
        tl.tickets.push_back(t);
      }

      if (day >= next_review && churn == kNever) {
        next_review += 30 * kDay;
        const double u = rng.uniform();
        const double p_expand = acc.tier == kStarter ? 0.03 : 0.045;
        double new_mrr = mrr;
        if (u < p_expand) new_mrr = std::min(20000.0, std::round(mrr * rng.uniform(1.15, 1.6)));
        else if (u < p_expand + 0.015) new_mrr = std::max(29.0, std::round(mrr * rng.uniform(0.6, 0.9)));
        if (new_mrr != mrr) {
          const Timestamp at =
              std::max(sub.start + 60, clamp_into_day(day, working_time_of_day(acc.region, rng)));
          if (at < world.end) {
            sub.end = at;
            tl.subscriptions.push_back(sub);
            sub = Subscription{account, at, kNever, new_mrr, annual};
            mrr = new_mrr;
          }
        }
      }
      if (day >= next_nps && churn == kNever) {
        next_nps += 90 * kDay;
        const bool unhappy = x_recurrent || x_unresolved;
        std::uint32_t last_user = UINT32_MAX;
        for (int k = 0; k < 2; ++k) {
          if (!rng.chance(0.35)) continue;
          const auto user = acc.first_user + static_cast<std::uint32_t>(rng.index(acc.user_count));
          if (user == last_user) continue;
          last_user = user;
          const Timestamp ts = clamp_into_day(day, working_time_of_day(acc.region, rng));
          const auto score = static_cast<std::uint8_t>(rng.pick(unhappy ? kNpsUnhappy : kNpsHappy));
          if (ts >= spell_start && ts < world.end && world.users[user].created <= ts)
            tl.nps.push_back({account, user, ts, score});
        }
      }
    }
    sub.end = churn;
    tl.subscriptions.push_back(sub);
    tl.spells.push_back({spell_start, churn});
    if (churn == kNever || !rng.chance(truth.reactivation_probability)) break;
    spell_start = churn + rng.integer(30, 180) * kDay + rng.integer(0, kDay - 1);
    mrr = std::max(29.0, std::round(mrr * rng.uniform(0.7, 1.1)));
  }
  return tl;
}

namespace {

double mrr_at(const Timeline& tl, Timestamp t) {
  double mrr = 0;
  for (const auto& s : tl.subscriptions)
    if (s.start <= t && t < s.end) mrr += s.mrr;
  return mrr;
}

}  // namespace

void make_timelines(World& world, const std::function<void(double)>& progress) {
  const std::size_t n = world.accounts.size();
  std::vector<Timeline> timelines(n);
  for (std::size_t a = 0; a < n; ++a) {
    timelines[a] = simulate_account(world, static_cast<std::uint32_t>(a), false);
    if (progress && a % 1024 == 0) progress(static_cast<double>(a) / static_cast<double>(n));
  }

  if (world.truth.planted) {
    // Effect (e): the largest accounts active through the week, not already exposed, until
    // they hold burst_target_share of the week's ARR. Accounts holding more than half the
    // target alone are skipped so that "several" accounts carry it.
    const Timestamp week = burst_week_start(world.end);
    const Timestamp week_end = week + 7 * kDay;
    double total = 0;
    struct Candidate {
      double mrr;
      std::uint32_t account;
    };
    std::vector<Candidate> candidates;
    for (std::size_t a = 0; a < n; ++a) {
      const double mrr = mrr_at(timelines[a], week_end - 1);
      total += mrr;
      const Account& acc = world.accounts[a];
      if (mrr <= 0 || mrr_at(timelines[a], week) <= 0 || acc.tier == kStarter ||
          acc.signup > week - 30 * kDay)
        continue;
      int recent = 0;
      for (const auto& t : timelines[a].tickets)
        recent += t.created >= week_end - 30 * kDay && t.created < week_end;
      if (recent > 3) continue;
      candidates.push_back({mrr, static_cast<std::uint32_t>(a)});
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
      return x.mrr != y.mrr ? x.mrr > y.mrr : x.account < y.account;
    });
    const double target = world.truth.burst_target_share * total;
    double chosen = 0;
    for (const auto& c : candidates) {
      if (chosen >= target) break;
      if (c.mrr > 0.5 * target) continue;
      chosen += c.mrr;
      world.truth.burst_accounts.push_back(c.account);
    }
    std::sort(world.truth.burst_accounts.begin(), world.truth.burst_accounts.end());
    for (std::uint32_t a : world.truth.burst_accounts) timelines[a] = simulate_account(world, a, true);
  }

  world.spells.resize(n);
  for (std::size_t a = 0; a < n; ++a) {
    Timeline& tl = timelines[a];
    world.spells[a] = std::move(tl.spells);
    world.subscriptions.insert(world.subscriptions.end(), tl.subscriptions.begin(),
                               tl.subscriptions.end());
    world.tickets.insert(world.tickets.end(), tl.tickets.begin(), tl.tickets.end());
    world.nps.insert(world.nps.end(), tl.nps.begin(), tl.nps.end());
    tl = Timeline{};
  }
  std::stable_sort(world.tickets.begin(), world.tickets.end(), [](const Ticket& x, const Ticket& y) {
    return x.created != y.created ? x.created < y.created : x.account < y.account;
  });
  std::stable_sort(world.subscriptions.begin(), world.subscriptions.end(),
                   [](const Subscription& x, const Subscription& y) {
                     return x.start != y.start ? x.start < y.start : x.account < y.account;
                   });
  std::stable_sort(world.nps.begin(), world.nps.end(),
                   [](const NpsResponse& x, const NpsResponse& y) {
                     return x.ts != y.ts ? x.ts < y.ts : x.account < y.account;
                   });
}

}  // namespace ticketlens::demo::detail
