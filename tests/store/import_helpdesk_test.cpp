// Freshdesk and Intercom through the canonical ingest: on freshdesk-api-samples and
// dbt-intercom-seeds, and on hand-written Intercom API JSON (conversations with parts).
#include <gtest/gtest.h>

#include "import_test_support.hpp"

namespace ticketlens::store::test {
namespace {

const fs::path kData = fs::path(TICKETLENS_TEST_DATA) / "importers";

const std::string kTicketCols =
    "account_id, requester_id, created_at, first_response_at, solved_at, status, channel, priority, "
    "category, tags, assignee, team, escalated_to, handle_minutes, replies, reopens, csat";

TEST_F(ImportTest, FreshdeskApiSamplesMapTicketStatsConversationsAndTimeEntries) {
  const fs::path dir = dataset("freshdesk-api-samples");
  if (dir.empty()) GTEST_SKIP() << "dataset freshdesk-api-samples not found under " << TICKETLENS_DATASETS;
  // The sample ticket's requester (embedded in ticket_1.json) is a known user.
  ASSERT_TRUE(store::ingest(*store,
                            {input(model::Kind::kAccounts, "account_id,name,signup_at\nexample-co,Example,2015-01-01\n"),
                             input(model::Kind::kUsers, "user_id,account_id,email\nu-dummy,example-co,dummyname@example.com\n")},
                            {})
                  .committed);
  const auto run = import("freshdesk", {dir / "ticket_1.json", dir / "conversations.json", dir / "time_entries.json",
                                        dir / "agents.json", dir / "groups.json", dir / "contacts.json",
                                        dir / "companies.json", dir / "roles.json"});
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  EXPECT_EQ(count("tickets"), 1);
  // status 2 = open, priority 1 = low, source 2 = portal (web); is_escalated → tier2; time entry
  // 00:15 → 15 minutes; first response from stats (Freshdesk's own figure) over the
  // conversations; one public agent reply (the private note is not one); open: no solved_at.
  EXPECT_EQ(row("tickets", "freshdesk-1", kTicketCols),
            (std::vector<std::string>{"example-co", "u-dummy", "2016-05-18T04:36:04Z", "2020-06-17T20:23:43Z", "",
                                      "open", "web", "low", "Question", "foo;bar", "6010396333", "", "tier2",
                                      "15.0", "1", "", ""}));
  EXPECT_EQ(row("tickets", "freshdesk-1", "subject"), (std::vector<std::string>{"This is a sample ticket"}));
  bool roles_ignored = false, no_reopens = false;
  for (const auto& n : run.imported.notes) {
    roles_ignored |= n.find("roles.json: ignored") != std::string::npos;
    no_reopens |= n.find("reopens are not in the Freshdesk API") != std::string::npos;
  }
  EXPECT_TRUE(roles_ignored);
  EXPECT_TRUE(no_reopens);
}

TEST_F(ImportTest, FreshdeskRequesterWithoutCompanyOrKnownEmailIsRejected) {
  const fs::path dir = dataset("freshdesk-api-samples");
  if (dir.empty()) GTEST_SKIP() << "dataset freshdesk-api-samples not found under " << TICKETLENS_DATASETS;
  const auto run = import("freshdesk", {dir / "all_tickets.json"});
  EXPECT_FALSE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.imported.identity.unmatched, 1);
  ASSERT_EQ(run.result.first_rejects.size(), 1u) << rejects_text(run.result);
  EXPECT_EQ(run.result.first_rejects[0].field, "[0].requester_id");
  EXPECT_NE(run.result.first_rejects[0].reason.find("no account matches requester 5004272351"), std::string::npos)
      << run.result.first_rejects[0].reason;
  EXPECT_EQ(count("tickets"), 0);
}

TEST_F(ImportTest, FreshdeskBadTimeEntryNamesFileLineAndField) {
  const fs::path dir = dataset("freshdesk-api-samples");
  if (dir.empty()) GTEST_SKIP() << "dataset freshdesk-api-samples not found under " << TICKETLENS_DATASETS;
  const auto bad = kData / "freshdesk" / "time_entries_bad.json";
  const auto run = import("freshdesk", {dir / "ticket_1.json", bad});
  EXPECT_FALSE(run.result.committed) << rejects_text(run.result);
  ASSERT_FALSE(run.result.first_rejects.empty());
  EXPECT_EQ(run.result.first_rejects[0].file, bad.string());
  EXPECT_EQ(run.result.first_rejects[0].line, 3);
  EXPECT_EQ(run.result.first_rejects[0].field, "[1].time_spent");
  EXPECT_NE(run.result.first_rejects[0].reason.find("'a quarter hour' is not hh:mm"), std::string::npos)
      << run.result.first_rejects[0].reason;
  EXPECT_EQ(count("tickets"), 0);
}

TEST_F(ImportTest, IntercomConversationPartsGiveFirstReplyResolutionRepliesAndReopens) {
  seed_known_customer();  // account acme, user u-carla <carla@acme.io>
  const auto dir = kData / "intercom";
  const auto run = import("intercom", {dir / "conversations.json", dir / "contacts.json", dir / "companies.json",
                                       dir / "admins.json"});
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  // 9001: admin comment 11:00 (first reply), close 12:00, reopened by the user next day 09:00,
  // admin comment 10:00 (the note at 09:30 is not a reply), close 11:00 (solved_at).
  EXPECT_EQ(row("tickets", "intercom-9001", kTicketCols),
            (std::vector<std::string>{"acme", "u-carla", "2025-10-01T10:00:00Z", "2025-10-01T11:00:00Z",
                                      "2025-10-02T11:00:00Z", "solved", "chat", "high", "", "export;bug",
                                      "Ada Agent", "5", "", "", "2", "1", "4"}));
  // 9002: no parts, so the conversation statistics; Globex is unknown, so its company becomes
  // an account.
  EXPECT_EQ(row("tickets", "intercom-9002", "account_id, requester_id, first_response_at, solved_at, status, reopens"),
            (std::vector<std::string>{"intercom-company-co-2", "intercom-contact-c-2", "2025-10-03T08:30:00Z", "",
                                      "open", "0"}));
  EXPECT_EQ(row("accounts", "intercom-company-co-2", "name, industry, signup_at"),
            (std::vector<std::string>{"Globex", "Retail", "2025-06-01T00:00:00Z"}));
}

TEST_F(ImportTest, IntercomBadCreatedAtIsRejectedWithFileAndLine) {
  const auto bad = kData / "intercom" / "conversations_bad.json";
  const auto run = import("intercom", {bad});
  EXPECT_FALSE(run.result.committed) << rejects_text(run.result);
  ASSERT_EQ(run.result.first_rejects.size(), 1u) << rejects_text(run.result);
  EXPECT_EQ(run.result.first_rejects[0].file, bad.string());
  EXPECT_EQ(run.result.first_rejects[0].line, 2);
  EXPECT_EQ(run.result.first_rejects[0].field, "conversations[0].created_at");
  EXPECT_NE(run.result.first_rejects[0].reason.find("'last tuesday' is not a time"), std::string::npos);
  EXPECT_EQ(count("accounts"), 0);
  EXPECT_EQ(count("tickets"), 0);
}

TEST_F(ImportTest, IntercomDbtSeedsMapTheLatestConversationVersions) {
  const fs::path dir = dataset("dbt-intercom-seeds");
  if (dir.empty()) GTEST_SKIP() << "dataset dbt-intercom-seeds not found under " << TICKETLENS_DATASETS;
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(dir))
    if (f.path().extension() == ".csv" && f.path().stem().string().find("snowflake") == std::string::npos)
      files.push_back(f.path());
  std::sort(files.begin(), files.end());
  const auto run = import("intercom", files);
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  // Two conversations (three versions each; the latest is closed), both from contact
  // 5f7295ca37f0d717d37dfddb, who is in no contact or company table: an account of its own.
  EXPECT_EQ(count("tickets"), 2);
  const std::string cols = "account_id, created_at, status, priority, assignee, first_response_at, solved_at";
  EXPECT_EQ(row("tickets", "intercom-156643300001311", cols),
            (std::vector<std::string>{"intercom-contact-5f7295ca37f0d717d37dfddb", "2020-10-28T23:59:37Z", "solved",
                                      "normal", "auagZ02LBDUvzR4sWgQgTw==", "", ""}));
  EXPECT_EQ(row("tickets", "intercom-156643300001372", "account_id, created_at, status"),
            (std::vector<std::string>{"intercom-contact-5f7295ca37f0d717d37dfddb", "2020-11-04T03:12:03Z", "solved"}));
  // The seeds' parts belong to other conversations (ids 5, 11, 12, 13, 27): none joins, so no
  // first response or solved_at can be derived.
  bool no_handle = false;
  for (const auto& n : run.imported.notes) no_handle |= n.find("no handle time") != std::string::npos;
  EXPECT_TRUE(no_handle);
}

}  // namespace
}  // namespace ticketlens::store::test
