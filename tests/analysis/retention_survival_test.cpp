// Account survival, KM by group and the support-contact comparison on hand-made worlds. The
// expected figures are worked out by hand (KM) or by R survival 3.5 on the hand-derived spells
// (the R calls are next to each number).
#include <gtest/gtest.h>

#include <cmath>

#include "ticketlens/analysis/retention/support_contact.hpp"
#include "ticketlens/analysis/retention/survival_by_group.hpp"
#include "ticketlens/common/error.hpp"
#include "world_builder.hpp"

namespace ticketlens::analysis::retention {
namespace {

using test::at;
using test::WorldBuilder;

// Signups 2025-01-01; as of 2025-04-11 = day 100.
model::World survival_world() {
  WorldBuilder b;
  b.account("a1", "starter", "na").account("a2", "starter", "na").account("a3", "starter", "emea");
  b.account("a4", "growth", "na").account("a5", "growth", "emea").account("a6", "growth", "na");
  b.account("a7", "starter", "na", "2025-05-01");
  b.subscription({"a1", "2025-01-01", "2025-01-11", 100});  // churn day 10
  b.subscription({"a2", "2025-01-01", "2025-01-21", 100});  // churn day 20 ...
  b.subscription({"a2", "2025-03-01", "", 100});            // ... then reactivation: still day 20
  b.subscription({"a3", "2025-01-01", "", 100});            // censored at 100
  b.subscription({"a4", "2025-01-01", "2025-01-01", 500});  // churn on the signup day: 0
  b.subscription({"a5", "2025-01-16", "", 900});            // plan change at day 15 (listed first) ...
  b.subscription({"a5", "2025-01-01", "2025-01-16", 500});  // ... is not churn: censored
  // a6 never subscribed; a7 signs up after the as-of date.
  b.subscription({"a7", "2025-05-01", "", 100});
  return b.build();
}

TEST(AccountSurvivalTest, FirstChurnCensoringAndExclusions) {
  const auto w = survival_world();
  const auto d = account_survival(w, at("2025-04-11"));
  ASSERT_EQ(d.spells.size(), 5u);
  EXPECT_EQ(d.without_subscription, 1);
  EXPECT_EQ(d.signed_up_later, 1);
  const double days[] = {10, 20, 100, 0, 100};
  const bool churned[] = {true, true, false, true, false};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_DOUBLE_EQ(d.spells[i].days, days[i]) << i;
    EXPECT_EQ(d.spells[i].churned, churned[i]) << i;
  }
}

TEST(AccountSurvivalTest, AsOfBeforeTheChurnCensorsIt) {
  const auto w = survival_world();
  const auto d = account_survival(w, at("2025-01-16"));  // day 15
  ASSERT_EQ(d.spells.size(), 5u);
  EXPECT_TRUE(d.spells[0].churned);
  EXPECT_FALSE(d.spells[1].churned);
  EXPECT_DOUBLE_EQ(d.spells[1].days, 15);
  EXPECT_FALSE(first_churn(w, 1, at("2025-01-16")).has_value());
  EXPECT_EQ(first_churn(w, 1, at("2026-01-01")), at("2025-01-21"));
}

TEST(SurvivalByGroupTest, KaplanMeierPerTierByHandAndLogRankAsR) {
  const auto w = survival_world();
  const auto s = survival_by_group(w, account_survival(w, at("2025-04-11")), AccountGrouping::kTier);
  ASSERT_EQ(s.groups.size(), 2u);
  const auto& growth = s.groups[0];
  const auto& starter = s.groups[1];
  EXPECT_EQ(growth.group, "growth");
  EXPECT_EQ(starter.group, "starter");
  EXPECT_EQ(starter.accounts, 3);
  EXPECT_EQ(starter.churned, 2);
  // starter: 10 (event), 20 (event), 100 (censored): S = 2/3 then 1/3; median 20.
  ASSERT_EQ(starter.curve.survival.size(), 3u);
  EXPECT_NEAR(starter.curve.survival[0], 2.0 / 3, 1e-12);
  EXPECT_NEAR(starter.curve.survival[1], 1.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(starter.median.value, 20);
  // growth: churn at 0, censored at 100: S(0) = 1/2.
  EXPECT_DOUBLE_EQ(growth.curve.survival[0], 0.5);
  EXPECT_TRUE(std::isnan(growth.at_months[0].survival));  // 6 months = 182.6 days: beyond day 100
  EXPECT_DOUBLE_EQ(survival_at(starter.curve, 5).survival, 1.0);
  EXPECT_NEAR(survival_at(starter.curve, 15).survival, 2.0 / 3, 1e-12);
  EXPECT_NEAR(survival_at(starter.curve, 100).survival, 1.0 / 3, 1e-12);
  ASSERT_TRUE(s.log_rank.has_value());
  // R: survdiff(Surv(c(10,20,100,0,100), c(1,1,0,1,0)) ~ c("s","s","s","g","g"))
  EXPECT_NEAR(s.log_rank->chisq, 0.0004275331338, 1e-9);
  EXPECT_NEAR(s.log_rank->groups[0].expected, 0.9833333333, 1e-9);
}

TEST(SurvivalByGroupTest, OneGroupHasNoLogRankAndCohortIsTheSignupMonth) {
  const auto w = survival_world();
  const auto d = account_survival(w, at("2025-04-11"));
  EXPECT_FALSE(survival_by_group(w, d, AccountGrouping::kAll).log_rank.has_value());
  const auto c = survival_by_group(w, d, AccountGrouping::kCohort);
  ASSERT_EQ(c.groups.size(), 1u);
  EXPECT_EQ(c.groups[0].group, "2025-01");
  EXPECT_THROW(parse_account_grouping("colour"), ticketlens::Error);
}

// Support: first tickets at days 5, 50, 95, 10 for s1, s2, s5, s6; churns s1 30, s3 20, s4 60,
// s6 95; the rest censored at 100.
model::World support_world() {
  WorldBuilder b;
  const char* ids[] = {"s1", "s2", "s3", "s4", "s5", "s6", "s7"};
  const char* ends[] = {"2025-01-31", "", "2025-01-21", "2025-03-02", "", "2025-04-06", ""};
  for (int i = 0; i < 7; ++i) {
    b.account(ids[i], "starter", "na");
    b.subscription({ids[i], "2025-01-01", ends[i], 100});
  }
  const std::pair<const char*, const char*> tickets[] = {
      {"s1", "2025-01-06"}, {"s1", "2025-01-20"}, {"s2", "2025-02-20"}, {"s5", "2025-04-06"}, {"s6", "2025-01-11"}};
  int n = 0;
  for (const auto& [acc, created] : tickets) {
    test::TicketSpec t;
    t.id = "t" + std::to_string(++n);
    t.account = acc;
    t.created = created;
    t.category = "how_to";
    b.ticket(t);
  }
  return b.build();
}

TEST(SupportContactTest, NaiveTimeVaryingAndLandmarkAsR) {
  const auto w = support_world();
  const auto d = account_survival(w, at("2025-04-11"));
  const auto first = first_ticket_days(w, d);
  EXPECT_DOUBLE_EQ(first[0], 5);
  EXPECT_TRUE(std::isnan(first[2]));
  const auto s = support_comparison(w, d, 40);
  // R: coxph(Surv(c(30,100,100,95,20,60,100), c(1,0,0,1,1,1,0)) ~ c(1,1,1,1,0,0,0))
  EXPECT_NEAR(s.naive.hazard_ratio.hazard_ratio, 0.5379738826, 1e-6);
  EXPECT_NEAR(s.naive.hazard_ratio.upper, 3.910712449, 1e-6);
  EXPECT_EQ(s.naive.supported.accounts, 4);
  // R: coxph(Surv(start, stop, event) ~ z) on the 11 intervals (0,5] (5,30] (0,50] (50,100] ...
  EXPECT_NEAR(s.time_varying.hazard_ratio.hazard_ratio, 1.656642828, 1e-6);
  EXPECT_NEAR(s.time_varying.hazard_ratio.lower, 0.2268210725, 1e-6);
  EXPECT_EQ(s.time_varying.hazard_ratio.rows, 11);
  EXPECT_EQ(s.time_varying.supported_churns, 2);
  EXPECT_EQ(s.time_varying.unsupported_churns, 2);
  // supported time: 25 + 50 + 5 + 85 = 165 days
  EXPECT_NEAR(s.time_varying.supported_months, 165 / kDaysPerMonth, 1e-9);
  // Landmark 40: s2, s4, s5, s6, s7 at 60c, 20e, 60c, 55e, 60c; only s6 supported.
  EXPECT_EQ(s.landmark_accounts, 5);
  EXPECT_EQ(s.landmark.supported.accounts, 1);
  EXPECT_NEAR(s.landmark.hazard_ratio.hazard_ratio, 3.464101615, 1e-6);
  ASSERT_TRUE(s.naive.log_rank.has_value());
  EXPECT_NEAR(s.naive.log_rank->chisq, 0.3865953577, 1e-8);
}

TEST(SupportContactTest, NoTicketsAtAllLeavesTheSupportedArmEmpty) {
  WorldBuilder b;
  b.account("x", "starter", "na").subscription({"x", "2025-01-01", "2025-02-01", 10});
  b.account("y", "starter", "na").subscription({"y", "2025-01-01", "", 10});
  const auto w = b.build();
  const auto s = support_comparison(w, account_survival(w, at("2025-06-01")));
  EXPECT_EQ(s.naive.supported.accounts, 0);
  EXPECT_FALSE(s.naive.log_rank.has_value());
  EXPECT_TRUE(std::isnan(s.time_varying.hazard_ratio.hazard_ratio));
}

}  // namespace
}  // namespace ticketlens::analysis::retention
