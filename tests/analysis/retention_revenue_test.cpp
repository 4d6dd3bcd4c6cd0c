// MRR movements, revenue retention, CLV and cohort retention on hand-made worlds, every figure
// worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>

#include "ticketlens/analysis/retention/cohorts.hpp"
#include "ticketlens/analysis/retention/revenue.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/common/error.hpp"
#include "world_builder.hpp"

namespace ticketlens::analysis::retention {
namespace {

using test::at;
using test::WorldBuilder;

// r1: 100 from Jan 1, plan change to 150 on Feb 15 (expansion 50).
// r2: 200 from Jan 10, churns Feb 10 (churn 200), reactivates Mar 5 at 80.
// r3: 50 + 30 from Jan 1; the 30 ends Mar 10 with the 50 left (contraction 30, not churn).
// r4: a zero-length subscription: never counts.
model::World revenue_world() {
  WorldBuilder b;
  for (const char* id : {"r1", "r2", "r3", "r4"}) b.account(id, "starter", "na", "2025-01-01");
  b.subscription({"r1", "2025-01-01", "2025-02-15", 100}).subscription({"r1", "2025-02-15", "", 150});
  b.subscription({"r2", "2025-01-10", "2025-02-10", 200}).subscription({"r2", "2025-03-05", "", 80});
  b.subscription({"r3", "2025-01-01", "", 50}).subscription({"r3", "2025-01-01", "2025-03-10", 30});
  b.subscription({"r4", "2025-02-01", "2025-02-01", 999});
  return b.build();
}

model::Config config() { return model::parse_config(model::default_config_toml(), "default"); }

TEST(RevenueTest, MrrMovementsByHand) {
  const auto r = revenue_report(revenue_world(), config(), at("2025-04-01"));
  ASSERT_EQ(r.months.size(), 3u);
  const auto& jan = r.months[0];
  const auto& feb = r.months[1];
  const auto& mar = r.months[2];
  EXPECT_EQ(jan.month, "2025-01");
  EXPECT_FALSE(mar.partial);
  EXPECT_DOUBLE_EQ(jan.new_mrr, 380);
  EXPECT_EQ(jan.new_accounts, 3);
  EXPECT_DOUBLE_EQ(jan.mrr_end, 380);
  EXPECT_DOUBLE_EQ(feb.mrr_start, 380);
  EXPECT_DOUBLE_EQ(feb.expansion, 50);
  EXPECT_DOUBLE_EQ(feb.churn, 200);
  EXPECT_EQ(feb.churned_accounts, 1);
  EXPECT_DOUBLE_EQ(feb.mrr_end, 230);
  EXPECT_DOUBLE_EQ(mar.reactivation, 80);
  EXPECT_EQ(mar.reactivated_accounts, 1);
  EXPECT_DOUBLE_EQ(mar.contraction, 30);
  EXPECT_DOUBLE_EQ(mar.churn, 0);
  EXPECT_DOUBLE_EQ(mar.mrr_end, 280);
  for (const auto& m : r.months)
    EXPECT_NEAR(m.mrr_start + m.new_mrr + m.expansion + m.reactivation - m.contraction - m.churn, m.mrr_end, 1e-9);
  // Feb: of r1 100, r2 200, r3 80 at the start: gross (100 + 0 + 80) / 380, net (150 + 0 + 80) / 380.
  EXPECT_NEAR(feb.gross_retention, 180.0 / 380, 1e-12);
  EXPECT_NEAR(feb.net_retention, 230.0 / 380, 1e-12);
  // Mar: r1 150 -> 150, r3 80 -> 50.
  EXPECT_NEAR(mar.gross_retention, 200.0 / 230, 1e-12);
  EXPECT_TRUE(std::isnan(jan.gross_retention));  // nothing subscribed at the start
  EXPECT_NEAR(mar.arpa, 280.0 / 3, 1e-12);
  // Window Jan..Mar: 1 churned / (0 + 3 + 2) accounts at month starts = 0.2; CLV = 93.33 * 0.8 / 0.2.
  EXPECT_EQ(r.window_months, 3);
  EXPECT_NEAR(r.monthly_churn_rate, 0.2, 1e-12);
  EXPECT_NEAR(r.clv, 280.0 / 3 * 0.8 / 0.2, 1e-9);
}

TEST(RevenueTest, PartialLastMonthAndAsOfHidesLaterChanges) {
  const auto r = revenue_report(revenue_world(), config(), at("2025-02-12"));
  ASSERT_EQ(r.months.size(), 2u);
  EXPECT_TRUE(r.months[1].partial);
  EXPECT_DOUBLE_EQ(r.months[1].churn, 200);
  EXPECT_DOUBLE_EQ(r.months[1].expansion, 0);  // Feb 15 is after the as-of date
  EXPECT_EQ(r.window_months, 1);
}

// a: signup 2024-01-15 at 100, 200 from 2024-05-01, churns 2024-12-01; billing ticket on day 17.
// b: signup 2024-01-20 at 50, never churns. c: signup 2025-03-01, how_to ticket. As of 2025-06-01.
model::World cohort_world() {
  WorldBuilder b;
  b.account("a", "growth", "na", "2024-01-15").account("b", "starter", "na", "2024-01-20");
  b.account("c", "starter", "na", "2025-03-01");
  b.subscription({"a", "2024-01-15", "2024-05-01", 100}).subscription({"a", "2024-05-01", "2024-12-01", 200});
  b.subscription({"b", "2024-01-20", "", 50}).subscription({"c", "2025-03-01", "", 70});
  test::TicketSpec t;
  t.id = "t1";
  t.account = "a";
  t.created = "2024-02-01";
  t.category = "billing";
  b.ticket(t);
  t.id = "t2";
  t.account = "c";
  t.created = "2025-03-02";
  t.category = "how_to";
  b.ticket(t);
  return b.build();
}

TEST(CohortTest, LogoAndRevenueRetentionByHand) {
  const auto c = cohort_retention(cohort_world(), at("2025-06-01"), "tier");
  ASSERT_EQ(c.by_month.size(), 2u);
  const auto& jan = c.by_month[0];
  EXPECT_EQ(jan.key, "2024-01");
  EXPECT_EQ(jan.accounts, 2);
  // 6 months: both subscribed; MRR 200 + 50 against 100 + 50.
  EXPECT_EQ(jan.horizons[0].eligible, 2);
  EXPECT_DOUBLE_EQ(jan.horizons[0].logo_retention, 1.0);
  EXPECT_NEAR(jan.horizons[0].revenue_retention, 250.0 / 150, 1e-12);
  // 12 months: a churned; 50 / 150.
  EXPECT_DOUBLE_EQ(jan.horizons[1].logo_retention, 0.5);
  EXPECT_NEAR(jan.horizons[1].revenue_retention, 50.0 / 150, 1e-12);
  // 24 months: not yet eligible.
  EXPECT_EQ(jan.horizons[2].eligible, 0);
  EXPECT_TRUE(std::isnan(jan.horizons[2].logo_retention));
  EXPECT_EQ(c.by_month[1].horizons[0].eligible, 0);
  ASSERT_EQ(c.by_segment.size(), 2u);
  EXPECT_EQ(c.by_segment[0].key, "growth");
  EXPECT_DOUBLE_EQ(c.by_segment[0].horizons[1].logo_retention, 0.0);
}

TEST(CohortTest, SupportSegmentIsTheFirstTicketCategoryAtTheLandmark) {
  const auto c = cohort_retention(cohort_world(), at("2025-06-01"), "support");
  ASSERT_EQ(c.by_segment.size(), 3u);
  EXPECT_EQ(c.by_segment[0].key, "billing");
  EXPECT_EQ(c.by_segment[1].key, "how_to");
  EXPECT_EQ(c.by_segment[2].key, "none");
  EXPECT_DOUBLE_EQ(c.by_segment[2].horizons[1].logo_retention, 1.0);
  EXPECT_THROW(cohort_retention(cohort_world(), at("2025-06-01"), "colour"), ticketlens::Error);
  EXPECT_EQ(add_months(at("2024-01-31"), 1), at("2024-02-29"));
  EXPECT_EQ(add_months(at("2024-11-15T10:00:00Z"), 14), at("2026-01-15T10:00:00Z"));
}

}  // namespace
}  // namespace ticketlens::analysis::retention
