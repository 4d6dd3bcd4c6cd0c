// Webhooks against a real receiver on 127.0.0.1: delivery, a retry after a 500, a timeout, an
// unreachable URL; and the payload of a fired playbook.
#include "ticketlens/net/webhook.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace ticketlens::net {
namespace {

using nlohmann::json;

// A receiver on a random port: answers each POST to /hook with the next status of `statuses`
// (the last one repeats) after `delay`, and keeps the bodies.
class Receiver {
 public:
  explicit Receiver(std::vector<int> statuses, std::chrono::milliseconds delay = {}) : statuses_(std::move(statuses)) {
    server_.Post("/hook", [this, delay](const httplib::Request& req, httplib::Response& res) {
      std::size_t n;
      {
        std::lock_guard lock(mutex_);
        bodies_.push_back(req.body);
        content_types_.push_back(req.get_header_value("Content-Type"));
        n = bodies_.size();
      }
      if (delay.count() > 0) std::this_thread::sleep_for(delay);
      res.status = statuses_[std::min(n, statuses_.size()) - 1];
      res.set_content("ok", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  [[nodiscard]] int port() const { return port_; }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mutex_);
    return bodies_;
  }
  std::vector<std::string> content_types() {
    std::lock_guard lock(mutex_);
    return content_types_;
  }

 private:
  httplib::Server server_;
  std::vector<int> statuses_;
  std::mutex mutex_;
  std::vector<std::string> bodies_, content_types_;
  int port_ = 0;
  std::thread thread_;
};

const WebhookOptions kQuick{.timeout_seconds = 2, .retries = 2, .retry_delay_ms = 10};

TEST(WebhookTest, DeliversOnFirstAttempt) {
  Receiver r({200});
  const auto d = post_json(r.url(), R"({"text":"hi"})", kQuick);
  EXPECT_TRUE(d.delivered) << d.error;
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.status, 200);
  ASSERT_EQ(r.bodies().size(), 1u);
  EXPECT_EQ(r.bodies()[0], R"({"text":"hi"})");
  EXPECT_EQ(r.content_types()[0], "application/json");
}

TEST(WebhookTest, RetriesAfterA500) {
  Receiver r({500, 204});
  const auto d = post_json(r.url(), "{}", kQuick);
  EXPECT_TRUE(d.delivered) << d.error;
  EXPECT_EQ(d.attempts, 2);
  EXPECT_EQ(d.status, 204);
  EXPECT_EQ(r.bodies().size(), 2u);
}

TEST(WebhookTest, GivesUpAfterTheRetriesAndSaysWhy) {
  Receiver r({503});
  const auto d = post_json(r.url(), "{}", kQuick);
  EXPECT_FALSE(d.delivered);
  EXPECT_EQ(d.attempts, 3);  // 1 + 2 retries
  EXPECT_EQ(d.status, 503);
  EXPECT_EQ(d.error, "HTTP 503");
}

TEST(WebhookTest, ASlowReceiverTimesOut) {
  Receiver r({200}, std::chrono::milliseconds(800));
  const auto start = std::chrono::steady_clock::now();
  const auto d = post_json(r.url(), "{}", {.timeout_seconds = 0.2, .retries = 0, .retry_delay_ms = 0});
  const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(d.delivered);
  EXPECT_EQ(d.attempts, 1);
  EXPECT_EQ(d.status, 0);
  EXPECT_NE(d.error.find("timeout"), std::string::npos) << d.error;
  EXPECT_LT(took, 0.75);  // did not wait for the receiver's answer
}

TEST(WebhookTest, UnreachableAndMalformedUrlsAreReported) {
  int closed_port;
  {
    Receiver gone({200});
    closed_port = gone.port();
  }  // stopped: nothing listens there any more
  const auto d = post_json("http://127.0.0.1:" + std::to_string(closed_port) + "/hook", "{}",
                           {.timeout_seconds = 1, .retries = 1, .retry_delay_ms = 1});
  EXPECT_FALSE(d.delivered);
  EXPECT_EQ(d.attempts, 2);
  EXPECT_FALSE(d.error.empty());
  const auto bad = post_json("hooks.example.com/x", "{}", kQuick);
  EXPECT_FALSE(bad.delivered);
  EXPECT_EQ(bad.attempts, 0);
  EXPECT_EQ(bad.error, "not an http:// or https:// URL");
}

json snapshot_with(const std::string& fired_url, const std::string& quiet_url) {
  return json{{"schema_version", 1},
              {"period", {{"label", "2026-W45"}, {"start", "2026-11-02T00:00:00Z"}, {"end", "2026-11-09T00:00:00Z"}}},
              {"decision",
               {{"playbooks",
                 {{{"name", "ARR exposure mitigation"}, {"owner", "CS Ops"}, {"action", "Call them."},
                   {"when", "exposed_arr_pct > 3"}, {"notify", fired_url}, {"fired", true},
                   {"reason", "exposed_arr_pct > 3 holds (exposed_arr_pct = 57.14)"},
                   {"metrics", {{"exposed_arr_pct", 57.142857}}}},
                  {{"name", "Quiet"}, {"owner", "Product"}, {"action", "-"}, {"when", "tickets > 99"},
                   {"notify", quiet_url}, {"fired", false}, {"reason", ""}, {"metrics", {{"tickets", 5}}}}}}}}};
}

TEST(WebhookTest, FiredPlaybooksArePostedWithSlackTextAndFields) {
  Receiver r({200});
  auto doc = snapshot_with(r.url(), r.url());
  const auto deliveries = notify_fired_playbooks(doc, kQuick);
  ASSERT_EQ(deliveries.size(), 1u);  // the quiet playbook is not posted
  ASSERT_EQ(r.bodies().size(), 1u);
  const auto payload = json::parse(r.bodies()[0]);
  EXPECT_EQ(payload["text"],
            "ticketlens 2026-W45: playbook *ARR exposure mitigation* fired (owner: CS Ops). Call them. "
            "Values: exposed_arr_pct = 57.14.");
  EXPECT_EQ(payload["playbook"], "ARR exposure mitigation");
  EXPECT_EQ(payload["owner"], "CS Ops");
  EXPECT_EQ(payload["action"], "Call them.");
  EXPECT_EQ(payload["period"]["label"], "2026-W45");
  EXPECT_DOUBLE_EQ(payload["metrics"]["exposed_arr_pct"].get<double>(), 57.142857);
  const auto& n = doc["decision"]["notifications"];
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0]["delivered"], true);
  EXPECT_EQ(n[0]["playbook"], "ARR exposure mitigation");
}

TEST(WebhookTest, AFailedDeliveryIsRecordedInTheSnapshot) {
  auto doc = snapshot_with("http://127.0.0.1:1/hook", "");
  const auto deliveries = notify_fired_playbooks(doc, {.timeout_seconds = 1, .retries = 0, .retry_delay_ms = 0});
  ASSERT_EQ(deliveries.size(), 1u);
  const auto& n = doc["decision"]["notifications"][0];
  EXPECT_EQ(n["delivered"], false);
  EXPECT_EQ(n["attempts"], 1);
  EXPECT_FALSE(n["error"].get<std::string>().empty());
}

json alert(const std::string& kind, const std::string& title, std::int64_t tickets, std::vector<std::string> ids) {
  return {{"kind", kind}, {"title", title}, {"severity", 4.2}, {"p", 6.3e-5}, {"release_id", "r7"},
          {"product_area", "billing"}, {"category", ""},
          {"observed", {{"start", "2026-11-02T00:00:00Z"}, {"end", "2026-11-16T00:00:00Z"}}},
          {"baseline", {{"start", "2026-10-19T00:00:00Z"}, {"end", "2026-11-02T00:00:00Z"}}},
          {"numbers", {{"rate_ratio", 3.5}, {"tickets_after", 21}}}, {"tickets", tickets}, {"ticket_ids", ids}};
}

TEST(WebhookTest, EachAlertIsPostedWithItsEvidence) {
  Receiver r({200});
  const json alerts = {alert("release_ticket_rate", "billing tickets 3.5x after r7", 7, {"t1", "t2", "t3", "t4", "t5", "t6", "t7"}),
                       alert("cost_spike", "login cost beyond z 4", 0, {})};
  const auto deliveries = notify_alerts(alerts, "2026-W45", r.url(), kQuick);
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_TRUE(deliveries[0].delivered && deliveries[1].delivered);
  const auto bodies = r.bodies();
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(r.content_types()[0], "application/json");
  const auto first = json::parse(bodies[0]);
  EXPECT_EQ(first["text"],
            "ticketlens 2026-W45: alert [release_ticket_rate] billing tickets 3.5x after r7 (observed 2026-11-02 to "
            "2026-11-16, against 2026-10-19 to 2026-11-02). Tickets: t1, t2, t3, t4, t5 and 2 more.");
  EXPECT_EQ(first["period"], "2026-W45");
  EXPECT_EQ(first["release_id"], "r7");
  EXPECT_EQ(first["numbers"]["rate_ratio"], 3.5);
  EXPECT_EQ(first["ticket_ids"].size(), 7u);
  EXPECT_EQ(json::parse(bodies[1])["kind"], "cost_spike");
  EXPECT_NE(json::parse(bodies[1])["text"].get<std::string>().find("Tickets: none."), std::string::npos);
  EXPECT_TRUE(notify_alerts(alerts, "2026-W45", "", kQuick).empty());  // no URL: nothing sent
  EXPECT_EQ(r.bodies().size(), 2u);
}

TEST(WebhookTest, SnapshotAlertsAreSentAndTheOutcomesRecorded) {
  Receiver r({500, 200});  // the first attempt fails, the retry lands
  json doc = {{"period", {{"label", "2026-W45"}}},
              {"signals", {{"alerts", json::array({alert("cost_spike", "login cost beyond z 4", 2, {"t1", "t2"})})}}}};
  const auto deliveries = notify_snapshot_alerts(doc, r.url(), kQuick);
  ASSERT_EQ(deliveries.size(), 1u);
  const auto& n = doc["signals"]["alert_notifications"];
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0]["delivered"], true);
  EXPECT_EQ(n[0]["attempts"], 2);
  EXPECT_EQ(n[0]["kind"], "cost_spike");
  EXPECT_EQ(r.bodies().size(), 2u);
  json quiet = {{"period", {{"label", "2026-W45"}}}, {"signals", {{"alerts", json::array()}}}};
  EXPECT_TRUE(notify_snapshot_alerts(quiet, r.url(), kQuick).empty());
  EXPECT_TRUE(quiet["signals"]["alert_notifications"].empty());
}

}  // namespace
}  // namespace ticketlens::net
