// Precursor analysis on hand-made worlds; every expected number is worked out in the comments.
#include "ticketlens/analysis/precursors.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ticketlens/analysis/window_link.hpp"
#include "ticketlens/common/error.hpp"
#include "world_builder.hpp"

namespace ticketlens::analysis {
namespace {

using test::at;

const PrecursorPair* find_pair(const PrecursorReport& r, const std::string& event, const std::string& category) {
  for (const auto& p : r.pairs)
    if (p.event == event && p.category == category) return &p;
  return nullptr;
}

PrecursorOptions hand_options() {
  PrecursorOptions o;
  o.window_seconds = 24 * kSecondsPerHour;
  o.controls = 1;
  o.max_weeks = 1;
  o.min_support = 1;
  return o;
}

// The window is [created_at − 24 h, created_at): an event exactly 24 h before counts, one at the
// ticket's own second and one a second earlier than 24 h do not.
TEST(WindowLinkTest, WindowIncludesItsStartAndExcludesTheTicketSecond) {
  test::WorldBuilder b;
  b.account("a1", "starter", "emea");
  b.ticket({.id = "t1", .account = "a1", .created = "2026-03-10T12:00:00Z", .category = "billing",
            .requester = "u1"});
  b.event({.account = "a1", .ts = "2026-03-09T12:00:00Z", .name = "at_start", .user = "u1"});
  b.event({.account = "a1", .ts = "2026-03-09T11:59:59Z", .name = "too_early", .user = "u1"});
  b.event({.account = "a1", .ts = "2026-03-10T12:00:00Z", .name = "at_ticket", .user = "u1"});
  b.event({.account = "a1", .ts = "2026-03-10T11:59:59Z", .name = "just_before", .user = "u1"});
  b.event({.account = "a1", .ts = "2026-03-01T00:00:00Z", .name = "data_start", .user = "u1"});
  const auto w = b.build();
  EXPECT_EQ(count_account_events_before(w, 24 * kSecondsPerHour), std::vector<std::uint32_t>{2});
  EXPECT_EQ(count_account_events_before(w, 0), std::vector<std::uint32_t>{0});
  EXPECT_THROW(count_account_events_before(w, -1), Error);

  auto o = hand_options();
  o.controls = 0;
  const auto r = analyze_precursors(w, {at("2026-01-01"), at("2027-01-01")}, o);
  EXPECT_NE(find_pair(r, "at_start", "billing"), nullptr);
  EXPECT_NE(find_pair(r, "just_before", "billing"), nullptr);
  EXPECT_EQ(find_pair(r, "too_early", "billing"), nullptr);
  EXPECT_EQ(find_pair(r, "at_ticket", "billing"), nullptr);
}

TEST(WindowLinkTest, CountsAreAMergePerAccount) {
  // a1: tickets at day 10 and day 11 noon; events at days 9.5, 10.25, 10.75, 11 noon.
  //   t(10):    [9 noon, 10 noon) holds 9.5 (day 9 12:00 → yes, exactly at the start).
  //   t(11):    [10 noon, 11 noon) holds 10.25? no (06:00 of day 10 < noon), 10.75 (18:00) yes.
  // a2: one ticket, no events → 0. a3: events only, no ticket.
  test::WorldBuilder b;
  b.account("a1", "starter", "emea").account("a2", "starter", "emea").account("a3", "starter", "emea");
  b.ticket({.id = "t1", .account = "a1", .created = "2026-03-10T12:00:00Z"});
  b.ticket({.id = "t2", .account = "a1", .created = "2026-03-11T12:00:00Z"});
  b.ticket({.id = "t3", .account = "a2", .created = "2026-03-11T12:00:00Z"});
  b.event({.account = "a1", .ts = "2026-03-09T12:00:00Z", .name = "e"});
  b.event({.account = "a1", .ts = "2026-03-10T06:00:00Z", .name = "e"});
  b.event({.account = "a1", .ts = "2026-03-10T18:00:00Z", .name = "e"});
  b.event({.account = "a1", .ts = "2026-03-11T12:00:00Z", .name = "e"});
  b.event({.account = "a3", .ts = "2026-03-11T11:00:00Z", .name = "e"});
  const auto w = b.build();
  // t1 window [03-09 12:00, 03-10 12:00): 09 12:00 and 10 06:00 → 2.
  // t2 window [03-10 12:00, 03-11 12:00): 10 18:00 → 1 (11 12:00 is the ticket's second).
  EXPECT_EQ(count_account_events_before(w, 24 * kSecondsPerHour), (std::vector<std::uint32_t>{2, 1, 0}));
}

// Four accounts, each with one billing ticket at T (Tuesday 2026-03-10 12:00) by its user u_i:
//   every account: login at T − 8 d (the control window's first second), login at T − 2 h,
//   page_view at T + 1 d (its last event: the week after, T + 7 d, lies beyond it, so the only
//   control candidate is T − 1 w, window [T − 8 d, T − 7 d));
//   a1, a2, a3: payment_failed (error, billing) at T − 1 h; a1 also at T − 7 d − 2 h (control).
// billing: tickets 4, with payment_failed 3 (share 0.75); controls 4, with 1 (share 0.25).
//   lift = 0.75 / 0.25 = 3. Interval (exact conditional Poisson ratio): given 3 + 1 = 4, the
//   ticket count is binomial(4, 1/2); Clopper–Pearson for 3/4 is [0.194120, 0.993691], and
//   p / (1 − p) gives [0.240880, 157.492].
//   Fisher [[3, 1], [1, 3]]: P(X = k) = C(4,k) C(4,4−k) / 70 → 1, 16, 36, 16, 1 over 70;
//   two-sided p = (1 + 16 + 16 + 1) / 70 = 0.485714.
//   login: 4 of 4 vs 4 of 4 → lift 1, p = 1. BH over the two pairs: q(payment_failed) =
//   min(2 × 0.485714, 1) = 0.971429, q(login) = 1. Neither is significant.
//   Sessions: a1 puts login and payment_failed in session s1; a2 login in s2a, payment_failed in
//   s2b; a3 has no session ids; a4 login in s4. The last event before the ticket is
//   payment_failed (a1, a2, a3) or login (a4): session windows = 3 (a1, a2, a4); payment_failed in
//   the last session: a1, a2 → 2/3; login: a1, a4 → 2/3.
//   Hours before: payment_failed 1 h, login 2 h (medians).
//   Paths (last 3): login > payment_failed (a1, a2, a3: 3 of 4 non-empty windows), login (a4).
//   Errors: payment_failed in billing, 3 tickets, share 0.75.
// a5: a how_to ticket with no events at all → an empty window and a missing control.
// a6: a billing ticket 1 h after the data's first event → left out (window truncated).
model::World lift_world() {
  test::WorldBuilder b;
  const std::string t = "2026-03-10T12:00:00Z";
  for (int i = 1; i <= 4; ++i) {
    const std::string a = "a" + std::to_string(i), u = "u" + std::to_string(i);
    b.account(a, "starter", "emea");
    b.ticket({.id = "t" + std::to_string(i), .account = a, .created = t, .category = "billing", .requester = u});
    b.event({.account = a, .ts = "2026-03-02T12:00:00Z", .name = "login", .user = u});
    b.event({.account = a, .ts = "2026-03-11T12:00:00Z", .name = "page_view", .user = u});
  }
  b.event({.account = "a1", .ts = "2026-03-10T10:00:00Z", .name = "login", .user = "u1", .session = "s1"});
  b.event({.account = "a2", .ts = "2026-03-10T10:00:00Z", .name = "login", .user = "u2", .session = "s2a"});
  b.event({.account = "a3", .ts = "2026-03-10T10:00:00Z", .name = "login", .user = "u3"});
  b.event({.account = "a4", .ts = "2026-03-10T10:00:00Z", .name = "login", .user = "u4", .session = "s4"});
  b.event({.account = "a1", .ts = "2026-03-10T11:00:00Z", .name = "payment_failed", .user = "u1",
           .session = "s1", .product_area = "billing", .is_error = true});
  b.event({.account = "a2", .ts = "2026-03-10T11:00:00Z", .name = "payment_failed", .user = "u2",
           .session = "s2b", .product_area = "billing", .is_error = true});
  b.event({.account = "a3", .ts = "2026-03-10T11:00:00Z", .name = "payment_failed", .user = "u3",
           .product_area = "billing", .is_error = true});
  b.event({.account = "a1", .ts = "2026-03-03T10:00:00Z", .name = "payment_failed", .user = "u1",
           .product_area = "billing", .is_error = true});
  // Another user of a1 whose events must not enter u1's windows.
  b.event({.account = "a1", .ts = "2026-03-10T11:30:00Z", .name = "other_users_event", .user = "u9"});
  b.account("a5", "starter", "emea");
  b.ticket({.id = "t5", .account = "a5", .created = "2026-03-10T12:00:00Z", .category = "how_to", .requester = "u5"});
  b.account("a6", "starter", "emea");
  b.ticket({.id = "t6", .account = "a6", .created = "2026-03-02T13:00:00Z", .category = "billing", .requester = "u6"});
  return b.build();
}

TEST(PrecursorsTest, LiftIntervalAndFisherWorkedByHand) {
  const auto w = lift_world();
  const auto r = analyze_precursors(w, {at("2026-01-01"), at("2027-01-01")}, hand_options());
  EXPECT_EQ(r.tickets, 5);  // t1..t4 and t5; t6 is left out
  EXPECT_EQ(r.windows_truncated, 1);
  EXPECT_EQ(r.controls_drawn, 4);
  EXPECT_EQ(r.controls_missing, 1);  // t5: its account has no events to hold a control
  EXPECT_EQ(r.pairs_tested, 2);
  const auto* pf = find_pair(r, "payment_failed", "billing");
  ASSERT_NE(pf, nullptr);
  EXPECT_EQ(pf->tickets, 4);
  EXPECT_EQ(pf->tickets_with, 3);
  EXPECT_EQ(pf->controls, 4);
  EXPECT_EQ(pf->controls_with, 1);
  EXPECT_DOUBLE_EQ(pf->ticket_share, 0.75);
  EXPECT_DOUBLE_EQ(pf->control_share, 0.25);
  EXPECT_NEAR(pf->lift, 3.0, 1e-12);
  EXPECT_NEAR(pf->lift_lower, 0.240880, 1e-5);
  EXPECT_NEAR(pf->lift_upper, 157.492, 1e-2);
  EXPECT_NEAR(pf->p, 34.0 / 70.0, 1e-9);
  EXPECT_NEAR(pf->q, 68.0 / 70.0, 1e-9);
  EXPECT_FALSE(pf->significant);
  EXPECT_NEAR(pf->same_session_share, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(pf->session_windows, 3);
  EXPECT_DOUBLE_EQ(pf->median_hours_before, 1.0);
  const auto* login = find_pair(r, "login", "billing");
  ASSERT_NE(login, nullptr);
  EXPECT_DOUBLE_EQ(login->lift, 1.0);
  EXPECT_DOUBLE_EQ(login->p, 1.0);
  EXPECT_DOUBLE_EQ(login->q, 1.0);
  EXPECT_NEAR(login->same_session_share, 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(login->median_hours_before, 2.0);
  EXPECT_EQ(find_pair(r, "other_users_event", "billing"), nullptr);
  EXPECT_EQ(find_pair(r, "page_view", "billing"), nullptr);
  EXPECT_EQ(r.pairs.front().event, "payment_failed");  // ranked by the interval's lower bound

  ASSERT_EQ(r.paths.size(), 2u);
  EXPECT_EQ(r.paths[0].category, "billing");
  EXPECT_EQ(r.paths[0].events, (std::vector<std::string>{"login", "payment_failed"}));
  EXPECT_EQ(r.paths[0].tickets, 3);
  EXPECT_DOUBLE_EQ(r.paths[0].share, 0.75);
  EXPECT_EQ(r.paths[1].events, std::vector<std::string>{"login"});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].event, "payment_failed");
  EXPECT_EQ(r.errors[0].product_area, "billing");
  EXPECT_EQ(r.errors[0].tickets, 3);
  EXPECT_DOUBLE_EQ(r.errors[0].share, 0.75);

  ASSERT_EQ(r.categories.size(), 2u);
  EXPECT_EQ(r.categories[1].category, "how_to");
  EXPECT_EQ(r.categories[1].empty_windows, 1);
  EXPECT_EQ(r.categories[1].controls_missing, 1);
}

TEST(PrecursorsTest, MinSupportAndCategoryFilter) {
  const auto w = lift_world();
  auto o = hand_options();
  o.min_support = 4;  // payment_failed has 3 ticket windows: not tested
  auto r = analyze_precursors(w, {at("2026-01-01"), at("2027-01-01")}, o);
  EXPECT_EQ(find_pair(r, "payment_failed", "billing"), nullptr);
  EXPECT_NE(find_pair(r, "login", "billing"), nullptr);
  o.min_support = 1;
  o.category = "how_to";
  r = analyze_precursors(w, {at("2026-01-01"), at("2027-01-01")}, o);
  EXPECT_EQ(r.tickets, 1);
  EXPECT_TRUE(r.pairs.empty());
  o.category = "nonexistent";
  EXPECT_THROW(analyze_precursors(w, {at("2026-01-01"), at("2027-01-01")}, o), Error);
}

// Controls avoid a ticket in the window or in the window after it. One account with a login
// every day at noon from 02-01 to 04-30; tickets at T = 03-10 12:00 and T2 = 03-17 24:00 (18 d 0 h).
// With max_weeks 1 and K = 2:
//   T:  T − 1 w (window [03-02 12:00, 03-03 12:00), no ticket up to 03-04 12:00) is free;
//       T + 1 w ends 03-17 12:00 and T2 (03-18 00:00) lies in the 24 h after it → rejected.
//       1 drawn, 1 missing.
//   T2: T2 − 1 w ends 03-11 00:00: T (03-10 12:00) is inside its window → rejected;
//       T2 + 1 w (03-25 00:00) is free. 1 drawn, 1 missing.
TEST(PrecursorsTest, ControlsAvoidTicketsInOrJustAfterThem) {
  test::WorldBuilder b;
  b.account("a1", "starter", "emea");
  b.ticket({.id = "t1", .account = "a1", .created = "2026-03-10T12:00:00Z", .category = "billing"});
  b.ticket({.id = "t2", .account = "a1", .created = "2026-03-18T00:00:00Z", .category = "billing"});
  for (Timestamp d = at("2026-02-01T12:00:00Z"); d <= at("2026-04-30T12:00:00Z"); d += kSecondsPerDay)
    b.event({.account = "a1", .ts = format_timestamp(d), .name = "login"});
  auto o = hand_options();
  o.controls = 2;
  const auto r = analyze_precursors(b.build(), {at("2026-01-01"), at("2027-01-01")}, o);
  EXPECT_EQ(r.controls_drawn, 2);
  EXPECT_EQ(r.controls_missing, 2);
  // Without a requester the account's events count: every window (ticket or control) has a login.
  const auto* login = find_pair(r, "login", "billing");
  ASSERT_NE(login, nullptr);
  EXPECT_EQ(login->tickets_with, 2);
  EXPECT_EQ(login->controls_with, 2);
}

TEST(PrecursorsTest, EmptyPeriodAndBadOptions) {
  const auto w = lift_world();
  const auto r = analyze_precursors(w, {at("2030-01-01"), at("2030-02-01")}, hand_options());
  EXPECT_EQ(r.tickets, 0);
  EXPECT_TRUE(r.pairs.empty());
  auto o = hand_options();
  o.path_length = 0;
  EXPECT_THROW(analyze_precursors(w, {at("2026-01-01"), at("2027-01-01")}, o), Error);
}

}  // namespace
}  // namespace ticketlens::analysis
