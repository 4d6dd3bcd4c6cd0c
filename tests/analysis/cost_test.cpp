// Ticket costs on a hand-made world; every expected number is worked out in the comments.
#include "ticketlens/analysis/cost.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "world_builder.hpp"

namespace ticketlens::analysis {
namespace {

using test::at;

// Round numbers instead of the defaults, so the arithmetic below stays readable.
model::Config cost_config() {
  model::Config c;
  c.hourly_rate = {{"email", 60}, {"chat", 30}};
  c.priority_multiplier = {{"normal", 1.0}, {"high", 1.5}};
  c.default_handle_minutes = {{"email", 20}, {"chat", 10}};
  c.fallback_hourly_rate = 40;
  c.fallback_handle_minutes = 15;
  c.tier2_minutes = 30;  // × 60/h = 30 per tier-2 escalation
  c.tier2_rate = 60;
  c.engineering_hours = 2;  // × 100/h = 200 per product or engineering escalation
  c.engineering_rate = 100;
  c.rehandle_minutes = 6;  // 0.1 h per reopen at the channel's rate
  c.monthly_fixed_costs = 3000;
  return c;
}

// September 2026 (the data starts on 09-01 00:00, so September is fully covered):
// c1 b1 email/normal billing       30 min, 1 reopen: 0.5 h × 60 = 30 + rehandle 0.1 × 60 = 6 -> 36
// c2 b1 chat/high integrations     60 min, tier2:   1 h × 30 × 1.5 = 45 + 30            -> 75
// c3 b2 chat/high integrations     missing: median of c2 and c4 (60, 100) = 80 min:
//                                  80/60 × 30 × 1.5 = 60                               -> 60
// c4 b2 chat/high integrations    100 min, engineering: 100/60 × 45 = 75 + 200          -> 275
// c5 b2 email/normal how_to        missing, no similar: email default 20 min: 20/60 × 60 -> 20
// c6 b2 no channel/priority/category, missing: fallback 15 min at 40/h × 1             -> 10
// Handle time 30 + 60 + 80 + 100 + 20 + 15 = 305 min shares 3000: ticket i gets 3000 × h_i / 305.
// October 2026 (covered to the last ticket's day, 10-31): c7, c8 of b1 with 0 minutes each:
// the month's handle time is zero, so its 3000 are shared equally, 1500 each.
// b1 pays 1000 MRR (ARR 12,000); b2 has no subscription.
model::World cost_world() {
  test::WorldBuilder b;
  b.account("b1", "growth", "na").account("b2", "starter", "emea");
  b.subscription({.account = "b1", .started = "2025-01-01", .mrr = 1000});
  b.ticket({.id = "c1", .account = "b1", .created = "2026-09-01T00:00:00Z", .category = "billing",
            .product_area = "billing", .handle_minutes = 30, .reopens = 1});
  b.ticket({.id = "c2", .account = "b1", .created = "2026-09-10T00:00:00Z", .channel = "chat", .priority = "high",
            .category = "integrations", .product_area = "integrations", .escalated_to = "tier2",
            .handle_minutes = 60});
  b.ticket({.id = "c3", .account = "b2", .created = "2026-09-20T00:00:00Z", .channel = "chat", .priority = "high",
            .category = "integrations", .product_area = "integrations"});
  b.ticket({.id = "c4", .account = "b2", .created = "2026-09-25T00:00:00Z", .channel = "chat", .priority = "high",
            .category = "integrations", .product_area = "integrations", .escalated_to = "engineering",
            .handle_minutes = 100});
  b.ticket({.id = "c5", .account = "b2", .created = "2026-09-28T00:00:00Z", .category = "how_to"});
  b.ticket({.id = "c6", .account = "b2", .created = "2026-09-29T00:00:00Z", .channel = "", .priority = "",
            .escalated_to = ""});
  b.ticket({.id = "c7", .account = "b1", .created = "2026-10-05T00:00:00Z", .category = "billing",
            .product_area = "billing", .handle_minutes = 0});
  b.ticket({.id = "c8", .account = "b1", .created = "2026-10-31T10:00:00Z", .category = "billing",
            .product_area = "billing", .handle_minutes = 0});
  return b.build();
}

const Period kSeptember{at("2026-09-01"), at("2026-10-01")};

TEST(CostTest, EachTicketIsPricedByTheFormula) {
  const auto world = cost_world();
  const auto costs = ticket_costs(world, cost_config());
  ASSERT_EQ(costs.size(), 8u);
  // Rows are sorted by (account, created_at): b1's c1, c2, c7, c8, then b2's c3, c4, c5, c6.
  const auto& c1 = costs[0];
  EXPECT_DOUBLE_EQ(c1.handling, 30);
  EXPECT_DOUBLE_EQ(c1.rehandle, 6);
  EXPECT_DOUBLE_EQ(c1.direct(), 36);
  EXPECT_DOUBLE_EQ(c1.allocated, 3000.0 * 30 / 305);
  EXPECT_FALSE(c1.estimated());
  EXPECT_DOUBLE_EQ(costs[1].direct(), 75);
  EXPECT_DOUBLE_EQ(costs[1].escalation, 30);
  EXPECT_DOUBLE_EQ(costs[2].allocated, 1500);  // c7: October has no handle time
  EXPECT_DOUBLE_EQ(costs[3].allocated, 1500);
  EXPECT_DOUBLE_EQ(costs[3].direct(), 0);
  const auto& c3 = costs[4];
  EXPECT_EQ(c3.handle_source, HandleSource::kSimilarMedian);
  EXPECT_DOUBLE_EQ(c3.handle_minutes, 80);
  EXPECT_DOUBLE_EQ(c3.direct(), 60);
  EXPECT_DOUBLE_EQ(costs[5].direct(), 275);
  EXPECT_DOUBLE_EQ(costs[5].escalation, 200);
  EXPECT_EQ(costs[6].handle_source, HandleSource::kChannelDefault);
  EXPECT_DOUBLE_EQ(costs[6].direct(), 20);
  EXPECT_EQ(costs[7].handle_source, HandleSource::kFallback);
  EXPECT_DOUBLE_EQ(costs[7].handle_minutes, 15);
  EXPECT_DOUBLE_EQ(costs[7].direct(), 10);
  EXPECT_DOUBLE_EQ(costs[7].allocated, 3000.0 * 15 / 305);
}

TEST(CostTest, PeriodTotalsGroupsAccountsAndPareto) {
  const auto world = cost_world();
  const Dimension by[] = {Dimension::kCategory};
  const auto r = compute_costs(world, cost_config(), kSeptember, by);
  // Direct 36 + 75 + 60 + 275 + 20 + 10 = 476; allocated: all of September's 3000.
  EXPECT_EQ(r.overall.tickets, 6);
  EXPECT_EQ(r.overall.estimated, 3);  // c3, c5, c6
  EXPECT_DOUBLE_EQ(r.overall.direct, 476);
  EXPECT_NEAR(r.overall.allocated, 3000, 1e-9);
  EXPECT_NEAR(r.overall.total, 3476, 1e-9);
  EXPECT_NEAR(r.overall.per_ticket, 3476.0 / 6, 1e-9);
  EXPECT_NEAR(r.overall.handle_hours, 305.0 / 60, 1e-12);
  EXPECT_EQ(r.tickets.size(), 6u);
  // By category: (missing) c6, billing c1, how_to c5, integrations c2 c3 c4.
  ASSERT_EQ(r.groups.size(), 4u);
  EXPECT_EQ(r.groups[0].key[0], "(missing)");
  EXPECT_EQ(r.groups[3].key[0], "integrations");
  // integrations: 410 direct + 3000 × 240 / 305 allocated, over 3 tickets: the costliest per ticket.
  EXPECT_NEAR(r.groups[3].totals.total, 410 + 3000.0 * 240 / 305, 1e-9);
  EXPECT_NEAR(r.groups[3].totals.per_ticket, (410 + 3000.0 * 240 / 305) / 3, 1e-9);
  for (int g = 0; g < 3; ++g) EXPECT_LT(r.groups[static_cast<std::size_t>(g)].totals.per_ticket, r.groups[3].totals.per_ticket);
  // Accounts, costliest first: b2 (365 + 3000 × 215/305, no ARR) then b1 (111 + 3000 × 90/305).
  ASSERT_EQ(r.accounts.size(), 2u);
  EXPECT_EQ(r.accounts[0].account_id, "b2");
  EXPECT_NEAR(r.accounts[0].totals.total, 365 + 3000.0 * 215 / 305, 1e-9);
  EXPECT_DOUBLE_EQ(r.accounts[0].arr, 0);
  EXPECT_TRUE(std::isnan(r.accounts[0].pct_of_arr));
  EXPECT_EQ(r.accounts[1].account_id, "b1");
  EXPECT_DOUBLE_EQ(r.accounts[1].arr, 12000);
  EXPECT_NEAR(r.accounts[1].pct_of_arr, 100 * (111 + 3000.0 * 90 / 305) / 12000, 1e-9);
  // Pareto: integrations×integrations holds 2770.66 / 3476 = 79.7% < 80%, so billing×billing
  // (331.08, to 89.2%) is needed too: 2 cells.
  ASSERT_EQ(r.pareto.size(), 4u);
  EXPECT_EQ(r.pareto[0].category, "integrations");
  EXPECT_NEAR(r.pareto[0].share_pct, 100 * (410 + 3000.0 * 240 / 305) / 3476, 1e-9);
  EXPECT_EQ(r.pareto[1].category, "billing");
  EXPECT_EQ(r.pareto_cells, 2);
  EXPECT_TRUE(r.pareto[1].in_pareto);
  EXPECT_FALSE(r.pareto[2].in_pareto);
  EXPECT_EQ(r.pareto[3].category, "(missing)");
  EXPECT_EQ(r.pareto[3].product_area, "(missing)");
  EXPECT_NEAR(r.pareto[3].cumulative_pct, 100, 1e-9);
}

TEST(CostTest, PeriodWithoutTicketsIsEmpty) {
  const auto r = compute_costs(cost_world(), cost_config(), {at("2027-01-04"), at("2027-01-11")});
  EXPECT_EQ(r.overall.tickets, 0);
  EXPECT_DOUBLE_EQ(r.overall.total, 0);
  EXPECT_TRUE(std::isnan(r.overall.per_ticket));
  EXPECT_TRUE(r.pareto.empty());
  EXPECT_EQ(r.pareto_cells, 0);
}

TEST(CostTest, FixedCostsAreProratedAtTheDataEdges) {
  // The data covers 2026-11-01 to the end of 11-10: 10 of November's 30 days, so 1000 of 3000
  // are shared, 10:30 by handle time.
  test::WorldBuilder b;
  b.account("a", "starter", "na");
  b.ticket({.id = "n1", .account = "a", .created = "2026-11-01T00:00:00Z", .handle_minutes = 10});
  b.ticket({.id = "n2", .account = "a", .created = "2026-11-10T12:00:00Z", .handle_minutes = 30});
  const auto costs = ticket_costs(b.build(), cost_config());
  EXPECT_NEAR(costs[0].allocated, 250, 1e-9);
  EXPECT_NEAR(costs[1].allocated, 750, 1e-9);
}

TEST(CostTest, ArrCountsSubscriptionsActiveAtTheInstant) {
  test::WorldBuilder b;
  b.account("a", "starter", "na");
  b.subscription({.account = "a", .started = "2026-01-01", .ended = "2026-06-01", .mrr = 100});
  b.subscription({.account = "a", .started = "2026-06-01", .mrr = 150});
  const auto w = b.build();
  EXPECT_DOUBLE_EQ(arr_at(w, at("2026-05-31T23:59:59Z"))[0], 1200);
  EXPECT_DOUBLE_EQ(arr_at(w, at("2026-06-01"))[0], 1800);
  EXPECT_DOUBLE_EQ(arr_at(w, at("2025-12-31"))[0], 0);
}

}  // namespace
}  // namespace ticketlens::analysis
