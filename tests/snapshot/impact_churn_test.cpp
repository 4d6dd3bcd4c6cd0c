// The 90-day churn split of the Impact layer with its intervals, against Newcombe (1998), whose
// worked example 56/70 vs 48/80 gives the difference 0.2 with the hybrid-score interval
// 0.0524 to 0.3339 (method 10, Table II).
#include <gtest/gtest.h>

#include <string>

#include "../analysis/world_builder.hpp"
#include "ticketlens/snapshot/impact.hpp"

namespace ticketlens::snapshot {
namespace {

TEST(ImpactChurnTest, DifferenceHasNewcombesInterval) {
  test::WorldBuilder b;
  int n = 0;
  auto add = [&](bool supported, bool churned) {
    const std::string id = "a" + std::to_string(++n);
    b.account(id, "starter", "na", "2025-01-01");
    b.subscription({id, "2025-01-01", churned ? "2025-11-01" : "", 100});
    if (supported) {
      test::TicketSpec t;
      t.id = "t" + id;
      t.account = id;
      t.created = "2025-09-01";
      b.ticket(t);
    }
  };
  for (int i = 0; i < 70; ++i) add(true, i < 56);
  for (int i = 0; i < 80; ++i) add(false, i < 48);
  const auto w = b.build();
  const auto c = churn_90d(w, test::at("2026-01-01"));
  EXPECT_EQ(c.supported.accounts, 70);
  EXPECT_EQ(c.unsupported.churned, 48);
  EXPECT_NEAR(c.difference, 20.0, 1e-9);
  EXPECT_NEAR(c.difference_lower, 5.24, 0.005);
  EXPECT_NEAR(c.difference_upper, 33.39, 0.005);
  // Wilson interval of 56/70 (R: prop.test(56, 70, correct = FALSE)$conf.int = 0.6918336 0.8769526)
  EXPECT_NEAR(c.supported.lower, 69.18336, 0.0001);
  EXPECT_NEAR(c.supported.upper, 87.69526, 0.0001);
}

}  // namespace
}  // namespace ticketlens::snapshot
