// The support-driven backlog on the small demo: every ticket of the year is priced in exactly one
// cell, the ranking follows value per cost, and with the churn term switched off the planted
// costly category (integrations, 4x handle time) leads.
#include <gtest/gtest.h>

#include <cmath>

#include "demo_worlds.hpp"
#include "ticketlens/analysis/backlog.hpp"
#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/model/config.hpp"

namespace ticketlens::analysis {
namespace {

TEST(BacklogTest, PricesEveryTicketOnceAndRanksByValuePerCost) {
  const auto& demo = test::planted_demo();
  auto config = model::parse_config(model::default_config_toml(), "default");
  config.backlog.fix_costs["integrations/integrations"] = 50000;
  const Timestamp as_of = demo.world.data_end;
  // One Cox fit for both rankings (the overload the snapshot uses with its retention block's fit).
  retention::ChurnCoxOptions cox_options;
  cox_options.ph_test = false;
  cox_options.concordance = false;
  const auto cox =
      retention::churn_cox(demo.world, config, retention::account_survival(demo.world, as_of), cox_options);
  const auto b = support_backlog(demo.world, config, as_of, cox);
  EXPECT_EQ(b.cox_churns, cox.churns);
  ASSERT_GT(b.items.size(), 10u);
  EXPECT_GT(b.yearly_churn, 0.05);
  EXPECT_LT(b.yearly_churn, 0.6);
  const auto costs = ticket_costs(demo.world, config);
  double expected = 0, got = 0;
  for (std::size_t i = 0; i < costs.size(); ++i)
    if (demo.world.tickets.created_at[i] <= as_of && demo.world.tickets.created_at[i] > as_of - 365 * kSecondsPerDay)
      expected += costs[i].total();
  bool configured = false;
  for (std::size_t i = 0; i < b.items.size(); ++i) {
    const auto& x = b.items[i];
    got += x.ticket_cost_year;
    if (i > 0) {
      EXPECT_GE(b.items[i - 1].value_per_cost, x.value_per_cost);
    }
    EXPECT_NEAR(x.value_per_cost, (0.5 * x.ticket_cost_year + x.arr_at_risk) / x.fix_cost, 1e-9);
    if (std::isfinite(x.hr_lower)) {
      EXPECT_LE(x.arr_at_risk_lower, x.arr_at_risk + 1e-9);
      EXPECT_LE(x.arr_at_risk, x.arr_at_risk_upper + 1e-9);
    }
    if (x.product_area == "integrations" && x.category == "integrations") {
      configured = true;
      EXPECT_FALSE(x.fix_cost_default);
      EXPECT_EQ(x.fix_cost, 50000);
    }
  }
  EXPECT_TRUE(configured);
  EXPECT_NEAR(got, expected, 1e-6 * expected);

  config.backlog.churn_reduction = 0;
  config.backlog.fix_costs.clear();
  const auto by_cost = support_backlog(demo.world, config, as_of, cox);
  EXPECT_EQ(by_cost.items.front().category, "integrations");
}

}  // namespace
}  // namespace ticketlens::analysis
