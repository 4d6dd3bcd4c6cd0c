// /api/retention/accounts through a real server: the accounts behind each number of
// /api/retention (a survival group, a cohort cell, a category's hazard ratio), by hand on the
// two-account company and against every group and cell of /api/retention on the small demo.
#include <gtest/gtest.h>

#include <set>

#include "server_test_support.hpp"

namespace ticketlens::server::test {
namespace {

std::set<std::string> ids(const nlohmann::json& j) {
  std::set<std::string> out;
  for (const auto& a : j["accounts"]) out.insert(a["account_id"].get<std::string>());
  return out;
}

TEST_F(ServerTest, RetentionAccountsOfAGroupACohortCellAndACategory) {
  // a2 (smb) churned on Oct 1; a1 (enterprise) is still subscribed.
  auto [status, smb] = get("/api/retention/accounts?by=tier&group=smb");
  ASSERT_EQ(status, 200) << smb;
  EXPECT_EQ(smb["total"], 1);
  EXPECT_EQ(smb["churned"], 1);
  EXPECT_EQ(smb["accounts"][0]["account_id"], "a2");
  EXPECT_EQ(smb["accounts"][0]["churned_at"], "2026-10-01T00:00:00Z");
  EXPECT_EQ(smb["selection"], (nlohmann::json{{"by", "tier"}, {"group", "smb"}}));
  const auto all = get("/api/retention/accounts?by=all&group=%28all%29").second;
  EXPECT_EQ(ids(all), (std::set<std::string>{"a1", "a2"}));
  EXPECT_EQ(all["accounts"][0]["account_id"], "a2");  // churned first
  const auto page = get("/api/retention/accounts?by=all&group=%28all%29&limit=1&offset=1").second;
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["accounts"].size(), 1U);
  EXPECT_EQ(page["accounts"][0]["account_id"], "a1");
  // Signup month 2026-02 at 6 months (Aug 2): a2 still subscribed then; at 12 months not yet eligible.
  const auto feb6 = get("/api/retention/accounts?cohort=2026-02&horizon=6").second;
  EXPECT_EQ(ids(feb6), std::set<std::string>{"a2"});
  EXPECT_EQ(feb6["eligible"], 1);
  EXPECT_EQ(feb6["retained"], 1);
  EXPECT_EQ(feb6["accounts"][0]["retained"]["6"], true);
  EXPECT_TRUE(feb6["accounts"][0]["retained"]["12"].is_null());
  EXPECT_EQ(get("/api/retention/accounts?cohort=2026-02&horizon=12").second["total"], 0);
  // Neither account had a ticket in its first 90 days: both are in the support segment "none".
  EXPECT_EQ(ids(get("/api/retention/accounts?segment=support&key=none").second),
            (std::set<std::string>{"a1", "a2"}));
  EXPECT_EQ(ids(get("/api/retention/accounts?segment=region&key=us").second), std::set<std::string>{"a2"});
  // A billing ticket in the trailing 90 days: a1 (Nov 10) and a2 (Sep 15), who churned 16 days later.
  const auto billing = get("/api/retention/accounts?category=billing").second;
  EXPECT_EQ(ids(billing), (std::set<std::string>{"a1", "a2"}));
  EXPECT_EQ(billing["churned_while_exposed"], 1);
  EXPECT_EQ(billing["accounts"][0]["account_id"], "a2");
  EXPECT_EQ(billing["accounts"][0]["churned_while_exposed"], true);
  const auto login = get("/api/retention/accounts?category=login").second;
  EXPECT_EQ(ids(login), std::set<std::string>{"a1"});
  EXPECT_EQ(login["churned_while_exposed"], 0);
  // as_of before a2's churn: nobody has churned.
  EXPECT_EQ(get("/api/retention/accounts?by=tier&group=smb&as_of=2026-09-01").second["churned"], 0);
}

TEST_F(ServerTest, RetentionAccountsRejectBadSelections) {
  for (const char* path :
       {"/api/retention/accounts", "/api/retention/accounts?by=tier", "/api/retention/accounts?group=smb",
        "/api/retention/accounts?by=colour&group=x", "/api/retention/accounts?by=tier&group=smb&cohort=2026-01",
        "/api/retention/accounts?by=tier&group=smb&horizon=6", "/api/retention/accounts?cohort=2026-01&horizon=7",
        "/api/retention/accounts?segment=plan&key=x", "/api/retention/accounts?segment=tier",
        "/api/retention/accounts?category=billing&limit=0", "/api/retention/accounts?category=billing&as_of=soon",
        "/api/retention/accounts?category=billing&sql=1"}) {
    const auto [status, j] = get(path);
    EXPECT_EQ(status, 400) << path << ' ' << j;
    EXPECT_EQ(j["error"], "bad_request") << path;
  }
  for (const char* path : {"/api/retention/accounts?by=tier&group=gold", "/api/retention/accounts?cohort=1999-01",
                           "/api/retention/accounts?category=nope", "/api/retention/accounts?segment=tier&key=x"}) {
    const auto [status, j] = get(path);
    EXPECT_EQ(status, 404) << path << ' ' << j;
    EXPECT_FALSE(j.value("detail", "").empty()) << path;
  }
}

}  // namespace
}  // namespace ticketlens::server::test
