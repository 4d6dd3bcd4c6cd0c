// /api/precursors, /api/alerts and /api/retention through a real server: the same documents as
// the analyses give when run directly, parameters validated, and the analysis time cap.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "server_test_support.hpp"
#include "ticketlens/analysis/alerts.hpp"
#include "ticketlens/analysis/precursors.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/report/analysis_json.hpp"
#include "ticketlens/server/workspace.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::server::test {
namespace {

struct Loaded {
  model::World world;
  model::Config config;
};

Loaded load(const fs::path& ws) {
  auto store = store::Store::open(ws);
  return {store::load_world(*store), model::load_config(ws / "ticketlens.toml")};
}

TEST_F(ServerTest, PrecursorsAreTheAnalysisOfTheTicketsInTheRange) {
  const auto [status, j] = get("/api/precursors?all=1");
  ASSERT_EQ(status, 200) << j;
  const auto l = load(ws_);
  const analysis::Period all{l.world.data_start, l.world.data_end + 1};
  const auto options = analysis::PrecursorOptions::from_config(l.config);
  const auto direct = report::precursors_json(analysis::analyze_precursors(l.world, all, options), all, options, true);
  EXPECT_EQ(j, direct);
  // Every ticket's window starts before the first event (Nov 10, 09:30), so all are left out.
  EXPECT_EQ(j["tickets"].get<int>() + j["windows_truncated"].get<int>(), 3);
  EXPECT_EQ(j["window_hours"], 24);
  // from= alone narrows the range to the two November tickets; window= and category= are applied.
  const auto [s2, nov] = get("/api/precursors?from=2026-11-01&window=2h&category=billing&controls=2&seed=7");
  ASSERT_EQ(s2, 200) << nov;
  EXPECT_EQ(nov["tickets"].get<int>() + nov["windows_truncated"].get<int>(), 1);  // t1 only
  EXPECT_EQ(nov["window_hours"], 2);
  EXPECT_EQ(nov["controls_per_ticket"], 2);
  EXPECT_EQ(nov["seed"], 7);
  EXPECT_EQ(nov["category"], "billing");
  EXPECT_EQ(nov["period"]["start"], "2026-11-01T00:00:00Z");
}

TEST_F(ServerTest, AlertsOfAWeekAreTheAnalysisOfThatWeek) {
  const auto [status, j] = get("/api/alerts?week=2026-W46");
  ASSERT_EQ(status, 200) << j;
  EXPECT_EQ(j["period"]["label"], "2026-W46");
  const auto l = load(ws_);
  const auto direct = report::alerts_json(
      analysis::compute_alerts(l.world, l.config, analysis::week_period(*parse_iso_week("2026-W46"))));
  EXPECT_EQ(j["alerts"], direct["alerts"]);
  EXPECT_TRUE(j["alerts"].is_array());
  EXPECT_EQ(get("/api/alerts").second["period"]["label"], "2026-W46");  // the last full week by default
}

TEST_F(ServerTest, RetentionHasCurvesHazardRatiosAndCohorts) {
  const auto [status, j] = get("/api/retention?by=all");
  ASSERT_EQ(status, 200) << j;
  ASSERT_EQ(j["survival"]["groups"].size(), 1U);
  const auto& g = j["survival"]["groups"][0];
  EXPECT_EQ(g["accounts"], 2);
  EXPECT_EQ(g["churned"], 1);  // a2's only subscription ended on Oct 1
  EXPECT_FALSE(g["curve"]["days"].empty());
  EXPECT_TRUE(j["cox"].contains("coefficients"));
  EXPECT_EQ(j["support"]["accounts"], 2);
  EXPECT_EQ(j["cohorts"]["segment_by"], "support");
  EXPECT_EQ(j["cohorts"]["by_signup_month"].size(), 2U);  // 2026-01 and 2026-02
  const auto [s2, by_tier] = get("/api/retention?by=tier&segment=tier&landmark=30&as_of=2026-11-01");
  ASSERT_EQ(s2, 200) << by_tier;
  EXPECT_EQ(by_tier["survival"]["groups"].size(), 2U);
  EXPECT_EQ(by_tier["as_of"], "2026-11-01T00:00:00Z");
  EXPECT_EQ(by_tier["support"]["landmark_days"], 30);
}

TEST_F(ServerTest, AnalysisRoutesRejectBadParameters) {
  for (const char* path :
       {"/api/precursors?window=soon", "/api/precursors?window=0h", "/api/precursors?controls=101",
        "/api/precursors?all=yes", "/api/precursors?from=2026-12-01", "/api/precursors?to=yesterday",
        "/api/precursors?week=2026-W46", "/api/alerts?week=2026-W99", "/api/alerts?from=2026-11-01",
        "/api/alerts?category=x", "/api/retention?by=colour", "/api/retention?segment=plan",
        "/api/retention?landmark=0", "/api/retention?as_of=soon"}) {
    const auto [status, j] = get(path);
    EXPECT_EQ(status, 400) << path << ' ' << j;
    EXPECT_EQ(j["error"], "bad_request") << path;
    EXPECT_FALSE(j.value("detail", "").empty()) << path;
  }
}

TEST_F(ServerTest, AnAnalysisOverTheTimeCapIs503AndFillsTheCacheLater) {
  Workspace ws(ws_);
  ws.set_analysis_time_cap(std::chrono::milliseconds(50));
  std::atomic<int> runs{0};
  auto slow = [&runs](const model::World& world, const model::Config&) {
    ++runs;
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    return std::to_string(world.tickets.size());
  };
  const auto t0 = std::chrono::steady_clock::now();
  try {
    ws.cached_analysis("slow", slow);
    ADD_FAILURE() << "expected a timeout";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 503);
    EXPECT_EQ(e.error(), "timeout");
    EXPECT_EQ(e.extra()["time_cap_seconds"], 0.05);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(300));  // did not wait it out
  // A second request while it runs joins the same computation rather than starting another.
  EXPECT_THROW(ws.cached_analysis("slow", slow), HttpError);
  std::this_thread::sleep_for(std::chrono::milliseconds(900));
  EXPECT_EQ(ws.cached_analysis("slow", slow), "3");  // from the cache
  EXPECT_EQ(runs, 1);
  // Errors of the analysis reach the caller.
  ws.set_analysis_time_cap(std::chrono::seconds(10));
  EXPECT_THROW(ws.cached_analysis("bad", [](const model::World&, const model::Config&) -> std::string {
    throw Error(ErrorCode::kUsage, "bad");
  }), Error);
}

TEST_F(ServerTest, TimeCapAnswersJsonOverHttp) {
  DashboardOptions options;
  options.workspace = ws_;
  options.assets = dir_ / "web";
  options.limits.analysis_time_cap = std::chrono::milliseconds(1);
  Dashboard capped(options);
  const int port = capped.bind("127.0.0.1", 0);
  std::thread serving([&] { capped.listen(); });
  while (!capped.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  auto res = client.Get("/api/retention", auth_);  // loading the world alone takes longer than 1 ms
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  const auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["error"], "timeout");
  EXPECT_NE(j["detail"].get<std::string>().find("time cap"), std::string::npos);
  int status = 503;
  for (int i = 0; i < 200 && status == 503; ++i) {  // the analysis finishes into the cache
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    status = client.Get("/api/retention", auth_)->status;
  }
  EXPECT_EQ(status, 200);
  capped.stop();
  serving.join();
}

}  // namespace
}  // namespace ticketlens::server::test
