#pragma once
// A workspace with a small company, a token and a real server on 127.0.0.1 (a random port) for
// the API tests, with httplib::Client as the client.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "ticketlens/model/config.hpp"
#include "ticketlens/server/dashboard.hpp"
#include "ticketlens/store/ingest_writer.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/tokens.hpp"

namespace ticketlens::server::test {

namespace fs = std::filesystem;

inline void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Two accounts; tickets in ISO week 2026-W46 (Nov 9-15) and before; data ends on Nov 16.
inline constexpr const char* kAccounts =
    "account_id,name,tier,region,signup_at,industry\n"
    "a1,Acme,enterprise,eu,2026-01-05,retail\n"
    "a2,Beta,smb,us,2026-02-02,media\n";
inline constexpr const char* kUsers = "user_id,account_id,email,created_at\nu1,a1,,2026-01-05\nu2,a2,,2026-02-02\n";
inline constexpr const char* kSubscriptions =
    "subscription_id,account_id,started_at,ended_at,mrr,plan\n"
    "s1,a1,2026-01-05,,1000,pro\n"
    "s2,a2,2026-02-02,2026-10-01,200,basic\n";
inline constexpr const char* kTickets =
    "ticket_id,account_id,requester_id,created_at,first_response_at,solved_at,status,channel,priority,category,"
    "product_area,root_cause,escalated_to,handle_minutes\n"
    "t1,a1,u1,2026-11-10T10:00:00Z,2026-11-10T11:00:00Z,2026-11-10T15:00:00Z,solved,email,high,billing,billing,"
    "product,none,30\n"
    "t2,a1,u1,2026-11-11T09:00:00Z,2026-11-11T09:30:00Z,,open,chat,normal,login,auth,,none,12\n"
    "t3,a2,u2,2026-09-15T09:00:00Z,,2026-09-16T09:00:00Z,solved,email,low,billing,billing,,none,\n";
inline constexpr const char* kEvents =
    "ts,account_id,user_id,name,session_id,product_area,is_error\n"
    "2026-11-10T09:30:00Z,a1,u1,invoice_failed,x1,billing,1\n"
    "2026-11-10T09:40:00Z,a1,u1,page_view,x1,billing,0\n"
    "2026-11-12T12:00:00Z,a1,u1,page_view,x2,auth,0\n"
    "2026-11-16T23:00:00Z,a2,u2,page_view,x3,auth,0\n";

inline store::IngestInput csv_input(model::Kind kind, const char* body) {
  store::IngestInput in;
  in.body = body;
  in.label = "test";
  in.kind = kind;
  in.format = ingest::FileFormat::kCsv;
  return in;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() / ("ticketlens-server-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter++));
    fs::remove_all(dir_);
    ws_ = dir_ / "ws";
    fs::create_directories(ws_);
    write_file(ws_ / "ticketlens.toml", std::string(model::default_config_toml()));
    {
      auto store = store::Store::create(ws_);
      const auto r = store::ingest(*store, inputs(), {});
      ASSERT_TRUE(r.committed);
      token_ = store::create_token(*store, "tests", 1'700'000'000);
    }
    // Built assets stand-in: an index page and one script; a secret file beside the folder.
    write_file(dir_ / "web" / "index.html", "<!doctype html><title>ticketlens</title>");
    write_file(dir_ / "web" / "assets" / "app.js", "console.log('ok')");
    write_file(dir_ / "secret.txt", "do not serve");
    DashboardOptions options;
    options.workspace = ws_;
    options.assets = dir_ / "web";
    options.limits.max_body_bytes = 1 << 20;
    options.limits.threads = 4;
    options.limits.analysis_time_cap = std::chrono::minutes(5);  // analyses are slow under sanitizers
    dashboard_ = std::make_unique<Dashboard>(options);
    port_ = dashboard_->bind("127.0.0.1", 0);
    thread_ = std::thread([this] { dashboard_->listen(); });
    while (!dashboard_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(30, 0);
    auth_ = {{"Authorization", "Bearer " + token_}};
  }

  /// The rows of the workspace: the small company above (a fixture may ingest others).
  virtual std::vector<store::IngestInput> inputs() {
    std::vector<store::IngestInput> in;
    in.push_back(csv_input(model::Kind::kAccounts, kAccounts));
    in.push_back(csv_input(model::Kind::kUsers, kUsers));
    in.push_back(csv_input(model::Kind::kSubscriptions, kSubscriptions));
    in.push_back(csv_input(model::Kind::kTickets, kTickets));
    in.push_back(csv_input(model::Kind::kEvents, kEvents));
    return in;
  }

  void TearDown() override {
    dashboard_->stop();
    thread_.join();
    client_.reset();
    dashboard_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  /// GET with the token; the status and the parsed body.
  std::pair<int, nlohmann::json> get(const std::string& path) {
    auto res = client_->Get(path.c_str(), auth_);
    if (!res) {
      ADD_FAILURE() << "no response for " << path;
      return {0, nullptr};
    }
    return {res->status, nlohmann::json::parse(res->body, nullptr, false)};
  }
  std::pair<int, nlohmann::json> post(const std::string& path, const std::string& body,
                                      const char* type = "application/x-ndjson") {
    auto res = client_->Post(path.c_str(), auth_, body, type);
    if (!res) {
      ADD_FAILURE() << "no response for " << path;
      return {0, nullptr};
    }
    return {res->status, nlohmann::json::parse(res->body, nullptr, false)};
  }

  fs::path dir_, ws_;
  std::string token_;
  std::unique_ptr<Dashboard> dashboard_;
  int port_ = 0;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
  httplib::Headers auth_;
};

}  // namespace ticketlens::server::test
