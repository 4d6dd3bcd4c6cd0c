// The real binary on other people's data: `ingest --source` into a workspace, and
// `stats cox` on public churn tables cross-checked with R's survival::coxph.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "e2e_support.hpp"

namespace {

using namespace ticketlens::e2e;

// A workspace made by `init` in a temporary folder.
class Workspace {
 public:
  Workspace() { EXPECT_EQ(run(fmt::format("init --workspace {}", dir_.str())).exit_code, 0); }
  [[nodiscard]] std::string str() const { return dir_.str(); }

 private:
  TempDir dir_;
};

fs::path dataset(const std::string& name) {
  const fs::path dir = fs::path(TICKETLENS_DATASETS) / name;
  return fs::is_directory(dir) ? dir : fs::path();
}

const fs::path kZendesk = fs::path(TICKETLENS_TEST_DATA) / "importers" / "zendesk";

TEST(ImportE2eTest, ZendeskSourceLandsAndReportsIdentityAndWhatIsMissing) {
  Workspace ws;
  // The workspace knows Acme and its user Carla: ticket 101's requester matches by email.
  TempDir canonical;
  write(canonical.path() / "accounts.csv", "account_id,name,signup_at\nacme,Acme,2025-06-01\n");
  write(canonical.path() / "users.csv", "user_id,account_id,email\nu-carla,acme,carla@acme.io\n");
  ASSERT_EQ(run(fmt::format("ingest --workspace {0} {1}/accounts.csv {1}/users.csv", ws.str(), canonical.str())).exit_code, 0);
  const std::string files = fmt::format("{0}/tickets.json {0}/users.json {0}/organizations.json {0}/ticket_audits.json",
                                        kZendesk.string());
  const auto r = run(fmt::format("ingest --workspace {} --source zendesk {}", ws.str(), files));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("identities matched 2 (1 by email, 1 by organization), unmatched 0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("skipped 1 deleted tickets"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no handle time"), std::string::npos) << r.out;
  const auto again = run(fmt::format("ingest --workspace {} --source zendesk --format json {}", ws.str(), files), false);
  ASSERT_EQ(again.exit_code, 0) << again.out;
  const auto j = nlohmann::json::parse(again.out);
  EXPECT_EQ(j["import"]["identity"]["unmatched"], 0);
  for (const auto& f : j["files"]) {
    EXPECT_EQ(f["inserted"], 0) << f.dump();
    EXPECT_EQ(f["format"], "zendesk");
  }
}

TEST(ImportE2eTest, UnknownSourceAndTruncatedJsonAreClearErrors) {
  Workspace ws;
  const auto unknown = run(fmt::format("ingest --workspace {} --source helpscout {}/tickets.json", ws.str(), kZendesk.string()));
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("unknown --source 'helpscout'; use one of: zendesk, freshdesk, intercom, stripe, segment, amplitude, posthog, eventlog"), std::string::npos) << unknown.out;
  const auto truncated = run(fmt::format("ingest --workspace {} --source zendesk {}/tickets_truncated.json", ws.str(), kZendesk.string()));
  EXPECT_NE(truncated.exit_code, 0);
  EXPECT_NE(truncated.out.find("tickets_truncated.json:10:"), std::string::npos) << truncated.out;
}

// Data no one here wrote, through ingest and snapshot: the report says what each source lacks.
TEST(ImportE2eTest, KaggleTicketsSnapshotSaysWhatTheExportLacks) {
  const fs::path dir = dataset("kaggle-customer-support-tickets");
  if (dir.empty()) GTEST_SKIP() << "dataset kaggle-customer-support-tickets absent (../shared/datasets)";
  Workspace ws;
  const auto in = run(fmt::format("ingest --workspace {} --source kaggle-tickets {}/customer_support_tickets.csv",
                                  ws.str(), dir.string()));
  ASSERT_EQ(in.exit_code, 0) << in.out;
  EXPECT_NE(in.out.find("skipped 2819 tickets with no time at all"), std::string::npos) << in.out;
  // Every ticket time falls in 2023-05-31 .. 2023-06-02: ISO week 2023-W22.
  const auto md = run(fmt::format("snapshot --workspace {} --week 2023-W22 --format md --no-store", ws.str()), false);
  ASSERT_EQ(md.exit_code, 0) << md.out;
  EXPECT_NE(md.out.find("- Tickets: **5650**"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("## Data coverage"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("- No ticket has handle_minutes: agent cost is estimated"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("estimated here: 5650 from the channel default"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("- No ticket has first_response_at: first response times are n/a."), std::string::npos);
  EXPECT_NE(md.out.find("- No subscriptions: ARR, exposed ARR, NRR, churn and retention are n/a."), std::string::npos);
  EXPECT_NE(md.out.find("- No events: "), std::string::npos);
  EXPECT_EQ(md.out.find("have no category"), std::string::npos) << "every ticket keeps its type";
  EXPECT_EQ(md.out.find("have no subject"), std::string::npos) << "every ticket keeps its subject";
  EXPECT_NE(md.out.find("- Emerging themes (against"), std::string::npos) << md.out;
  // 150 Pareto cells make 80% of a cost spread evenly over 5 types × 42 products: 15 are shown.
  EXPECT_NE(md.out.find("The first 15 of "), std::string::npos) << md.out;
}

TEST(ImportE2eTest, RavenstackSnapshotSaysWhatTheLinkedTablesLack) {
  const fs::path dir = dataset("ravenstack-saas-linked");
  if (dir.empty()) GTEST_SKIP() << "dataset ravenstack-saas-linked absent (../shared/datasets)";
  Workspace ws;
  const auto in = run(fmt::format("ingest --workspace {0} --source ravenstack {1}/ravenstack_accounts.csv "
                                  "{1}/ravenstack_subscriptions.csv {1}/ravenstack_feature_usage.csv "
                                  "{1}/ravenstack_support_tickets.csv {1}/ravenstack_churn_events.csv",
                                  ws.str(), dir.string()));
  ASSERT_EQ(in.exit_code, 0) << in.out;
  const auto j = run(fmt::format("snapshot --workspace {} --month 2024-11 --format json --no-store", ws.str()), false);
  ASSERT_EQ(j.exit_code, 0) << j.out;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["signals"]["tickets"]["count"], 84);  // docs/importers.md
  std::string gaps;
  for (const auto& g : doc["data_coverage"]["gaps"]) gaps += g["text"].get<std::string>() + "\n";
  EXPECT_NE(gaps.find("No ticket has handle_minutes: agent cost is estimated"), std::string::npos) << gaps;
  EXPECT_NE(gaps.find("No ticket has category: "), std::string::npos) << gaps;
  EXPECT_NE(gaps.find("No ticket has channel: "), std::string::npos) << gaps;
  EXPECT_EQ(gaps.find("No subscriptions"), std::string::npos) << gaps;
  EXPECT_EQ(gaps.find("No events"), std::string::npos) << gaps;
  // No text: no themes, and the report says so in both places.
  EXPECT_NE(gaps.find("No ticket has subject: there are no emerging themes"), std::string::npos) << gaps;
  const auto md = run(fmt::format("snapshot --workspace {} --month 2024-11 --format md --no-store", ws.str()), false);
  EXPECT_NE(md.out.find("- Emerging themes: not computed (none of the period's 84 tickets has a subject)."),
            std::string::npos) << md.out;
  EXPECT_EQ(doc["data_coverage"]["tables"]["subscriptions"], 4222);
}

// R 4.x, survival::coxph(Surv(tenure, Churn == "Yes") ~ numAdminTickets + numTechTickets,
// ties = "efron") on all 7,043 rows of 02_Churn-Dataset.csv:
//   numAdminTickets coef -0.02444367728 se 0.01893505922 HR 0.975852650 (0.9403005588-1.012748940)
//   numTechTickets  coef  0.18527342024 se 0.01090038959 HR 1.203547469 (1.1781071605-1.229537142)
TEST(ImportE2eTest, TelcoChurnCoxMatchesR) {
  const fs::path dir = dataset("telco-churn-with-tickets");
  if (dir.empty()) GTEST_SKIP() << "dataset telco-churn-with-tickets absent (../shared/datasets)";
  const auto r = run(fmt::format("stats cox --csv {}/02_Churn-Dataset.csv --time tenure --event Churn "
                                 "--covariates numAdminTickets,numTechTickets --format json",
                                 dir.string()), false);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["n"], 7043);
  const auto& c = j["coefficients"];
  EXPECT_NEAR(c[0]["coef"].get<double>(), -0.02444367728, 1e-6);
  EXPECT_NEAR(c[0]["se"].get<double>(), 0.01893505922, 1e-6);
  EXPECT_NEAR(c[1]["coef"].get<double>(), 0.18527342024, 1e-6);
  EXPECT_NEAR(c[1]["se"].get<double>(), 0.01090038959, 1e-6);
  EXPECT_NEAR(c[1]["hr"].get<double>(), 1.203547469, 1e-6);
  EXPECT_NEAR(c[1]["lower"].get<double>(), 1.1781071605, 1e-6);
  EXPECT_NEAR(c[1]["upper"].get<double>(), 1.229537142, 1e-6);
}

// R: coxph(Surv(Account.length, Churn) ~ Customer.service.calls, ties = "efron") on
// churn-bigml-80.csv (2,661 rows, 386 churned; Churn read as logical):
//   coef 0.3020933671 se 0.0305843733 HR 1.352687517 (1.273984126-1.436252998)
TEST(ImportE2eTest, BigmlTelecomChurnCoxMatchesR) {
  const fs::path dir = dataset("churn-bigml-telecom");
  if (dir.empty()) GTEST_SKIP() << "dataset churn-bigml-telecom absent (../shared/datasets)";
  const auto r = run(fmt::format("stats cox --csv {}/churn-bigml-80.csv --time 'Account length' --event Churn "
                                 "--covariates 'Customer service calls' --format json",
                                 dir.string()), false);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  const auto& c = j["coefficients"][0];
  EXPECT_NEAR(c["coef"].get<double>(), 0.3020933671, 1e-6);
  EXPECT_NEAR(c["se"].get<double>(), 0.0305843733, 1e-6);
  EXPECT_NEAR(c["hr"].get<double>(), 1.352687517, 1e-6);
  EXPECT_NEAR(c["lower"].get<double>(), 1.273984126, 1e-6);
  EXPECT_NEAR(c["upper"].get<double>(), 1.436252998, 1e-6);
}

}  // namespace
