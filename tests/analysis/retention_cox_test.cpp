// The counting-process intervals of the churn Cox model, worked out by hand on one account.
#include <gtest/gtest.h>

#include <algorithm>

#include "ticketlens/analysis/retention/churn_cox.hpp"
#include "ticketlens/model/config.hpp"
#include "world_builder.hpp"

namespace ticketlens::analysis::retention {
namespace {

using test::at;
using test::WorldBuilder;

model::Config config() { return model::parse_config(model::default_config_toml(), "default"); }

std::size_t column(const ChurnIntervals& c, const std::string& name) {
  const auto it = std::find(c.names.begin(), c.names.end(), name);
  EXPECT_NE(it, c.names.end()) << name;
  return static_cast<std::size_t>(it - c.names.begin());
}

// Signup 2025-01-01 (day 0); as of day 100. t1 billing created day 10, solved day 24 (so
// unresolved at day 17), CSAT 2; t2 billing day 20 (recurrent), solved day 21. Expansion at
// day 59 from MRR 100 (ARR 1.2k) to 500 (ARR 6k). Events on days 5 (twice), 6 and 40.
model::World one_account() {
  WorldBuilder b;
  b.account("c1", "starter", "na");
  b.subscription({"c1", "2025-01-01", "2025-03-01", 100});
  b.subscription({"c1", "2025-03-01", "", 500});
  test::TicketSpec t1;
  t1.id = "t1";
  t1.account = "c1";
  t1.created = "2025-01-11";
  t1.solved = "2025-01-25";
  t1.category = "billing";
  t1.csat = 2;
  test::TicketSpec t2 = t1;
  t2.id = "t2";
  t2.created = "2025-01-21";
  t2.solved = "2025-01-22";
  t2.csat = -1;
  b.ticket(t1).ticket(t2);
  for (const char* e : {"2025-01-06T10:00:00Z", "2025-01-06T15:00:00Z", "2025-01-07T09:00:00Z", "2025-02-10T09:00:00Z"})
    b.event({"c1", e, "e"});
  return b.build();
}

TEST(ChurnIntervalsTest, CutsAndCovariatesByHand) {
  const auto w = one_account();
  const auto d = account_survival(w, at("2025-04-11"));
  const auto c = churn_intervals(w, config(), d);
  const std::vector<double> starts = {0, 10, 17, 20, 24, 30, 50, 54, 59, 60, 90};
  ASSERT_EQ(c.start, starts);
  EXPECT_EQ(c.stop.back(), 100);
  EXPECT_EQ(std::count(c.event.begin(), c.event.end(), 1), 0);
  const std::vector<std::string> names = {"tickets_90d", "recent_recurrent_ticket", "long_unresolved_ticket",
                                          "csat_low_90d", "category=billing", "arr_band=5k-25k", "active_days_28d"};
  ASSERT_EQ(c.names, names);
  const std::vector<std::vector<double>> expected = {
      {0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2},  // tickets_90d
      {0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0},  // recurrent: days 20..50
      {0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0},  // unresolved: day 17 to 24 + 30
      {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1},  // CSAT 2 given at day 24
      {0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},  // billing
      {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1},  // ARR 6k from day 59
      {0, 2, 2, 2, 2, 2, 1, 1, 1, 1, 0},  // active days among the 28 before
  };
  for (std::size_t k = 0; k < names.size(); ++k) EXPECT_EQ(c.columns[column(c, names[k])], expected[k]) << names[k];
  EXPECT_EQ(c.term_names.size(), names.size());
}

TEST(ChurnIntervalsTest, ChurnOnTheSignupDayIsOneSecondLong) {
  WorldBuilder b;
  b.account("z", "starter", "na").subscription({"z", "2025-01-01", "2025-01-01", 10});
  const auto w = b.build();
  const auto c = churn_intervals(w, config(), account_survival(w, at("2025-06-01")));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c.event[0], 1);
  EXPECT_DOUBLE_EQ(c.stop[0], 1.0 / 86400);
}

TEST(ChurnCoxTest, TierEffectAsR) {
  // Right-censored spells (no tickets): the Cox fit reduces to coxph(Surv(t, e) ~ tier).
  WorldBuilder b;
  const char* ends[] = {"2025-01-11", "2025-01-31", "", "2025-01-06", "2025-01-16", "2025-02-20"};
  const char* tiers[] = {"a", "a", "a", "b", "b", "b"};
  for (int i = 0; i < 6; ++i) {
    const std::string id = "k" + std::to_string(i);
    b.account(id, tiers[i], "na").subscription({id, "2025-01-01", ends[i], 10});
  }
  const auto w = b.build();
  const auto r = churn_cox(w, config(), account_survival(w, at("2025-04-11")));
  EXPECT_EQ(r.churns, 5);
  const auto it = std::find_if(r.hazard_ratios.begin(), r.hazard_ratios.end(),
                               [](const auto& h) { return h.name == "tier=b"; });
  ASSERT_NE(it, r.hazard_ratios.end());
  // R: coxph(Surv(c(10,30,100,5,15,50), c(1,1,0,1,1,1)) ~ c(0,0,0,1,1,1))  (split rows give the
  // same partial likelihood)
  EXPECT_NEAR(it->hazard_ratio, 1.88146682, 1e-6);
}

}  // namespace
}  // namespace ticketlens::analysis::retention
