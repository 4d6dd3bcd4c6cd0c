// ravenstack-saas-linked (accounts, subscriptions, feature usage, tickets, churn events keyed
// by account) through the canonical ingest.
#include <gtest/gtest.h>

#include "import_test_support.hpp"

namespace ticketlens::store::test {
namespace {

TEST_F(ImportTest, RavenstackLinkedTablesMapToAccountsSubscriptionsEventsAndTickets) {
  const fs::path dir = dataset("ravenstack-saas-linked");
  if (dir.empty()) GTEST_SKIP() << "dataset ravenstack-saas-linked not found under " << TICKETLENS_DATASETS;
  const auto run = import("ravenstack", {dir / "ravenstack_accounts.csv", dir / "ravenstack_feature_usage.csv",
                                         dir / "ravenstack_subscriptions.csv", dir / "ravenstack_support_tickets.csv",
                                         dir / "ravenstack_churn_events.csv"});
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  EXPECT_EQ(count("accounts"), 500);
  EXPECT_EQ(count("subscriptions"), 4222);  // 5,000 less 778 trials
  EXPECT_EQ(run.imported.skipped.at("trial subscriptions (trials are not revenue)"), 778);
  EXPECT_EQ(count("events"), 25000);  // every usage row (21 usage_ids repeat with other content)
  EXPECT_EQ(count("tickets"), 2000);
  EXPECT_EQ(row("accounts", "A-2e4581", "name, tier, region, industry, signup_at"),
            (std::vector<std::string>{"Company_0", "Basic", "US", "EdTech", "2024-10-16T00:00:00Z"}));
  EXPECT_EQ(row("subscriptions", "S-8cec59", "account_id, started_at, ended_at, mrr, plan"),
            (std::vector<std::string>{"A-3c1a3f", "2023-12-23T00:00:00Z", "2024-04-12T00:00:00Z", "2786.0",
                                      "Enterprise"}));
  // Submitted 2023-07-27, first response after 74 minutes, resolved after 27 hours.
  EXPECT_EQ(row("tickets", "T-0024de", "account_id, created_at, first_response_at, solved_at, status, priority, "
                                       "csat, escalated_to"),
            (std::vector<std::string>{"A-712f1c", "2023-07-27T00:00:00Z", "2023-07-27T01:14:00Z",
                                      "2023-07-28T03:00:00Z", "solved", "high", "", "none"}));
  EXPECT_EQ(row("tickets", "T-60242d", "priority, csat, escalated_to"),
            (std::vector<std::string>{"low", "4", "tier2"}));
  bool churn_note = false;
  for (const auto& n : run.imported.notes) churn_note |= n.find("600 churn events not mapped") != std::string::npos;
  EXPECT_TRUE(churn_note);
}

}  // namespace
}  // namespace ticketlens::store::test
