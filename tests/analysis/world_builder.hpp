#pragma once
// Hand-made Worlds for analysis tests: accounts, tickets, subscriptions and surveys written as
// readable specs, put into the World's columns exactly as the store's loader does (tickets sorted
// by (account, created_at) with account offsets; missing = kNoTime / kNone / kNoCode / -1 / NaN).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "ticketlens/common/time.hpp"
#include "ticketlens/model/schema.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::test {

inline constexpr double kMissingNumber = std::numeric_limits<double>::quiet_NaN();

inline Timestamp at(const std::string& text) {
  if (text.empty()) return model::kNoTime;
  auto t = parse_timestamp(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(0);
}

struct TicketSpec {
  std::string id{}, account{}, created{}, first_response{}, solved{};
  std::string status = "solved", channel = "email", priority = "normal", category{}, product_area{};
  std::string root_cause{}, escalated_to = "none";
  double handle_minutes = kMissingNumber;
  int reopens = -1, replies = -1, csat = -1;
  std::string assignee{}, team{}, issue{};
  std::string requester{};  ///< user id; empty = none
};

struct EventSpec {
  std::string account{}, ts{}, name{}, user{}, session{}, product_area{};  ///< user, session: "" = none
  int is_error = 0;
};

struct ReleaseSpec {
  std::string id{}, at{};
  std::vector<std::string> product_areas{};
};

struct SurveySpec {
  std::string account{}, ts{}, kind{};
  double score = 0;
  std::string ticket{};
};

struct SubscriptionSpec {
  std::string account{}, started{}, ended{};
  double mrr = 0;
};

struct IssueSpec {
  std::string id{}, opened{}, resolved{}, product_area{}, kind = "bug";
};

class WorldBuilder {
 public:
  WorldBuilder& account(const std::string& id, const std::string& tier, const std::string& region,
                        const std::string& signup = "2025-01-01") {
    auto& a = world_.accounts;
    a.ids.intern(id);
    a.names.push_back(id);
    a.tier.push_back(a.tiers.intern(tier));
    a.region.push_back(a.regions.intern(region));
    a.industry.push_back(model::kNone);
    a.signup_at.push_back(at(signup));
    return *this;
  }
  WorldBuilder& ticket(TicketSpec t) {
    tickets_.push_back(std::move(t));
    return *this;
  }
  WorldBuilder& survey(SurveySpec s) {
    surveys_.push_back(std::move(s));
    return *this;
  }
  WorldBuilder& subscription(SubscriptionSpec s) {
    subscriptions_.push_back(std::move(s));
    return *this;
  }
  WorldBuilder& event(EventSpec e) {
    events_.push_back(std::move(e));
    return *this;
  }
  WorldBuilder& release(ReleaseSpec r) {
    releases_.push_back(std::move(r));
    return *this;
  }
  WorldBuilder& issue(IssueSpec i) {
    issues_.push_back(std::move(i));
    return *this;
  }

  model::World build() {
    model::World w = world_;
    const std::size_t n_accounts = w.accounts.size();
    auto& is = w.issues;
    for (const auto& i : issues_) {
      is.ids.intern(i.id);
      is.opened_at.push_back(at(i.opened));
      is.resolved_at.push_back(at(i.resolved));
      is.product_area.push_back(w.product_areas.intern(i.product_area));
      is.kind.push_back(is.kinds.intern(i.kind));
    }
    auto& t = w.tickets;
    std::vector<std::size_t> order(tickets_.size());
    std::iota(order.begin(), order.end(), 0);
    for (const auto& s : tickets_) t.ids.intern(s.id);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      const auto ax = account_index(w, tickets_[x].account), ay = account_index(w, tickets_[y].account);
      return ax != ay ? ax < ay : at(tickets_[x].created) < at(tickets_[y].created);
    });
    t.account_offsets.assign(n_accounts + 1, 0);
    for (std::size_t i : order) {
      const auto& s = tickets_[i];
      t.id.push_back(*t.ids.find(s.id));
      const auto a = account_index(w, s.account);
      ++t.account_offsets[a + 1];
      t.account.push_back(a);
      t.requester.push_back(s.requester.empty() ? model::kNone : w.user_ids.intern(s.requester));
      t.created_at.push_back(at(s.created));
      t.first_response_at.push_back(at(s.first_response));
      t.solved_at.push_back(at(s.solved));
      t.status.push_back(t.statuses.intern(s.status));
      t.category.push_back(t.categories.intern(s.category));
      t.product_area.push_back(w.product_areas.intern(s.product_area));
      t.issue.push_back(s.issue.empty() ? model::kNone : *is.ids.find(s.issue));
      t.assignee.push_back(t.assignees.intern(s.assignee));
      t.team.push_back(t.teams.intern(s.team));
      t.tags.push_back(model::kNone);
      t.channel.push_back(code(model::kChannels, s.channel));
      t.priority.push_back(code(model::kPriorities, s.priority));
      t.root_cause.push_back(code(model::kRootCauses, s.root_cause));
      t.escalated_to.push_back(code(model::kEscalations, s.escalated_to));
      t.handle_minutes.push_back(s.handle_minutes);
      t.reopens.push_back(s.reopens);
      t.replies.push_back(s.replies);
      t.csat.push_back(static_cast<std::int8_t>(s.csat));
      extend(w, t.created_at.back());
    }
    for (std::size_t a = 0; a < n_accounts; ++a) t.account_offsets[a + 1] += t.account_offsets[a];
    build_events(w);
    auto& rel = w.releases;
    std::vector<std::size_t> release_order(releases_.size());
    std::iota(release_order.begin(), release_order.end(), 0);
    std::stable_sort(release_order.begin(), release_order.end(),
                     [&](std::size_t x, std::size_t y) { return at(releases_[x].at) < at(releases_[y].at); });
    for (std::size_t i : release_order) {
      const auto& r = releases_[i];
      rel.id.push_back(rel.ids.intern(r.id));
      rel.released_at.push_back(at(r.at));
      std::vector<std::uint16_t> areas;
      for (const auto& a : r.product_areas) areas.push_back(static_cast<std::uint16_t>(w.product_areas.intern(a)));
      rel.product_areas.push_back(std::move(areas));
      rel.notes.emplace_back();
    }
    auto& sub = w.subscriptions;
    for (const auto& s : subscriptions_) {
      sub.id.push_back(sub.ids.intern("sub" + std::to_string(sub.size())));
      sub.account.push_back(account_index(w, s.account));
      sub.plan.push_back(model::kNone);
      sub.started_at.push_back(at(s.started));
      sub.ended_at.push_back(at(s.ended));
      sub.mrr.push_back(s.mrr);
    }
    auto& sv = w.surveys;
    for (const auto& s : surveys_) {
      sv.ids.intern("survey" + std::to_string(sv.size()));
      sv.account.push_back(account_index(w, s.account));
      sv.user.push_back(model::kNone);
      sv.ticket.push_back(s.ticket.empty() ? model::kNone : *t.ids.find(s.ticket));
      sv.ts.push_back(at(s.ts));
      sv.kind.push_back(code(model::kSurveyKinds, s.kind));
      sv.score.push_back(s.score);
    }
    return w;
  }

 private:
  void build_events(model::World& w) const {
    auto& e = w.events;
    const std::size_t n_accounts = w.accounts.size();
    std::vector<std::size_t> order(events_.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      const auto ax = account_index(w, events_[x].account), ay = account_index(w, events_[y].account);
      return ax != ay ? ax < ay : at(events_[x].ts) < at(events_[y].ts);
    });
    e.account_offsets.assign(n_accounts + 1, 0);
    Dictionary sessions;
    for (std::size_t i : order) {
      const auto& s = events_[i];
      ++e.account_offsets[account_index(w, s.account) + 1];
      e.ts.push_back(at(s.ts));
      e.user.push_back(s.user.empty() ? model::kNone : w.user_ids.intern(s.user));
      e.session.push_back(s.session.empty() ? model::kNone : sessions.intern(s.session));
      e.name.push_back(e.names.intern(s.name));
      e.product_area.push_back(s.product_area.empty() ? model::kNoArea
                                                      : static_cast<std::uint16_t>(w.product_areas.intern(s.product_area)));
      e.platform.push_back(model::kNoCode);
      e.is_error.push_back(s.is_error ? 1 : 0);
      extend(w, e.ts.back());
    }
    e.session_count = static_cast<std::uint32_t>(sessions.size());
    for (std::size_t a = 0; a < n_accounts; ++a) e.account_offsets[a + 1] += e.account_offsets[a];
  }
  static std::uint32_t account_index(const model::World& w, const std::string& id) {
    auto code_of = w.accounts.ids.find(id);
    EXPECT_TRUE(code_of.has_value()) << "unknown account " << id;
    return code_of.value_or(0);
  }
  static std::uint8_t code(std::span<const std::string_view> vocabulary, const std::string& v) {
    if (v.empty()) return model::kNoCode;
    auto it = std::find(vocabulary.begin(), vocabulary.end(), v);
    EXPECT_NE(it, vocabulary.end()) << v;
    return static_cast<std::uint8_t>(it - vocabulary.begin());
  }
  static void extend(model::World& w, Timestamp t) {
    if (w.data_start == model::kNoTime || t < w.data_start) w.data_start = t;
    if (w.data_end == model::kNoTime || t > w.data_end) w.data_end = t;
  }

  model::World world_;
  std::vector<TicketSpec> tickets_;
  std::vector<SurveySpec> surveys_;
  std::vector<SubscriptionSpec> subscriptions_;
  std::vector<IssueSpec> issues_;
  std::vector<EventSpec> events_;
  std::vector<ReleaseSpec> releases_;
};

}  // namespace ticketlens::test
