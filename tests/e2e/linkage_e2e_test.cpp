// The real binary on the small demo: precursors, alerts (with their webhook to a real receiver
// on 127.0.0.1), aftermath, funnel, themes and categorize, as a user runs them.
#include <gtest/gtest.h>
#include <httplib.h>

#include <mutex>
#include <set>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "e2e_support.hpp"
#include "ticketlens/common/time.hpp"

namespace {

using namespace ticketlens::e2e;
using nlohmann::json;

// One small demo for every test here (the demo takes the most time).
class LinkageE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ws_ = new TempDir();
    const auto demo = run(fmt::format("demo --no-serve --workspace {} --size small --seed 7 --end 2026-11-23", ws_->str()));
    ASSERT_EQ(demo.exit_code, 0) << demo.out;
    planted_ = json::parse(read_text(ws_->path() / "data" / "planted.json"));
  }
  static void TearDownTestSuite() {
    delete ws_;
    ws_ = nullptr;
  }
  static json run_json(const std::string& args) {
    const auto r = run(fmt::format("{} --workspace {} --format json", args, ws_->str()));
    EXPECT_EQ(r.exit_code, 0) << args << '\n' << r.out;
    return json::parse(r.out, nullptr, false);
  }
  static TempDir* ws_;
  static json planted_;
};
TempDir* LinkageE2eTest::ws_ = nullptr;
json LinkageE2eTest::planted_;

// A webhook receiver on a random port that keeps the bodies it was sent.
class Receiver {
 public:
  Receiver() {
    server_.Post("/alerts", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      bodies_.push_back(req.body);
      res.status = 200;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  [[nodiscard]] std::string url() const { return fmt::format("http://127.0.0.1:{}/alerts", port_); }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mutex_);
    return bodies_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> bodies_;
};

TEST_F(LinkageE2eTest, PrecursorsRankThePlantedBehavioursFirst) {
  const auto j = run_json("precursors");
  ASSERT_TRUE(j.is_object());
  EXPECT_GT(j["tickets"].get<int>(), 100);
  EXPECT_GT(j["pairs_tested"].get<int>(), 0);
  for (const auto& p : planted_["precursors"]) {
    const json* first = nullptr;  // the category's highest-ranked significant pair
    for (const auto& pair : j["pairs"])
      if (pair["category"] == p["category"]) {
        first = &pair;
        break;
      }
    ASSERT_NE(first, nullptr) << p["category"];
    EXPECT_EQ((*first)["event"], p["event"]) << p["category"];
    EXPECT_EQ((*first)["significant"], "yes");
    EXPECT_GT((*first)["lift_lower"].get<double>(), 1.0);
  }
  // --category and --from alone narrow the tickets; text output names the window.
  const auto billing = run_json("precursors --category billing --from 2026-06-01");
  EXPECT_LT(billing["tickets"].get<int>(), j["tickets"].get<int>());
  EXPECT_EQ(billing["period"]["start"], "2026-06-01T00:00:00Z");
  for (const auto& pair : billing["pairs"]) EXPECT_EQ(pair["category"], "billing");
  const auto text = run(fmt::format("precursors --workspace {} --window 2h", ws_->str()));
  ASSERT_EQ(text.exit_code, 0) << text.out;
  EXPECT_NE(text.out.find("window 2 h before created_at"), std::string::npos) << text.out;
  EXPECT_EQ(run(fmt::format("precursors --workspace {} --window soon", ws_->str())).exit_code, 1);
}

TEST_F(LinkageE2eTest, ThePlantedReleaseIsAlertedAndPostedToTheWebhook) {
  Receiver receiver;
  const std::string original = read_text(ws_->path() / "ticketlens.toml");
  std::string toml = original;
  const auto at = toml.find("alerts = \"\"");
  ASSERT_NE(at, std::string::npos);
  toml.replace(at, 11, fmt::format("alerts = \"{}\"", receiver.url()));
  write(ws_->path() / "ticketlens.toml", toml);
  const std::string release = planted_["release_spike"]["release_id"];
  // The release's 14 days after end in the week after its own; the alert belongs to one of them.
  const auto released = ticketlens::parse_timestamp(planted_["release_spike"]["released_at"].get<std::string>());
  ASSERT_TRUE(released);
  json hit;
  std::string week;
  for (int d = 0; d <= 21 && hit.is_null(); d += 7) {
    week = ticketlens::format_iso_week(ticketlens::iso_week_of(*released + d * ticketlens::kSecondsPerDay));
    const auto j = run_json("alerts --no-notify --week " + week);
    for (const auto& a : j["alerts"])
      if (a["release_id"] == release && a["kind"] == "release_ticket_rate") {
        // Not asserted to rank first: a cost spike of the same week can outrank it (seen on the
        // small demo, seed 42, 2026-W22); the analysis tests check its rank on planted worlds.
        hit = a;
        break;
      }
  }
  ASSERT_FALSE(hit.is_null()) << "no week after " << release << " alerts on it";
  EXPECT_TRUE(receiver.bodies().empty());  // --no-notify posted nothing
  EXPECT_EQ(hit["product_area"], planted_["release_spike"]["product_area"]);
  EXPECT_GT(hit["numbers"]["rate_ratio"].get<double>(), 1.5);
  // Every alert of that week reached the receiver, the planted one with its evidence.
  const auto j = run_json("alerts --week " + week);
  bool posted = false;
  for (const auto& body : receiver.bodies()) {
    const auto payload = json::parse(body);
    EXPECT_EQ(payload["period"], week);
    EXPECT_NE(payload["text"].get<std::string>().find("ticketlens " + week + ": alert ["), std::string::npos);
    if (payload["release_id"] == release) {
      posted = true;
      EXPECT_EQ(payload["numbers"], hit["numbers"]);
      EXPECT_EQ(payload["ticket_ids"], hit["ticket_ids"]);
    }
  }
  EXPECT_TRUE(posted);
  const auto sent = receiver.bodies().size();
  EXPECT_EQ(sent, j["alerts"].size());  // one request per alert
  // The snapshot of that week sends its alerts too and records the outcome.
  const auto snap = run(fmt::format("snapshot --workspace {} --week {} --no-store --format json", ws_->str(), week));
  ASSERT_EQ(snap.exit_code, 0) << snap.out;
  const auto doc = json::parse(snap.out.substr(snap.out.find('{')));
  ASSERT_EQ(doc["signals"]["alert_notifications"].size(), j["alerts"].size());
  EXPECT_EQ(doc["signals"]["alert_notifications"][0]["delivered"], true);
  EXPECT_EQ(receiver.bodies().size(), sent + j["alerts"].size());
  write(ws_->path() / "ticketlens.toml", original);
}

TEST_F(LinkageE2eTest, AftermathGroupsAndAnOpenPeriod) {
  const auto all = run_json("aftermath --by channel");
  ASSERT_TRUE(all["groups"].is_array());
  EXPECT_GE(all["groups"].size(), 2U);
  EXPECT_TRUE(all["fast_first_response"]["fast"]["n"].get<int>() > 0);
  const auto late = run_json("aftermath --from 2026-09-01");  // --from alone: to the data's end
  EXPECT_EQ(late["period"]["start"], "2026-09-01T00:00:00Z");
  EXPECT_EQ(late["period"]["end"], all["period"]["end"]);
  const auto early = run_json("aftermath --to 2026-09-01");  // --to alone: from the data's start
  EXPECT_EQ(early["period"]["start"], all["period"]["start"]);
  EXPECT_EQ(run(fmt::format("aftermath --workspace {} --by colour", ws_->str())).exit_code, 1);
}

TEST_F(LinkageE2eTest, FunnelConversionAndDropOffs) {
  const auto j = run_json("funnel onboarding --by cohort");
  EXPECT_EQ(j["funnel"], "onboarding");
  EXPECT_EQ(j["steps"].size(), 4U);
  ASSERT_FALSE(j["conversion"].empty());
  for (const auto& row : j["conversion"]) {
    EXPECT_GE(row["conversion_pct"].get<double>(), 0);
    EXPECT_LE(row["conversion_pct"].get<double>(), 100);
  }
  EXPECT_EQ(j["drop_offs"].size(), 3U);  // after each step but the last
  const auto unknown = run(fmt::format("funnel nope --workspace {}", ws_->str()));
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("onboarding"), std::string::npos) << unknown.out;  // lists the configured ones
}

// The planted release's week (seed 7: released on Thursday 2026-06-11, area editor) shows a new
// theme of the release's subjects ("... broken since the last update", "New version of ... is
// very slow", "After the update: ...", "Regression in ..."); then categorize train, apply and
// evaluate on the demo's labelled tickets.
TEST_F(LinkageE2eTest, ThemesOfTheReleaseWeekAndCategorize) {
  const std::string released_at = planted_["release_spike"]["released_at"];
  const std::string week =
      ticketlens::format_iso_week(ticketlens::iso_week_of(*ticketlens::parse_timestamp(released_at)));
  const json j = run_json("themes --week " + week);
  EXPECT_EQ(j["text_available"], true);
  EXPECT_GT(j["tickets"].get<int>(), 0);
  const std::set<std::string> release_words = {"update", "last update", "regression", "new version", "slow"};
  const json* release_theme = nullptr;
  for (const auto& theme : j["themes"]) {
    for (const auto& term : theme["terms"])
      if (release_words.count(term["term"].get<std::string>())) release_theme = &theme;
    if (release_theme) break;
  }
  ASSERT_NE(release_theme, nullptr) << j.dump(1);
  EXPECT_EQ((*release_theme)["new"], true) << release_theme->dump(1);
  EXPECT_EQ((*release_theme)["product_areas"][0]["name"], planted_["release_spike"]["product_area"]);
  const auto table = run(fmt::format("themes --workspace {} --week {}", ws_->str(), week));
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("Emerging themes of " + week), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("[new]"), std::string::npos) << table.out;

  // 5 epochs instead of 50 keep the ASan run short; the demo's categories are plainly separable.
  const auto toml = ws_->path() / "ticketlens.toml";
  std::string config = read_text(toml);
  const auto epoch = config.find("\nepoch = 50\n");
  ASSERT_NE(epoch, std::string::npos);
  config.replace(epoch, 12, "\nepoch = 5\n");
  write(toml, config);
  const auto train = run(fmt::format("categorize train --workspace {}", ws_->str()));
  ASSERT_EQ(train.exit_code, 0) << train.out;
  EXPECT_TRUE(fs::exists(ws_->path() / "models" / "category.bin"));
  const json rows = run_json("categorize apply --all");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0]["field"], "category");
  for (const auto& row : rows) EXPECT_LE(row["confidence"].get<double>(), 1.0) << row.dump();
  const json eval = run_json("categorize evaluate");
  EXPECT_GT(eval["accuracy"].get<double>(), 0.8) << eval.dump(1);
  EXPECT_EQ(run(fmt::format("categorize apply --workspace {} --field priority", ws_->str())).exit_code, 1);
}

}  // namespace
