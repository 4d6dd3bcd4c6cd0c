#pragma once
// A real two-shard ClickHouse cluster for the tests: two clickhouse-server processes bound to
// 127.0.0.1 on free ports, each with a config written here naming both as the cluster
// `tl_test`, data in a temporary folder; stopped by pid (SIGTERM, then SIGKILL) when the test
// binary ends. Debian's ClickHouse 18.16 takes --pidfile=PATH (it ignores --pid-file) and
// `--daemon`; installing it starts no service.
//
// available() is false, with the reason, when clickhouse-server is not installed or does not
// start. REQUIRE_CLICKHOUSE_CLUSTER() then skips a test with that message where it is not
// installed (scripts/install-deps installs it) and fails it where it is installed.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "ticketlens/net/clickhouse.hpp"

namespace ticketlens::test {

class ClickHouseCluster {
 public:
  static constexpr const char* kCluster = "tl_test";

  /// The cluster of this test binary, started on first use.
  static ClickHouseCluster& instance() {
    static ClickHouseCluster cluster;
    return cluster;
  }

  [[nodiscard]] bool available() const { return error_.empty(); }
  [[nodiscard]] const std::string& why_not() const { return error_; }
  /// clickhouse-server is installed: then a cluster that does not start is a failure, not a skip.
  [[nodiscard]] bool installed() const { return installed_; }
  /// HTTP endpoints of the shards, http://127.0.0.1:PORT.
  [[nodiscard]] const std::vector<std::string>& http_urls() const { return urls_; }

  ClickHouseCluster(const ClickHouseCluster&) = delete;
  ClickHouseCluster& operator=(const ClickHouseCluster&) = delete;
  ~ClickHouseCluster() { stop(); }

 private:
  struct Server {
    int http = 0, tcp = 0, interserver = 0;
    std::filesystem::path dir;
    pid_t pid = 0;
  };

  ClickHouseCluster() {
    namespace fs = std::filesystem;
    const char* binary = "/usr/sbin/clickhouse-server";
    if (!fs::exists(binary)) {
      error_ = "clickhouse-server is not installed (scripts/install-deps installs it from Debian)";
      return;
    }
    installed_ = true;
    root_ = fs::temp_directory_path() / fmt::format("ticketlens_clickhouse_{}", ::getpid());
    fs::remove_all(root_);
    servers_.resize(2);
    std::vector<int> held;  // sockets kept bound until every port is chosen, so none repeats
    for (auto& s : servers_) {
      s.http = free_port(held);
      s.tcp = free_port(held);
      s.interserver = free_port(held);
    }
    for (int fd : held) ::close(fd);
    std::string shards;
    for (const auto& s : servers_)
      shards += fmt::format("<shard><replica><host>127.0.0.1</host><port>{}</port></replica></shard>", s.tcp);
    for (std::size_t i = 0; i < servers_.size(); ++i) {
      auto& s = servers_[i];
      s.dir = root_ / fmt::format("shard{}", i + 1);
      fs::create_directories(s.dir / "data");
      fs::create_directories(s.dir / "tmp");
      std::ofstream(s.dir / "config.xml") << fmt::format(
          R"(<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>{0}/server.log</log><errorlog>{0}/server.err.log</errorlog></logger>
  <http_port>{1}</http_port>
  <tcp_port>{2}</tcp_port>
  <interserver_http_port>{3}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>{0}/data/</path>
  <tmp_path>{0}/tmp/</tmp_path>
  <user_files_path>{0}/user_files/</user_files_path>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <quotas><default></default></quotas>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <remote_servers><{4}>{5}</{4}></remote_servers>
</yandex>
)",
          s.dir.string(), s.http, s.tcp, s.interserver, kCluster, shards);
      const std::string cmd = fmt::format("{} --config-file={}/config.xml --pidfile={}/server.pid --daemon", binary,
                                          s.dir.string(), s.dir.string());
      if (std::system(cmd.c_str()) != 0) {
        error_ = fmt::format("`{}` failed; see {}/server.err.log", cmd, s.dir.string());
        return;
      }
      urls_.push_back(fmt::format("http://127.0.0.1:{}", s.http));
    }
    // Wait for both to answer (the 18.16 server starts in about a second).
    for (std::size_t i = 0; i < servers_.size(); ++i) {
      auto& s = servers_[i];
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      for (;;) {
        if (s.pid == 0) {
          std::ifstream pid_file(s.dir / "server.pid");
          pid_file >> s.pid;
        }
        try {
          net::ClickHouseEndpoint e;
          e.url = urls_[i];
          e.timeout_seconds = 5;
          net::ClickHouseClient(e).version();
          break;
        } catch (const std::exception& ex) {
          if (std::chrono::steady_clock::now() > deadline) {
            error_ = fmt::format("clickhouse-server on {} did not answer within 60 s ({}); see {}/server.err.log",
                                 urls_[i], ex.what(), s.dir.string());
            return;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
      }
    }
  }

  void stop() {
    for (auto& s : servers_) {
      if (s.pid <= 0) continue;
      ::kill(s.pid, SIGTERM);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (::kill(s.pid, 0) == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (::kill(s.pid, 0) == 0) ::kill(s.pid, SIGKILL);
      s.pid = 0;
    }
    std::error_code ec;
    if (!root_.empty()) std::filesystem::remove_all(root_, ec);
  }

  // A port the kernel just handed out for an ephemeral bind (free at that moment); the socket
  // stays open in `held`.
  static int free_port(std::vector<int>& held) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    held.push_back(fd);
    return ntohs(addr.sin_port);
  }

  std::filesystem::path root_;
  std::vector<Server> servers_;
  std::vector<std::string> urls_;
  std::string error_;
  bool installed_ = false;
};

}  // namespace ticketlens::test

/// Skips the test, with the reason, where clickhouse-server is not installed; fails it where it
/// is installed but the cluster did not start (CI installs it: a broken start must show).
#define REQUIRE_CLICKHOUSE_CLUSTER()                                                        \
  if (!::ticketlens::test::ClickHouseCluster::instance().available()) {                     \
    if (::ticketlens::test::ClickHouseCluster::instance().installed())                      \
      FAIL() << ::ticketlens::test::ClickHouseCluster::instance().why_not();                \
    else                                                                                    \
      GTEST_SKIP() << ::ticketlens::test::ClickHouseCluster::instance().why_not();          \
  }
