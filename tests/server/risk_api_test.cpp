// /api/risk through a real server on the small demo (planted churn drivers): the same document as
// the analysis run directly (report::risk_json, as `ticketlens risk --format json`), ranked by
// probability × ARR, parameters validated, cached per workspace version; and 404 where the
// history has no training rows.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "server_test_support.hpp"
#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/analysis/risk/risk_report.hpp"
#include "ticketlens/demo/generator.hpp"
#include "ticketlens/model/schema.hpp"
#include "ticketlens/report/risk_json.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::server::test {
namespace {

// The small demo's CSV files, generated once per test binary (product events scaled down: they
// feed only the usage features).
const fs::path& demo_data() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("ticketlens-server-demo-" + std::to_string(::getpid()));
    fs::remove_all(d);
    demo::DemoOptions options;
    options.end = 1793577600;  // 2026-11-02, a Monday
    options.event_scale = 0.05;
    demo::generate_demo(options, d);
    return d;
  }();
  return dir;
}

class DemoServerTest : public ServerTest {
 protected:
  std::vector<store::IngestInput> inputs() override {
    std::vector<store::IngestInput> in;
    for (const auto& entry : fs::directory_iterator(demo_data()))
      if (auto kind = model::kind_from_file_name(entry.path().filename().string()))
        in.push_back(store::file_input(entry.path(), *kind));
    return in;
  }
  static void TearDownTestSuite() { fs::remove_all(demo_data()); }
};

TEST_F(DemoServerTest, RiskIsTheAnalysisRankedByRiskTimesArr) {
  client_->set_read_timeout(300, 0);  // the risk models take a while under sanitizers
  const auto t0 = std::chrono::steady_clock::now();
  const auto [status, j] = get("/api/risk?top=8");
  const auto first = std::chrono::steady_clock::now() - t0;
  ASSERT_EQ(status, 200) << j;
  auto store = store::Store::open(ws_);
  const auto world = store::load_world(*store);
  const auto config = model::load_config(ws_ / "ticketlens.toml");
  analysis::risk::RiskOptions options;
  options.as_of = analysis::retention::resolve_as_of(world, std::nullopt);
  const auto t_direct = std::chrono::steady_clock::now();
  const auto direct = report::risk_json(analysis::risk::risk_report(world, config, options), world, 8, "");
  std::printf("risk: API %.1f s, direct %.1f s\n", std::chrono::duration<double>(first).count(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t_direct).count());
  EXPECT_EQ(j, direct);
  EXPECT_EQ(j["target"], "churn");
  EXPECT_TRUE(j["saved_models"].is_null());  // the API never writes models into the workspace
  EXPECT_FALSE(fs::exists(ws_ / "models"));
  ASSERT_EQ(j["accounts"].size(), 8U);
  for (std::size_t i = 0; i < 8; ++i) {
    const auto& a = j["accounts"][i];
    EXPECT_EQ(a["rank"], i + 1);
    EXPECT_NEAR(a["risk_arr"].get<double>(), a["probability"].get<double>() * a["arr"].get<double>(), 1e-6);
    if (i > 0) {
      EXPECT_LE(a["risk_arr"].get<double>(), j["accounts"][i - 1]["risk_arr"].get<double>());
    }
    EXPECT_FALSE(a["reasons"].empty()) << a;
    EXPECT_TRUE(a["reasons"][0].contains("contribution"));
    EXPECT_FALSE(a["play"].get<std::string>().empty());
    EXPECT_FALSE(a["name"].get<std::string>().empty());
    EXPECT_EQ(get("/api/accounts/" + a["account_id"].get<std::string>()).first, 200);  // the link works
  }
  // The second request is answered from the cache (the analysis takes seconds; a lookup does not).
  const auto t1 = std::chrono::steady_clock::now();
  EXPECT_EQ(get("/api/risk?top=8").second, j);
  EXPECT_LT(std::chrono::steady_clock::now() - t1, first / 4);
  // target= and as_of= are the CLI's --target and --as-of.
  const auto [s2, costly] = get("/api/risk?target=costly&as_of=2026-09-01&top=3");
  ASSERT_EQ(s2, 200) << costly;
  EXPECT_EQ(costly["target"], "costly");
  EXPECT_EQ(costly["as_of"], "2026-09-01T00:00:00Z");
  EXPECT_EQ(costly["accounts"].size(), 3U);
}

TEST_F(ServerTest, RiskRejectsBadParametersAndSaysWhenThereIsNoHistory) {
  for (const char* path : {"/api/risk?target=happy", "/api/risk?top=0", "/api/risk?top=ten", "/api/risk?as_of=soon",
                           "/api/risk?week=2026-W46", "/api/risk?top=1&top=2"}) {
    const auto [status, j] = get(path);
    EXPECT_EQ(status, 400) << path << ' ' << j;
    EXPECT_EQ(j["error"], "bad_request") << path;
    EXPECT_FALSE(j.value("detail", "").empty()) << path;
  }
  // Two accounts: no training rows with both outcomes, as the CLI's error says.
  const auto [status, j] = get("/api/risk");
  EXPECT_EQ(status, 404) << j;
  EXPECT_EQ(j["error"], "not_found");
  EXPECT_FALSE(j.value("detail", "").empty());
}

// Every group and cell of /api/retention on the demo has its accounts behind it, with the same counts.
TEST_F(DemoServerTest, EveryRetentionNumberHasItsAccounts) {
  for (const char* by : {"tier", "cohort"}) {
    const auto [status, r] = get(std::string("/api/retention?segment=support&by=") + by);
    ASSERT_EQ(status, 200) << r;
    for (const auto& g : r["survival"]["groups"]) {
      const auto [s, list] = get(fmt::format("/api/retention/accounts?by={}&group={}&limit=1", by,
                                             g["group"].get<std::string>()));
      ASSERT_EQ(s, 200) << list;
      EXPECT_EQ(list["total"], g["accounts"]) << by << ' ' << g["group"];
      EXPECT_EQ(list["churned"], g["churned"]) << by << ' ' << g["group"];
    }
    if (std::string(by) != "tier") continue;
    for (const auto& [rows, param] : {std::pair{r["cohorts"]["by_signup_month"], std::string("cohort=")},
                                      std::pair{r["cohorts"]["by_segment"], std::string("segment=support&key=")}}) {
      ASSERT_FALSE(rows.empty());
      for (const auto& row : rows) {
        const auto base = "/api/retention/accounts?limit=1&" + param + row["key"].get<std::string>();
        EXPECT_EQ(get(base).second["total"], row["accounts"]) << base;
        for (const auto& h : row["horizons"]) {
          const auto cell = get(fmt::format("{}&horizon={}", base, h["months"].get<int>())).second;
          EXPECT_EQ(cell["eligible"], h["eligible"]) << base << ' ' << h["months"];
          EXPECT_EQ(cell["retained"], h["retained"]) << base << ' ' << h["months"];
        }
      }
    }
    ASSERT_FALSE(r["cox"]["categories_ranked"].empty());
    for (const auto& c : r["cox"]["categories_ranked"]) {
      const auto category = c["name"].get<std::string>().substr(std::string("category=").size());
      const auto [s, list] = get("/api/retention/accounts?limit=1&category=" + category);
      ASSERT_EQ(s, 200) << list;
      EXPECT_GT(list["total"].get<int>(), 0) << category;
      EXPECT_LE(list["churned_while_exposed"].get<int>(), list["churned"].get<int>()) << category;
    }
  }
}

}  // namespace
}  // namespace ticketlens::server::test
