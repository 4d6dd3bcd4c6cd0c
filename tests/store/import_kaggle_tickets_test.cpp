// kaggle-customer-support-tickets (customer_support_tickets.csv: a ticket per row with its
// customer) through the canonical ingest. Expected counts from pandas on the same file.
#include <gtest/gtest.h>

#include "import_test_support.hpp"

namespace ticketlens::store::test {
namespace {

TEST_F(ImportTest, KaggleTicketsMapCustomersToAccountsAndKeepTheirText) {
  const fs::path dir = dataset("kaggle-customer-support-tickets");
  if (dir.empty()) GTEST_SKIP() << "dataset kaggle-customer-support-tickets not found under " << TICKETLENS_DATASETS;
  const auto run = import("kaggle-tickets", {dir / "customer_support_tickets.csv"});
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  // 8,469 rows; the 2,819 open tickets have no time at all and are skipped, counted.
  EXPECT_EQ(count("tickets"), 5650);
  EXPECT_EQ(run.imported.skipped.at("tickets with no time at all (the export gives none for open tickets)"), 2819);
  EXPECT_EQ(count("accounts"), 5589);  // distinct emails of the tickets kept
  EXPECT_EQ(count("users"), 5589);
  EXPECT_EQ(run.imported.identity.matched.at("organization"), 5589);
  // Ticket 3: closed, low, social media, resolved 6 h 51 min after its first response, CSAT 3.0.
  EXPECT_EQ(row("tickets", "kaggle-3", "account_id, requester_id, created_at, solved_at, status, priority, channel, "
                                       "category, product_area, subject, csat"),
            (std::vector<std::string>{"kaggle-customer-gonzalestracy@example.com", "kaggle-user-gonzalestracy@example.com",
                                      "2023-06-01T11:14:38Z", "2023-06-01T18:05:38Z", "solved", "low", "social",
                                      "technical_issue", "Dell XPS", "Network problem", "3"}));
  EXPECT_EQ(row("tickets", "kaggle-1", "status, priority, solved_at, csat"),
            (std::vector<std::string>{"pending", "urgent", "", ""}));
  EXPECT_EQ(row("accounts", "kaggle-customer-gonzalestracy@example.com", "signup_at"),
            (std::vector<std::string>{"2020-07-14T00:00:00Z"}));
  bool before_note = false;
  for (const auto& n : run.imported.notes)
    before_note |= n.find("1365 tickets resolved before their first response") != std::string::npos;
  EXPECT_TRUE(before_note);
  // Descriptions keep their embedded newlines (quoted CSV fields).
  auto s = store->db().prepare("SELECT body FROM tickets WHERE ticket_id = 'kaggle-3'");
  ASSERT_TRUE(s.step());
  EXPECT_NE(s.column_text(0).find('\n'), std::string::npos);

  // The same file again changes nothing.
  const auto again = import("kaggle-tickets", {dir / "customer_support_tickets.csv"});
  ASSERT_TRUE(again.result.committed);
  EXPECT_EQ(count("tickets"), 5650);
  std::int64_t inserted = 0;
  for (const auto& f : again.result.files) inserted += f.inserted + f.updated;
  EXPECT_EQ(inserted, 0);
}

TEST_F(ImportTest, KaggleTicketsWithoutAnEmailAreRejectedWithTheirLine) {
  const TempDir tmp;
  const fs::path file = tmp.path() / "customer_support_tickets.csv";
  write_file(file,
             "Ticket ID,Customer Name,Customer Email,Date of Purchase,Ticket Type,Ticket Subject,Ticket Description,"
             "Ticket Status,Ticket Priority,Ticket Channel,First Response Time,Time to Resolution,"
             "Customer Satisfaction Rating\n"
             "1,Ann,ann@example.com,2021-01-02,Billing inquiry,Refund,\"It broke.\nHelp\",Closed,High,Chat,"
             "2023-06-01 10:00:00,2023-06-01 12:00:00,4.0\n"
             "2,Bob,,2021-01-02,Billing inquiry,Refund,x,Closed,High,Chat,2023-06-01 10:00:00,,\n"
             "3,Cy,cy@example.com,2021-01-02,Billing inquiry,Refund,x,Closed,High,Chat,yesterday,,\n"
             "4,Di,di@example.com,2021-01-02,Billing inquiry,Refund,x,Closed,High,Chat,2023-06-01 10:00:00,,five\n");
  const auto run = import("kaggle-tickets", {file});
  EXPECT_FALSE(run.result.committed);
  EXPECT_EQ(run.result.total_rejected, 3) << rejects_text(run.result);
  ASSERT_EQ(run.result.first_rejects.size(), 3u);
  EXPECT_EQ(run.result.first_rejects[0].line, 4);  // record 2 starts on line 4 (record 1 spans 2-3)
  EXPECT_EQ(run.result.first_rejects[0].field, "Customer Email");
  EXPECT_EQ(run.result.first_rejects[1].line, 5);
  EXPECT_EQ(run.result.first_rejects[1].field, "First Response Time");
  EXPECT_EQ(run.result.first_rejects[2].line, 6);
  EXPECT_EQ(run.result.first_rejects[2].field, "Customer Satisfaction Rating");
  EXPECT_EQ(count("tickets"), 0);
}

}  // namespace
}  // namespace ticketlens::store::test
