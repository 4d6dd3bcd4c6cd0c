#include "ticketlens/analysis/data_quality.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_set>

#include "ticketlens/analysis/churn.hpp"

namespace ticketlens::analysis {
namespace {

using model::kNone;
using model::kNoTime;

struct Collector {
  QualityFinding f;
  void add(std::string example) {
    ++f.count;
    if (f.examples.size() < 5) f.examples.push_back(std::move(example));
  }
};

}  // namespace

std::vector<QualityFinding> check_data_quality(const model::World& w) {
  std::vector<QualityFinding> out;
  const auto& t = w.tickets;
  const auto& acc = w.accounts.ids;

  {  // Orphans: references that point nowhere.
    Collector c{{"orphan_issue_ids", "tickets naming an issue_id that is not in issues", 0, {}}};
    for (std::size_t i = 0; i < t.size(); ++i)
      if (t.issue[i] != kNone && w.issues.opened_at[t.issue[i]] == kNoTime)
        c.add(fmt::format("ticket {} names issue {}", t.ids.at(t.id[i]), w.issues.ids.at(t.issue[i])));
    out.push_back(std::move(c.f));
  }
  {
    Collector c{{"orphan_survey_tickets", "surveys naming a ticket_id that is not in tickets", 0, {}}};
    // The loader gives ticket ids that only surveys name codes past the tickets' own.
    for (std::size_t i = 0; i < w.surveys.size(); ++i)
      if (w.surveys.ticket[i] != kNone && w.surveys.ticket[i] >= t.size())
        c.add(fmt::format("survey {}", w.surveys.ids.at(static_cast<std::uint32_t>(i))));
    out.push_back(std::move(c.f));
  }
  {
    Collector c{{"requester_other_account",
                 "tickets whose requester belongs to another account in users (conflicting ids)", 0, {}}};
    for (std::size_t i = 0; i < t.size(); ++i) {
      const auto u = t.requester[i];
      if (u != kNone && u < w.users.account.size() && w.users.account[u] != kNone && w.users.account[u] != t.account[i])
        c.add(fmt::format("ticket {}: requester {} is a user of {}, the ticket of {}", t.ids.at(t.id[i]),
                          w.user_ids.at(u), acc.at(w.users.account[u]), acc.at(t.account[i])));
    }
    out.push_back(std::move(c.f));
  }
  {
    Collector c{{"unknown_event_users", "event user_ids not in users (counted once per user)", 0, {}}};
    std::unordered_set<std::uint32_t> seen;
    for (auto u : w.events.user)
      if (u != kNone && (u >= w.users.account.size() || w.users.account[u] == kNone) && seen.insert(u).second)
        c.add(std::string(w.user_ids.at(u)));
    out.push_back(std::move(c.f));
  }
  {
    Collector c{{"events_after_churn", "events of an account after its churn (last subscription ended)", 0, {}}};
    const auto churn = churn_times(w);
    for (std::size_t a = 0; a < w.accounts.size(); ++a) {
      if (churn[a] == kNoTime) continue;
      const auto begin = w.events.account_offsets[a], end = w.events.account_offsets[a + 1];
      const auto first_after = std::upper_bound(w.events.ts.begin() + static_cast<std::ptrdiff_t>(begin),
                                                w.events.ts.begin() + static_cast<std::ptrdiff_t>(end), churn[a]);
      const auto n = w.events.ts.begin() + static_cast<std::ptrdiff_t>(end) - first_after;
      for (std::ptrdiff_t k = 0; k < n; ++k)
        c.add(fmt::format("account {} churned {}, event at {}", acc.at(static_cast<std::uint32_t>(a)),
                          format_timestamp(churn[a]), format_timestamp(*(first_after + k))));
    }
    out.push_back(std::move(c.f));
  }
  {
    Collector solved{{"solved_before_created", "tickets with solved_at before created_at", 0, {}}};
    Collector response{{"first_response_after_solve", "tickets with first_response_at after solved_at", 0, {}}};
    Collector before{{"first_response_before_created", "tickets with first_response_at before created_at", 0, {}}};
    for (std::size_t i = 0; i < t.size(); ++i) {
      const auto id = t.ids.at(t.id[i]);
      if (t.solved_at[i] != kNoTime && t.solved_at[i] < t.created_at[i]) solved.add(std::string(id));
      if (t.solved_at[i] != kNoTime && t.first_response_at[i] != kNoTime && t.first_response_at[i] > t.solved_at[i])
        response.add(std::string(id));
      if (t.first_response_at[i] != kNoTime && t.first_response_at[i] < t.created_at[i]) before.add(std::string(id));
    }
    out.push_back(std::move(solved.f));
    out.push_back(std::move(response.f));
    out.push_back(std::move(before.f));
  }
  {
    Collector c{{"days_without_events",
                 "days inside the data's span with no event at all (a gap in the export?)", 0, {}}};
    if (!w.events.ts.empty()) {
      const auto [lo, hi] = std::minmax_element(w.events.ts.begin(), w.events.ts.end());
      const auto first_day = *lo / kSecondsPerDay, last_day = *hi / kSecondsPerDay;
      std::vector<bool> has(static_cast<std::size_t>(last_day - first_day + 1), false);
      for (auto ts : w.events.ts) has[static_cast<std::size_t>(ts / kSecondsPerDay - first_day)] = true;
      for (std::size_t d = 0; d < has.size(); ++d)
        if (!has[d]) c.add(format_date((first_day + static_cast<Timestamp>(d)) * kSecondsPerDay));
    }
    out.push_back(std::move(c.f));
  }
  {
    // Time zones: a store of UTC times shows activity spread over the day. If nearly all events
    // fall at exactly midnight, times were exported as dates or local midnight; if a large share
    // of tickets is created in the hours when the account's events never happen, the two sources
    // likely use different zones.
    Collector c{{"suspicious_time_zones",
                 "timestamps that look like dates or local times: share of events or tickets at "
                 "exactly 00:00:00, or ticket hours far from the event hours", 0, {}}};
    auto midnight_share = [](const std::vector<Timestamp>& v) {
      if (v.empty()) return 0.0;
      std::size_t n = 0;
      for (auto ts : v) n += (ts % kSecondsPerDay) == 0;
      return static_cast<double>(n) / static_cast<double>(v.size());
    };
    const double ev = midnight_share(w.events.ts), tk = midnight_share(t.created_at);
    if (w.events.size() > 100 && ev > 0.5)
      c.add(fmt::format("{:.0f}% of events are at exactly 00:00:00 UTC", ev * 100));
    if (t.size() > 100 && tk > 0.5)
      c.add(fmt::format("{:.0f}% of tickets are created at exactly 00:00:00 UTC", tk * 100));
    if (w.events.size() > 1000 && t.size() > 100) {
      std::array<double, 24> eh{}, th{};
      for (auto ts : w.events.ts) eh[static_cast<std::size_t>((ts % kSecondsPerDay + kSecondsPerDay) % kSecondsPerDay / 3600)] += 1;
      for (auto ts : t.created_at) th[static_cast<std::size_t>((ts % kSecondsPerDay + kSecondsPerDay) % kSecondsPerDay / 3600)] += 1;
      // Best circular shift of the ticket hour profile onto the event hour profile.
      int best_shift = 0;
      double best = -1;
      for (int s = 0; s < 24; ++s) {
        double dot = 0;
        for (int h = 0; h < 24; ++h) dot += eh[static_cast<std::size_t>(h)] * th[static_cast<std::size_t>((h + s) % 24)];
        if (dot > best) {
          best = dot;
          best_shift = s;
        }
      }
      const int shift = best_shift > 12 ? best_shift - 24 : best_shift;
      if (std::abs(shift) >= 3)
        c.add(fmt::format("ticket creation hours match event hours best when shifted by {:+d} h: "
                          "tickets and events may be in different time zones", shift));
    }
    out.push_back(std::move(c.f));
  }
  return out;
}

}  // namespace ticketlens::analysis
