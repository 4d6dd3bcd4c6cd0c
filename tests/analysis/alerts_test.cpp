// Alerts on hand-made worlds; every expected number is worked out in the comments.
#include "ticketlens/analysis/alerts.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ticketlens/common/time.hpp"
#include "world_builder.hpp"

namespace ticketlens::analysis {
namespace {

using test::at;

// Costs equal handle minutes: email at 60 an hour, normal priority × 1, no fixed costs.
model::Config minute_costs() {
  return model::parse_config("[costs]\nhourly_rate = { email = 60.0 }\nmonthly_fixed_costs = 0.0\n", "test.toml");
}

const Alert* find_alert(const AlertReport& r, const std::string& kind) {
  for (const auto& a : r.alerts)
    if (a.kind == kind) return &a;
  return nullptr;
}

// Week 2026-W10 (03-02 to 03-09); the 8 weeks before start 2026-01-05.
// billing: one ticket a week before, costing 10, 12, 11, 13, 10, 12, 11, 9 → median 11;
//   |deviations| 1, 1, 0, 2, 1, 1, 0, 2 → median 1 → MAD = 1.4826.
//   W10: three tickets of 10 → 30; z = (30 − 11) / 1.4826 = 12.8153 ≥ 3.5 → cost_spike;
//   p = max(one-sided normal tail of 12.8153 = 6.7e-38, 1 / (8 + 1)) = 0.1111, severity 0.954.
// how_to: 10 a week before, two tickets of 30 in W10 → z is large but 2 < min_tickets 3: none.
TEST(AlertsTest, CostSpikeAgainstTrailingWeeksWorkedByHand) {
  test::WorldBuilder b;
  b.account("a1", "starter", "emea");
  const double before[] = {10, 12, 11, 13, 10, 12, 11, 9};
  int n = 0;
  for (int k = 0; k < 8; ++k) {
    const std::string day = format_timestamp(at("2026-01-06T10:00:00Z") + k * 7 * kSecondsPerDay);
    b.ticket({.id = "b" + std::to_string(n++), .account = "a1", .created = day, .category = "billing",
              .handle_minutes = before[k]});
    b.ticket({.id = "h" + std::to_string(n++), .account = "a1", .created = day, .category = "how_to",
              .handle_minutes = 10});
  }
  b.ticket({.id = "first", .account = "a1", .created = "2026-01-05T00:00:00Z", .category = "other", .handle_minutes = 1});
  for (const char* id : {"w1", "w2", "w3"})
    b.ticket({.id = id, .account = "a1", .created = "2026-03-03T10:00:00Z", .category = "billing", .handle_minutes = 10});
  for (const char* id : {"x1", "x2"})
    b.ticket({.id = id, .account = "a1", .created = "2026-03-03T10:00:00Z", .category = "how_to", .handle_minutes = 30});
  const auto w = b.build();
  const auto r = compute_alerts(w, minute_costs(), {at("2026-03-02"), at("2026-03-09")});
  ASSERT_EQ(r.alerts.size(), 1u);
  const Alert& a = r.alerts[0];
  EXPECT_EQ(a.kind, "cost_spike");
  EXPECT_EQ(a.category, "billing");
  EXPECT_NEAR(a.numbers.at("cost"), 30, 1e-9);
  EXPECT_NEAR(a.numbers.at("trailing_median"), 11, 1e-9);
  EXPECT_NEAR(a.numbers.at("trailing_mad"), 1.4826, 1e-9);
  EXPECT_NEAR(a.numbers.at("robust_z"), 12.815324, 1e-5);
  EXPECT_EQ(a.numbers.at("trailing_periods"), 8);
  EXPECT_NEAR(a.p, 1.0 / 9, 1e-12);
  EXPECT_NEAR(a.severity, -std::log10(1.0 / 9), 1e-12);
  EXPECT_EQ(a.ticket_count, 3);
  EXPECT_EQ(a.ticket_ids.size(), 3u);
  EXPECT_EQ(a.baseline.from, at("2026-01-05"));
  EXPECT_EQ(a.baseline.to, at("2026-03-02"));
  // A week whose trailing weeks lie before the data: no cost alert.
  EXPECT_TRUE(compute_alerts(w, minute_costs(), {at("2026-01-12"), at("2026-01-19")}).alerts.empty());
}

// rel-1 at Wednesday 2026-03-04 12:00 names reporting; asked in its week W10, the 14 days after
// are [03-04 12:00, 03-18 12:00) (the data runs to 03-20) and the 14 before [02-18 12:00, 03-04 12:00).
// Ten accounts with an event every day at 10:00 from 02-01 to 03-20: 10 active on each side.
// reporting tickets: 9 after, 1 before (and 1 of billing after, not counted).
//   per 1,000: 900 vs 100; rate ratio 9. Given 10 tickets, 9 after is binomial(10, 1/2):
//   Clopper–Pearson [0.554984, 0.999...] → ratio lower 0.554984 / 0.445016 = 1.24711, upper 394.479;
//   two-sided p = (1 + 10 + 10 + 1) / 1024 = 0.0214844. Lower > 1 → fires.
TEST(AlertsTest, ReleaseTicketRateWorkedByHand) {
  test::WorldBuilder b;
  for (int i = 0; i < 10; ++i) {
    const std::string a = "a" + std::to_string(i);
    b.account(a, "starter", "emea");
    for (Timestamp d = at("2026-02-01T10:00:00Z"); d <= at("2026-03-20T10:00:00Z"); d += kSecondsPerDay)
      b.event({.account = a, .ts = format_timestamp(d), .name = "login"});
  }
  for (int i = 0; i < 9; ++i)
    b.ticket({.id = "after" + std::to_string(i), .account = "a" + std::to_string(i), .created = "2026-03-05T09:00:00Z",
              .category = "bug", .product_area = "reporting"});
  b.ticket({.id = "before", .account = "a9", .created = "2026-03-01T09:00:00Z", .category = "bug",
            .product_area = "reporting"});
  b.ticket({.id = "other", .account = "a9", .created = "2026-03-05T09:00:00Z", .category = "billing",
            .product_area = "billing"});
  b.release({.id = "rel-1", .at = "2026-03-04T12:00:00Z", .product_areas = {"reporting"}});
  const auto w = b.build();
  const auto r = compute_alerts(w, minute_costs(), {at("2026-03-02"), at("2026-03-09")});
  const Alert* a = find_alert(r, "release_ticket_rate");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->release_id, "rel-1");
  EXPECT_EQ(a->product_area, "reporting");
  EXPECT_EQ(a->observed.from, at("2026-03-04T12:00:00Z"));
  EXPECT_EQ(a->observed.to, at("2026-03-18T12:00:00Z"));
  EXPECT_EQ(a->baseline.from, at("2026-02-18T12:00:00Z"));
  EXPECT_EQ(a->numbers.at("tickets_after"), 9);
  EXPECT_EQ(a->numbers.at("tickets_before"), 1);
  EXPECT_EQ(a->numbers.at("active_accounts_after"), 10);
  EXPECT_EQ(a->numbers.at("active_accounts_before"), 10);
  EXPECT_NEAR(a->numbers.at("per_1000_after"), 900, 1e-9);
  EXPECT_NEAR(a->numbers.at("per_1000_before"), 100, 1e-9);
  EXPECT_NEAR(a->numbers.at("rate_ratio"), 9, 1e-9);
  EXPECT_NEAR(a->numbers.at("rate_ratio_lower"), 1.24711, 1e-4);
  EXPECT_NEAR(a->numbers.at("rate_ratio_upper"), 394.479, 1e-2);
  EXPECT_NEAR(a->numbers.at("days"), 14, 1e-12);
  EXPECT_NEAR(a->p, 22.0 / 1024.0, 1e-9);
  EXPECT_EQ(a->ticket_count, 9);
  // The week after the release window ends (03-18 12:00 < 03-23): nothing.
  EXPECT_EQ(find_alert(compute_alerts(w, minute_costs(), {at("2026-03-23"), at("2026-03-30")}), "release_ticket_rate"),
            nullptr);
}

// rel-0 at 2026-02-04 12:00 and rel-1 at 2026-03-04 12:00. Twenty accounts with an event every
// day at 10:00 from 01-20; twelve stop on 03-20, eight go on to 04-10.
// Active at rel-0 ([01-28 12:00, 02-04 12:00)): 20; retained at day 30 ([02-27 12:00, 03-06 12:00)):
// 20. Active at rel-1: 20; retained ([03-27 12:00, 04-03 12:00)): 8. The horizon 04-03 12:00
// falls in W14 (03-30 to 04-06).
//   Fisher [[8, 12], [20, 0]]: two-sided p = 4.50952e-5 < 0.01, retention fell → fires.
//   Active days in the 14 days after: 03-05..03-18 (and 02-05..02-18) = 14 for every account.
//   Tickets of the accounts not retained between rel-1 and the horizon: one (s0 on 03-10).
TEST(AlertsTest, ReleaseRetentionAgainstPreviousReleaseWorkedByHand) {
  test::WorldBuilder b;
  for (int i = 0; i < 20; ++i) {
    const std::string a = (i < 12 ? "s" : "k") + std::to_string(i);
    b.account(a, "starter", "emea");
    const Timestamp last = at(i < 12 ? "2026-03-20T10:00:00Z" : "2026-04-10T10:00:00Z");
    for (Timestamp d = at("2026-01-20T10:00:00Z"); d <= last; d += kSecondsPerDay)
      b.event({.account = a, .ts = format_timestamp(d), .name = "login"});
  }
  b.ticket({.id = "lost", .account = "s0", .created = "2026-03-10T09:00:00Z", .category = "bug"});
  b.release({.id = "rel-0", .at = "2026-02-04T12:00:00Z", .product_areas = {"editor"}});
  b.release({.id = "rel-1", .at = "2026-03-04T12:00:00Z", .product_areas = {"editor"}});
  const auto w = b.build();
  const auto r = compute_alerts(w, minute_costs(), {at("2026-03-30"), at("2026-04-06")});
  ASSERT_EQ(r.alerts.size(), 1u);
  const Alert& a = r.alerts[0];
  EXPECT_EQ(a.kind, "release_retention");
  EXPECT_EQ(a.release_id, "rel-1");
  EXPECT_EQ(a.numbers.at("accounts"), 20);
  EXPECT_EQ(a.numbers.at("retained"), 8);
  EXPECT_NEAR(a.numbers.at("retention_pct"), 40, 1e-9);
  EXPECT_NEAR(a.numbers.at("prev_retention_pct"), 100, 1e-9);
  EXPECT_NEAR(a.p, 4.5095150768e-5, 1e-12);
  EXPECT_NEAR(a.numbers.at("active_days_mean"), 14, 1e-12);
  EXPECT_NEAR(a.numbers.at("prev_active_days_mean"), 14, 1e-12);
  EXPECT_EQ(a.ticket_count, 1);
  EXPECT_EQ(a.ticket_ids, std::vector<std::string>{"lost"});
  // rel-0's horizon (03-06 12:00) is in W10, but it has no previous release: nothing.
  EXPECT_TRUE(compute_alerts(w, minute_costs(), {at("2026-03-02"), at("2026-03-09")}).alerts.empty());
}

TEST(AlertsTest, SeverityIsMinusLog10P) {
  EXPECT_DOUBLE_EQ(alert_severity(0.01), 2.0);
  EXPECT_DOUBLE_EQ(alert_severity(0.0), 300.0);
}

}  // namespace
}  // namespace ticketlens::analysis
