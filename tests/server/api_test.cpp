// The JSON API through a real server and a real HTTP client: every route, auth, parameters,
// static files, body limits and ingest over HTTP.
#include <gtest/gtest.h>

#include <numeric>

#include "server_test_support.hpp"

namespace ticketlens::server::test {
namespace {

double sum(const nlohmann::json& array) {
  double s = 0;
  for (const auto& x : array) s += x.get<double>();
  return s;
}

std::string concrete_path(const std::string& pattern) {
  std::string p = pattern;
  if (auto i = p.find("{id}"); i != std::string::npos) p.replace(i, 4, "a1");
  if (auto i = p.find("{kind}"); i != std::string::npos) p.replace(i, 6, "accounts");
  return p;
}

TEST_F(ServerTest, EveryApiRouteRefusesAMissingOrWrongToken) {
  int api_routes = 0;
  for (const auto& route : dashboard_->routes()) {
    if (!route.pattern.starts_with("/api/")) continue;
    ++api_routes;
    const auto path = concrete_path(route.pattern);
    for (const httplib::Headers& headers : {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer tl_nope"}},
                                            httplib::Headers{{"Authorization", token_}}}) {
      auto res = route.method == "GET" ? client_->Get(path.c_str(), headers)
                                       : client_->Post(path.c_str(), headers, "{}", "application/x-ndjson");
      ASSERT_TRUE(res) << path;
      EXPECT_EQ(res->status, 401) << route.method << ' ' << path;
      const auto body = nlohmann::json::parse(res->body);
      EXPECT_EQ(body["error"], "unauthorized");
      EXPECT_FALSE(body["detail"].get<std::string>().empty());
    }
  }
  EXPECT_GE(api_routes, 9);
}

TEST_F(ServerTest, RevokedTokenIsRefusedAtOnce) {
  EXPECT_EQ(get("/api/status").first, 200);
  {
    auto store = store::Store::open(ws_);  // as `ticketlens token revoke` does, from another connection
    store::revoke_token(*store, "tests", 1'700'000'100);
  }
  const auto [status, body] = get("/api/status");
  EXPECT_EQ(status, 401);
  EXPECT_EQ(body["detail"], "the token is unknown or revoked");
}

TEST_F(ServerTest, StatusListsRowsAndWeeks) {
  const auto [status, j] = get("/api/status");
  ASSERT_EQ(status, 200) << j;
  EXPECT_EQ(j["rows"]["accounts"], 2);
  EXPECT_EQ(j["rows"]["tickets"], 3);
  EXPECT_EQ(j["last_full_week"], "2026-W46");
  ASSERT_FALSE(j["weeks"].empty());
  EXPECT_EQ(j["weeks"][0], "2026-W46");
  EXPECT_EQ(j["schema_version"], store::kSchemaVersion);
}

TEST_F(ServerTest, SnapshotOfAWeekAMonthAndTheDefault) {
  const auto [s1, week] = get("/api/snapshot?week=2026-W46");
  ASSERT_EQ(s1, 200) << week;
  EXPECT_EQ(week["period"]["label"], "2026-W46");
  EXPECT_EQ(week["signals"]["tickets"]["count"], 2);
  const auto [s2, dflt] = get("/api/snapshot");
  ASSERT_EQ(s2, 200);
  EXPECT_EQ(dflt, week);  // the last full week of the data
  const auto [s3, month] = get("/api/snapshot?month=2026-11");
  ASSERT_EQ(s3, 200) << month;
  EXPECT_EQ(month["kind"], "month");
  EXPECT_EQ(month["signals"]["tickets"]["count"], 2);
  const auto [s4, sept] = get("/api/snapshot?from=2026-09-01&to=2026-10-01");
  ASSERT_EQ(s4, 200);
  EXPECT_EQ(sept["signals"]["tickets"]["count"], 1);
}

TEST_F(ServerTest, KpiOverallAndByDimension) {
  const auto [status, j] = get("/api/kpi?week=2026-W46&by=category");
  ASSERT_EQ(status, 200) << j;
  EXPECT_EQ(j["overall"]["tickets"], 2);
  ASSERT_EQ(j["groups"].size(), 2u);
  EXPECT_EQ(j["groups"][0]["key"]["category"], "billing");
  EXPECT_EQ(j["groups"][0]["values"]["tickets"], 1);
  EXPECT_FALSE(j["metrics"].empty());
}

TEST_F(ServerTest, CostGroupsAddUpToTheTotal) {
  const auto [status, j] = get("/api/cost?week=2026-W46&by=channel");
  ASSERT_EQ(status, 200) << j;
  EXPECT_EQ(j["overall"]["tickets"], 2);
  double groups = 0;
  for (const auto& g : j["groups"]) groups += g["totals"]["total"].get<double>();
  EXPECT_NEAR(groups, j["overall"]["total"].get<double>(), 1e-9);
  EXPECT_GT(j["overall"]["total"].get<double>(), 0);
  EXPECT_FALSE(j["pareto"].empty());
  EXPECT_FALSE(j["currency"].get<std::string>().empty());
}

TEST_F(ServerTest, AccountsAndTicketsListsDrillDown) {
  const auto [s1, accounts] = get("/api/accounts?week=2026-W46");
  ASSERT_EQ(s1, 200) << accounts;
  ASSERT_EQ(accounts["accounts"].size(), 1u);
  EXPECT_EQ(accounts["accounts"][0]["account_id"], "a1");
  EXPECT_EQ(accounts["accounts"][0]["tickets"], 2);
  EXPECT_DOUBLE_EQ(accounts["accounts"][0]["arr"].get<double>(), 12000.0);
  const auto [s2, billing] = get("/api/tickets?week=2026-W46&category=billing");
  ASSERT_EQ(s2, 200) << billing;
  EXPECT_EQ(billing["total"], 1);
  EXPECT_EQ(billing["tickets"][0]["ticket_id"], "t1");
  const auto [s3, of_a1] = get("/api/tickets?from=2026-01-01&to=2027-01-01&account=a1");
  ASSERT_EQ(s3, 200) << of_a1;
  EXPECT_EQ(of_a1["total"], 2);
  const auto [s4, paged] = get("/api/tickets?from=2026-01-01&to=2027-01-01&limit=1&offset=2");
  ASSERT_EQ(s4, 200);
  EXPECT_EQ(paged["total"], 3);
  ASSERT_EQ(paged["tickets"].size(), 1u);
}

TEST_F(ServerTest, AccountTimelineTicketsAndMrr) {
  const auto [status, j] = get("/api/accounts/a1");
  ASSERT_EQ(status, 200) << j;
  EXPECT_EQ(j["account"]["name"], "Acme");
  EXPECT_EQ(j["account"]["tier"], "enterprise");
  EXPECT_EQ(j["tickets"].size(), 2u);
  EXPECT_EQ(sum(j["days"]["tickets"]), 2);
  EXPECT_EQ(sum(j["days"]["events"]), 3);
  EXPECT_EQ(sum(j["days"]["errors"]), 1);
  EXPECT_EQ(j["days"]["day"][0], "2026-01-05");
  ASSERT_EQ(j["mrr"].size(), 1u);
  EXPECT_EQ(j["mrr"][0]["mrr"], 1000.0);
  EXPECT_TRUE(j["churned_at"].is_null());
  const auto [s2, beta] = get("/api/accounts/a2");
  ASSERT_EQ(s2, 200);
  ASSERT_EQ(beta["mrr"].size(), 2u);
  EXPECT_EQ(beta["mrr"][1]["mrr"], 0.0);
  EXPECT_EQ(beta["churned_at"], "2026-10-01T00:00:00Z");
  const auto [s3, window] = get("/api/accounts/a1?from=2026-11-09&to=2026-11-16");
  ASSERT_EQ(s3, 200);
  EXPECT_EQ(window["days"]["day"].size(), 7u);
  EXPECT_EQ(sum(window["days"]["tickets"]), 2);
}

TEST_F(ServerTest, TicketWithCostAndTheEventsBeforeIt) {
  const auto [status, j] = get("/api/tickets/t1");
  ASSERT_EQ(status, 200) << j;
  EXPECT_EQ(j["account_id"], "a1");
  EXPECT_EQ(j["category"], "billing");
  EXPECT_EQ(j["priority"], "high");
  EXPECT_DOUBLE_EQ(j["cost_breakdown"]["total"].get<double>(), j["cost"].get<double>());
  EXPECT_EQ(j["cost_breakdown"]["handle_source"], "recorded");
  EXPECT_EQ(j["events_scope"], "requester");
  ASSERT_EQ(j["events_before"].size(), 2u);
  EXPECT_EQ(j["events_before"][0]["name"], "invoice_failed");
  EXPECT_EQ(j["events_before"][0]["is_error"], true);
}

TEST_F(ServerTest, BadParametersAre400WithADetail) {
  for (const char* path :
       {"/api/snapshot?week=2026-W99", "/api/snapshot?week=abc", "/api/snapshot?month=2026-13",
        "/api/snapshot?from=2026-01-01", "/api/snapshot?from=2026-02-01&to=2026-01-01",
        "/api/snapshot?week=2026-W46&month=2026-11", "/api/snapshot?weak=2026-W46",
        "/api/snapshot?week=2026-W46&week=2026-W45", "/api/kpi?by=nonsense", "/api/cost?by=category,category",
        "/api/tickets?limit=0", "/api/tickets?limit=ten", "/api/tickets?colour=red", "/api/accounts?offset=-1",
        "/api/accounts/a1?week=2026-W46", "/api/status?x=1", "/api/tickets/t1?verbose=1",
        "/api/snapshot?week=2026-W46%27%3B%20DROP%20TABLE%20tickets%3B--"}) {
    const auto [status, j] = get(path);
    EXPECT_EQ(status, 400) << path << ' ' << j;
    EXPECT_EQ(j["error"], "bad_request") << path;
    EXPECT_FALSE(j.value("detail", "").empty()) << path;
  }
  EXPECT_EQ(get("/api/status").second["rows"]["tickets"], 3);  // nothing was dropped
}

TEST_F(ServerTest, UnknownThingsAre404) {
  for (const char* path : {"/api/accounts/nobody", "/api/tickets/t999", "/api/nothing", "/nothing"}) {
    const auto [status, j] = get(path);
    EXPECT_EQ(status, 404) << path;
    EXPECT_EQ(j["error"], "not_found") << path;
  }
  EXPECT_EQ(post("/api/ingest/widgets", "{}\n").first, 404);
}

TEST_F(ServerTest, StaticFilesAndPathTraversal) {
  auto index = client_->Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("<title>ticketlens</title>"), std::string::npos);
  auto js = client_->Get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  for (const char* path : {"/assets/../secret.txt", "/assets/%2e%2e/secret.txt", "/assets/..%2fsecret.txt",
                           "/assets/..%2F..%2Fsecret.txt", "/assets/../../../../etc/passwd", "/assets//etc/passwd",
                           "/assets/%2fetc%2fpasswd", "/assets/.hidden", "/assets/..\\secret.txt",
                           "/assets/app.js%00.png", "/assets/"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_EQ(res->body.find("do not serve"), std::string::npos) << path;
  }
}

TEST_F(ServerTest, OversizedBodyIsRefused) {
  const std::string big(2 << 20, 'x');
  auto res = client_->Post("/api/ingest/accounts", auth_, big, "application/x-ndjson");
  // The server answers 413 as soon as it reads Content-Length; the client may still be sending.
  if (res)
    EXPECT_EQ(res->status, 413);
  else
    EXPECT_EQ(res.error(), httplib::Error::Write);
  EXPECT_EQ(get("/api/status").second["rows"]["accounts"], 2);
}

TEST_F(ServerTest, IngestOverHttpIsAtomicAndIdempotent) {
  const std::string bad =
      R"({"account_id":"a3","name":"Gamma","signup_at":"2026-03-01"})" "\n"
      R"({"account_id":"a4","name":"Delta","signup_at":"2026-03-02"})" "\n"
      R"({"account_id":"a5","name":"Eps","signup_at":"not a date"})" "\n";
  const auto [s1, rejected] = post("/api/ingest/accounts", bad);
  EXPECT_EQ(s1, 400) << rejected;
  EXPECT_EQ(rejected["error"], "data_rejected");
  EXPECT_EQ(rejected["committed"], false);
  ASSERT_EQ(rejected["rejects"].size(), 1u);
  EXPECT_EQ(rejected["rejects"][0]["line"], 3);
  EXPECT_EQ(rejected["rejects"][0]["field"], "signup_at");
  EXPECT_NE(rejected["detail"].get<std::string>().find("line 3: signup_at"), std::string::npos) << rejected;
  EXPECT_EQ(get("/api/status").second["rows"]["accounts"], 2);  // nothing of it landed

  const std::string good = bad.substr(0, bad.rfind(R"({"account_id":"a5")"));
  const auto [s2, first] = post("/api/ingest/accounts", good);
  ASSERT_EQ(s2, 200) << first;
  EXPECT_EQ(first["inserted"], 2);
  const auto [s3, again] = post("/api/ingest/accounts", good);
  ASSERT_EQ(s3, 200) << again;
  EXPECT_EQ(again["inserted"], 0);
  EXPECT_EQ(again["unchanged"], 2);
  EXPECT_EQ(again["data_version"], first["data_version"]);
  // The cache follows the data version: the new accounts are visible at once.
  EXPECT_EQ(get("/api/status").second["rows"]["accounts"], 4);
  EXPECT_EQ(get("/api/accounts/a3").second["account"]["name"], "Gamma");
  // Events referring to an unknown account are rejected with line and field.
  const auto [s4, orphan] = post("/api/ingest/events", R"({"ts":"2026-11-12T00:00:00Z","account_id":"zz","name":"x"})" "\n");
  EXPECT_EQ(s4, 400) << orphan;
  EXPECT_EQ(orphan["rejects"][0]["field"], "account_id");
  // CSV with its content type.
  const auto [s5, csv] = post("/api/ingest/users", "user_id,account_id\nu9,a3\n", "text/csv");
  EXPECT_EQ(s5, 200) << csv;
  EXPECT_EQ(csv["inserted"], 1);
  EXPECT_EQ(post("/api/ingest/users", "").first, 400);
}

TEST_F(ServerTest, RepeatedViewsComeFromTheCache) {
  const auto [s1, first] = get("/api/snapshot?week=2026-W46");
  ASSERT_EQ(s1, 200);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(get("/api/snapshot?week=2026-W46").second, first);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
}

}  // namespace
}  // namespace ticketlens::server::test
