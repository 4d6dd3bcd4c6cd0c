// The real binary with its events in a real two-shard ClickHouse cluster (tests/clickhouse/
// cluster.hpp): `ingest` sends events there when ticketlens.toml says so, `activity` prints the
// same table as on an embedded workspace with the same files, re-ingest changes nothing, and the
// commands that still read events in memory refuse, saying why.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>

#include "../clickhouse/cluster.hpp"
#include "e2e_support.hpp"
#include "ticketlens/common/time.hpp"

namespace ticketlens::e2e {
namespace {

// 40 accounts, ~6,000 events and 300 tickets over 10 weeks from a fixed seed.
void write_company(const fs::path& dir) {
  std::mt19937_64 rng(7);
  const Timestamp start = 1772323200;  // 2026-03-01T00:00:00Z
  std::string accounts = "account_id,name,signup_at\n", events = "event_id,ts,account_id,user_id,name\n",
              tickets = "ticket_id,account_id,created_at,channel,priority,status\n";
  for (int a = 0; a < 40; ++a) accounts += fmt::format("a{},Account {},2026-01-01\n", a, a);
  std::uniform_int_distribution<Timestamp> when(start, start + 70 * 86400 - 1);
  std::uniform_int_distribution<int> account(0, 39), name(0, 3);
  constexpr const char* kNames[] = {"login", "export", "import_error", "report_created"};
  for (int i = 0; i < 6000; ++i) {
    const int a = account(rng) % (1 + static_cast<int>(rng() % 40));  // skewed towards low ids
    events += fmt::format("e{},{},a{},u{}-{},{}\n", i, format_timestamp(when(rng)), a, a, rng() % 3, kNames[name(rng)]);
  }
  for (int i = 0; i < 300; ++i)
    tickets += fmt::format("t{},a{},{},email,normal,open\n", i, account(rng), format_timestamp(when(rng)));
  write(dir / "accounts.csv", accounts);
  write(dir / "events.csv", events);
  write(dir / "tickets.csv", tickets);
}

TEST(ClickHouseE2eTest, ActivityIsTheSameWhereverTheEventsLive) {
  REQUIRE_CLICKHOUSE_CLUSTER();
  const auto& cluster = test::ClickHouseCluster::instance();
  TempDir tmp;
  write_company(tmp.path());
  const std::string files = fmt::format("{0}/accounts.csv {0}/events.csv {0}/tickets.csv", tmp.str());
  const std::string embedded = tmp.str() + "/embedded", clickhouse = tmp.str() + "/clickhouse";
  ASSERT_EQ(run("init --workspace " + embedded).exit_code, 0);
  ASSERT_EQ(run("init --workspace " + clickhouse).exit_code, 0);
  // The [events] table of the generated ticketlens.toml, pointed at the test cluster.
  std::string toml = read_text(clickhouse + "/ticketlens.toml");
  const auto set = [&](const std::string& from, const std::string& to) {
    const auto at = toml.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    toml.replace(at, from.size(), to);
  };
  set("backend = \"embedded\"", "backend = \"clickhouse\"");
  set("url = \"http://127.0.0.1:8123\"", fmt::format("url = \"{}\"", cluster.http_urls()[0]));
  set("database = \"ticketlens\"", fmt::format("database = \"tl_e2e_{}\"", ::getpid()));
  set("cluster = \"\"", fmt::format("cluster = \"{}\"", test::ClickHouseCluster::kCluster));
  set("shard_urls = []", fmt::format("shard_urls = [\"{}\", \"{}\"]", cluster.http_urls()[0], cluster.http_urls()[1]));
  write(clickhouse + "/ticketlens.toml", toml);

  const auto a = run(fmt::format("ingest --workspace {} {}", embedded, files));
  ASSERT_EQ(a.exit_code, 0) << a.out;
  const auto b = run(fmt::format("ingest --workspace {} {}", clickhouse, files));
  ASSERT_EQ(b.exit_code, 0) << b.out;
  const auto rows = [](const std::string& ws) {
    return nlohmann::json::parse(run("status --format json --workspace " + ws).out).at("rows");
  };
  EXPECT_EQ(rows(clickhouse), rows(embedded));
  EXPECT_EQ(rows(clickhouse).at("events"), 6000);

  for (const char* window : {"1h", "24h", "7d"}) {
    const auto e = run(fmt::format("activity --workspace {} --window {} --format csv", embedded, window));
    const auto c = run(fmt::format("activity --workspace {} --window {} --format csv", clickhouse, window));
    ASSERT_EQ(e.exit_code, 0) << e.out;
    ASSERT_EQ(c.exit_code, 0) << c.out;
    EXPECT_GT(std::count(e.out.begin(), e.out.end(), '\n'), 9) << e.out;
    EXPECT_EQ(c.out, e.out) << window;
  }
  EXPECT_NE(run("activity --workspace " + clickhouse).out.find("events: clickhouse"), std::string::npos);

  const auto again = run(fmt::format("ingest --workspace {} {}/events.csv", clickhouse, tmp.str()));
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find("unchanged      6000"), std::string::npos) << again.out;

  const auto refused = run("precursors --workspace " + clickhouse);
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("live in ClickHouse"), std::string::npos) << refused.out;

  // A server that is not there: the ingest fails naming the URL, and lands nothing.
  set(fmt::format("url = \"{}\"", cluster.http_urls()[0]), "url = \"http://127.0.0.1:1\"");
  set(fmt::format("shard_urls = [\"{}\", \"{}\"]", cluster.http_urls()[0], cluster.http_urls()[1]), "shard_urls = []");
  write(clickhouse + "/ticketlens.toml", toml);
  const auto dead = run(fmt::format("ingest --workspace {} {}/events.csv", clickhouse, tmp.str()));
  EXPECT_NE(dead.exit_code, 0);
  EXPECT_NE(dead.out.find("http://127.0.0.1:1"), std::string::npos) << dead.out;
}

}  // namespace
}  // namespace ticketlens::e2e
