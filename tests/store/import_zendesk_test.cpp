// Zendesk through the canonical ingest: mapping, derived metrics, identity, atomicity,
// idempotency and lineage, on hand-written API JSON and on the Fivetran seeds of dbt_zendesk.
#include <gtest/gtest.h>

#include "import_test_support.hpp"

namespace ticketlens::store::test {
namespace {

const fs::path kData = fs::path(TICKETLENS_TEST_DATA) / "importers" / "zendesk";

std::vector<fs::path> api_files() {
  return {kData / "tickets.json", kData / "users.json", kData / "organizations.json",
          kData / "groups.json", kData / "ticket_audits.json"};
}

TEST_F(ImportTest, ZendeskApiJsonMapsTicketsAndDerivesMetricsFromAudits) {
  seed_known_customer();  // account acme, user u-carla <carla@acme.io>
  const auto run = import("zendesk", api_files());
  ASSERT_TRUE(run.result.committed);
  EXPECT_EQ(run.result.total_rejected, 0);
  EXPECT_EQ(run.imported.skipped.begin()->second, 1);  // the deleted ticket
  // 101: requester matched to the known user by email (case-insensitive).
  auto t = row("tickets", "zendesk-101",
               "account_id, requester_id, first_response_at, solved_at, replies, reopens, status, "
               "channel, priority, category, tags, assignee, team");
  EXPECT_EQ(t, (std::vector<std::string>{"acme", "u-carla", "2026-10-01T12:00:00Z",
                                         "2026-10-03T10:00:00Z", "2", "1", "solved", "email", "high",
                                         "incident", "import;csv", "Ada Agent", "Tier 1"}));
  // 102: Globex is unknown to the workspace, so its organisation becomes an account.
  EXPECT_EQ(row("tickets", "zendesk-102", "account_id, requester_id, first_response_at, solved_at"),
            (std::vector<std::string>{"zendesk-org-3001", "zendesk-user-9002", "", ""}));
  EXPECT_EQ(row("accounts", "zendesk-org-3001", "name, signup_at"),
            (std::vector<std::string>{"Globex", "2026-02-01T00:00:00Z"}));
  EXPECT_EQ(run.imported.identity.matched.at("email"), 1);
  EXPECT_EQ(run.imported.identity.matched.at("organization"), 1);
  EXPECT_EQ(run.imported.identity.unmatched, 0);
}

TEST_F(ImportTest, ZendeskReimportChangesNothingAndLogsLineage) {
  seed_known_customer();
  ASSERT_TRUE(import("zendesk", api_files()).result.committed);
  const auto again = import("zendesk", api_files());
  ASSERT_TRUE(again.result.committed);
  EXPECT_FALSE(again.result.changed());
  for (const auto& f : again.result.files) {
    EXPECT_EQ(f.format, "zendesk");
    EXPECT_EQ(f.sha256.size(), 64u);
    EXPECT_GT(f.unchanged, 0) << f.label;
  }
  const auto log = store->ingest_log();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.front().format, "zendesk");
  EXPECT_EQ(log.front().path.rfind("zendesk ", 0), 0u) << log.front().path;
}

TEST_F(ImportTest, ZendeskUnmatchedRequesterIsRejectedAndCounted) {
  // No organisation, no known user and "organization" left out of the order: nothing matches.
  ingest::ImportOptions options;
  options.identity_order = {ingest::MatchMethod::kEmail, ingest::MatchMethod::kDomain};
  const auto run = import("zendesk", {kData / "tickets.json", kData / "users.json"}, options);
  EXPECT_FALSE(run.result.committed);
  EXPECT_EQ(run.imported.identity.unmatched, 2);
  ASSERT_FALSE(run.imported.identity.unmatched_examples.empty());
  EXPECT_NE(run.imported.identity.unmatched_examples[0].find("Carla@Acme.io"), std::string::npos)
      << run.imported.identity.unmatched_examples[0];
  ASSERT_FALSE(run.result.first_rejects.empty());
  const auto& r = run.result.first_rejects[0];
  EXPECT_EQ(r.file, (kData / "tickets.json").string());
  EXPECT_EQ(r.line, 3);
  EXPECT_EQ(r.field, "tickets[0].requester_id");
  EXPECT_EQ(count("tickets"), 0);
}

TEST_F(ImportTest, ZendeskBadTypesNameFileLineAndFieldAndLandNothing) {
  seed_known_customer();
  const auto run = import("zendesk", {kData / "tickets_bad_types.json", kData / "users.json"});
  EXPECT_FALSE(run.result.committed);
  ASSERT_EQ(run.result.first_rejects.size(), 2u);
  const auto label = (kData / "tickets_bad_types.json").string();
  EXPECT_EQ(run.result.first_rejects[0].file, label);
  EXPECT_EQ(run.result.first_rejects[0].line, 4);
  EXPECT_EQ(run.result.first_rejects[0].field, "tickets[1].id");
  EXPECT_NE(run.result.first_rejects[0].reason.find("not object"), std::string::npos);
  EXPECT_EQ(run.result.first_rejects[1].line, 5);
  EXPECT_EQ(run.result.first_rejects[1].field, "created_at");
  EXPECT_EQ(count("tickets"), 0);
  EXPECT_EQ(count("users"), 1);  // only the seeded one
}

TEST_F(ImportTest, ZendeskTruncatedJsonIsAnErrorWithTheLine) {
  try {
    import("zendesk", {kData / "tickets_truncated.json"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDataRejected);
    const std::string what = e.what();
    EXPECT_NE(what.find("tickets_truncated.json:10:"), std::string::npos) << what;
  }
  EXPECT_EQ(count("tickets"), 0);
}

TEST_F(ImportTest, ZendeskFivetranSeedsOfDbtZendesk) {
  const fs::path dir = dataset("dbt-zendesk-seeds");
  if (dir.empty()) GTEST_SKIP() << "dataset dbt-zendesk-seeds absent (../shared/datasets)";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".csv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  const auto run = import("zendesk", files);
  ASSERT_TRUE(run.result.committed)
      << (run.result.first_rejects.empty() ? std::string()
                                           : run.result.first_rejects[0].file + ":" +
                                                 std::to_string(run.result.first_rejects[0].line) + ": " +
                                                 run.result.first_rejects[0].field + ": " +
                                                 run.result.first_rejects[0].reason);
  // 10 tickets, 2 deleted (excluded as dbt_zendesk does).
  EXPECT_EQ(count("tickets"), 8);
  EXPECT_EQ(run.imported.skipped.begin()->second, 2);
  // 11071 has no organization_id; its requester 2222 belongs to organisation 370297696174,
  // which is not in organization_data: the account signs up at its first ticket.
  EXPECT_EQ(row("accounts", "zendesk-org-370297696174", "signup_at"),
            (std::vector<std::string>{"2020-08-28T18:06:36Z"}));
  // 11071: status history open → pending → on-hold ... → solved (2020-11-14) → closed; never
  // reopened after a solve; the requester has no organisation on the ticket but his own.
  EXPECT_EQ(row("tickets", "zendesk-11071", "solved_at, reopens, status, priority, account_id"),
            (std::vector<std::string>{"2020-11-14T11:01:27Z", "0", "closed", "urgent",
                                      "zendesk-org-370297696174"}));
  EXPECT_EQ(row("tickets", "zendesk-16988", "channel, status"),
            (std::vector<std::string>{"email", "solved"}));
}


}  // namespace
}  // namespace ticketlens::store::test
