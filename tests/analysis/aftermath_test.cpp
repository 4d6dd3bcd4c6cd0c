// After the ticket on a hand-made world; every expected number is worked out in the comments.
#include "ticketlens/analysis/aftermath.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ticketlens/common/error.hpp"
#include "world_builder.hpp"

namespace ticketlens::analysis {
namespace {

using test::at;

// t1 (a1, requester u1): created 03-10 12:00, first response 12:30 (fast, "< 1 h"), solved S1 = 03-11 12:00.
//   Before [02-10 12:00, 03-10 12:00): login 02-20 10:00 and 11:00 (session b1), 03-01 (b2), 03-09 (b3),
//   import_error 03-10 08:00 (b4) → 4 sessions, 4 active days (1.0 a week).
//   import_completed 03-11 18:00 (c1), 34 h after the failure → the import task completed.
//   7 days after [03-11 12:00, 03-18 12:00): 03-11 18:00 (c1), 03-15 (c2) → 2 sessions, 2 days.
//   28 days after: + 04-01 (c3) → 3 sessions, 3 days. Weeks 1–2: 2 days → 1.0 a week, change 0.
//   Weeks 9–12 [05-06 12:00, 06-03 12:00): 05-20 → 1 day → 0.25 a week, change −0.75; engaged.
//   Not disengaged (events within 30 days).
// t2 (a2, u2): created 03-10 12:00, first response 14:00 (slow, "1-4 h"), solved S2 = 03-10 14:00.
//   Before: import_error 03-10 09:00 (d1) → 1 session, 1 day (0.25 a week); no import_completed →
//   the task not completed. Nothing after until 06-10 → 0 everywhere, changes −0.25; not engaged in
//   weeks 9–12 [05-05 14:00, 06-02 14:00); disengaged.
// a2 has an event 02-01 (the data's start) and 06-10 10:00 (the data's end).
// Overall: sessions before (4 + 1) / 2 = 2.5, after 7 d (2 + 0) / 2 = 1, after 28 d 1.5;
//   days a week before (1 + 0.25) / 2 = 0.625, weeks 1–2 0.5, weeks 9–12 0.125;
//   change weeks 1–2 (0 − 0.25) / 2 = −0.125, weeks 9–12 (−0.75 − 0.25) / 2 = −0.5;
//   disengaged 1 of 2, engaged in weeks 9–12 1 of 2; import task 1 of 2.
//   Fast response: fast 1 of 1 engaged, slow 0 of 1 → ratio ∞; Fisher [[1, 0], [0, 1]] p = 1.
// t3 (a1) is open: not counted. t5 (a2) is solved 06-05 12:00: its 7 days end after the data.
model::World aftermath_world() {
  test::WorldBuilder b;
  b.account("a1", "starter", "emea").account("a2", "growth", "emea");
  b.ticket({.id = "t1", .account = "a1", .created = "2026-03-10T12:00:00Z", .first_response = "2026-03-10T12:30:00Z",
            .solved = "2026-03-11T12:00:00Z", .category = "billing", .requester = "u1"});
  b.ticket({.id = "t2", .account = "a2", .created = "2026-03-10T12:00:00Z", .first_response = "2026-03-10T14:00:00Z",
            .solved = "2026-03-10T14:00:00Z", .category = "how_to", .requester = "u2"});
  b.ticket({.id = "t3", .account = "a1", .created = "2026-03-12T12:00:00Z", .status = "open", .category = "billing",
            .requester = "u1"});
  b.ticket({.id = "t5", .account = "a2", .created = "2026-06-04T12:00:00Z", .solved = "2026-06-05T12:00:00Z",
            .category = "how_to", .requester = "u2"});
  auto ev = [&](const char* account, const char* user, const char* ts, const char* name, const char* session) {
    b.event({.account = account, .ts = ts, .name = name, .user = user, .session = session});
  };
  ev("a1", "u1", "2026-02-20T10:00:00Z", "login", "b1");
  ev("a1", "u1", "2026-02-20T11:00:00Z", "page_view", "b1");
  ev("a1", "u1", "2026-03-01T10:00:00Z", "login", "b2");
  ev("a1", "u1", "2026-03-09T10:00:00Z", "login", "b3");
  ev("a1", "u1", "2026-03-10T08:00:00Z", "import_error", "b4");
  ev("a1", "u1", "2026-03-11T18:00:00Z", "import_completed", "c1");
  ev("a1", "u1", "2026-03-15T10:00:00Z", "login", "c2");
  ev("a1", "u1", "2026-04-01T10:00:00Z", "login", "c3");
  ev("a1", "u1", "2026-05-20T10:00:00Z", "login", "c4");
  ev("a1", "u9", "2026-03-12T10:00:00Z", "login", "x1");  // another user of a1: not u1's activity
  ev("a2", "u2", "2026-02-01T10:00:00Z", "login", "d0");
  ev("a2", "u2", "2026-03-10T09:00:00Z", "import_error", "d1");
  ev("a2", "u2", "2026-06-10T10:00:00Z", "login", "d2");
  return b.build();
}

model::Config import_task_only() {
  return model::parse_config(
      "[[tasks]]\nname = \"import\"\nfailure = \"import_error\"\nsuccess = \"import_completed\"\nwithin = 72\n",
      "test.toml");
}

TEST(AftermathTest, BeforeAndAfterWorkedByHand) {
  const auto w = aftermath_world();
  const auto r = analyze_aftermath(w, import_task_only(), {at("2026-03-01"), at("2026-04-01")});
  const auto& v = r.overall;
  EXPECT_EQ(v.tickets, 2);
  EXPECT_DOUBLE_EQ(v.sessions_before_28d.mean, 2.5);
  EXPECT_DOUBLE_EQ(v.sessions_after_7d.mean, 1.0);
  EXPECT_DOUBLE_EQ(v.sessions_after_28d.mean, 1.5);
  EXPECT_DOUBLE_EQ(v.active_days_before_28d.mean, 2.5);
  EXPECT_DOUBLE_EQ(v.active_days_after_7d.mean, 1.0);
  EXPECT_DOUBLE_EQ(v.active_days_after_28d.mean, 1.5);
  EXPECT_DOUBLE_EQ(v.active_days_per_week_before.mean, 0.625);
  EXPECT_DOUBLE_EQ(v.active_days_per_week_w1_2.mean, 0.5);
  EXPECT_DOUBLE_EQ(v.active_days_per_week_w9_12.mean, 0.125);
  EXPECT_DOUBLE_EQ(v.change_w1_2.mean, -0.125);
  EXPECT_DOUBLE_EQ(v.change_w9_12.mean, -0.5);
  EXPECT_EQ(v.disengaged.n, 2);
  EXPECT_EQ(v.disengaged.yes, 1);
  EXPECT_EQ(v.engaged_w9_12.yes, 1);
  ASSERT_EQ(r.tasks.size(), 1u);
  EXPECT_EQ(r.tasks[0].tickets_with_failure, 2);
  EXPECT_EQ(r.tasks[0].completed.n, 2);
  EXPECT_EQ(r.tasks[0].completed.yes, 1);
  EXPECT_DOUBLE_EQ(r.tasks[0].completed.share, 0.5);
  const auto& f = r.fast_response;
  EXPECT_EQ(f.fast.n, 1);
  EXPECT_EQ(f.fast.yes, 1);
  EXPECT_EQ(f.slow.n, 1);
  EXPECT_EQ(f.slow.yes, 0);
  EXPECT_TRUE(std::isinf(f.ratio));
  EXPECT_DOUBLE_EQ(f.p, 1.0);
}

TEST(AftermathTest, GroupsByFirstResponseBandAndDimension) {
  const auto w = aftermath_world();
  auto r = analyze_aftermath(w, import_task_only(), {at("2026-03-01"), at("2026-04-01")},
                             parse_aftermath_grouping("first_response_band"));
  ASSERT_EQ(r.groups.size(), 2u);
  EXPECT_EQ(r.groups[0].key, "1-4 h");
  EXPECT_DOUBLE_EQ(r.groups[0].values.sessions_before_28d.mean, 1.0);
  EXPECT_EQ(r.groups[1].key, "< 1 h");
  EXPECT_DOUBLE_EQ(r.groups[1].values.sessions_before_28d.mean, 4.0);
  r = analyze_aftermath(w, import_task_only(), {at("2026-03-01"), at("2026-04-01")}, parse_aftermath_grouping("tier"));
  ASSERT_EQ(r.groups.size(), 2u);
  EXPECT_EQ(r.groups[0].key, "growth");
  EXPECT_THROW(parse_aftermath_grouping("nonsense"), Error);
}

TEST(AftermathTest, OutcomeWindowsPastTheDataAreNotCounted) {
  const auto w = aftermath_world();
  const auto r = analyze_aftermath(w, import_task_only(), {at("2026-06-01"), at("2026-06-09")});
  EXPECT_EQ(r.overall.tickets, 1);
  EXPECT_EQ(r.overall.sessions_before_28d.n, 1);
  EXPECT_EQ(r.overall.sessions_after_7d.n, 0);  // 06-05 12:00 + 7 d is after the data's end
  EXPECT_TRUE(std::isnan(r.overall.sessions_after_7d.mean));
  EXPECT_EQ(r.overall.disengaged.n, 0);
}

}  // namespace
}  // namespace ticketlens::analysis
