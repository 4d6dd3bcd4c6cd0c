// Parity: the same demo data ingested into an embedded workspace and into a workspace whose events
// live in a real two-shard ClickHouse cluster give the same numbers from every event reduction;
// and ClickHouse ingest keeps the store's guarantees (idempotent, updates, nothing visible from a
// command that did not commit, orphans removed).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "cluster.hpp"
#include "ticketlens/analysis/event_kernels.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/demo/generator.hpp"
#include "ticketlens/model/schema.hpp"
#include "ticketlens/store/event_backend.hpp"
#include "ticketlens/store/ingest_writer.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens {
namespace {

namespace fs = std::filesystem;
constexpr Timestamp kDemoEnd = 1793577600;  // 2026-11-02T00:00:00Z, a Monday

model::EventBackendSettings cluster_settings(const std::string& database) {
  const auto& cluster = test::ClickHouseCluster::instance();
  model::EventBackendSettings s;
  s.backend = "clickhouse";
  s.url = cluster.http_urls().at(0);
  s.database = database;
  s.cluster = test::ClickHouseCluster::kCluster;
  s.shard_urls = cluster.http_urls();
  s.user = "default";
  return s;
}

store::IngestOptions options_for(const model::EventBackendSettings& s) {
  store::IngestOptions o;
  o.events_storage = store::event_segment_storage(s);
  return o;
}

std::vector<store::IngestInput> demo_inputs(const fs::path& data, const std::map<std::string, std::int64_t>& files) {
  std::vector<store::IngestInput> inputs;
  for (const auto& [file, rows] : files) inputs.push_back(store::file_input(data / file, *model::kind_from_file_name(file)));
  return inputs;
}

// The small demo (a quarter of its events) in two workspaces: embedded and ClickHouse.
struct Pair {
  fs::path root;
  std::unique_ptr<store::Store> embedded, clickhouse;
  model::World embedded_world, clickhouse_world;
  model::EventBackendSettings settings;
  std::map<std::string, std::int64_t> files;
};

Pair& demo_pair() {
  static Pair p = [] {
    Pair out;
    out.root = fs::temp_directory_path() / ("ticketlens_parity_" + std::to_string(::getpid()));
    fs::remove_all(out.root);
    demo::DemoOptions options;
    options.end = kDemoEnd;
    options.event_scale = 0.25;
    out.files = demo::generate_demo(options, out.root / "data").rows_per_file;
    out.settings = cluster_settings("tl_parity_" + std::to_string(::getpid()));
    store::LoadOptions load;
    load.use_cache = false;
    load.external_events = true;
    fs::create_directories(out.root / "embedded");
    out.embedded = store::Store::create(out.root / "embedded");
    EXPECT_TRUE(store::ingest(*out.embedded, demo_inputs(out.root / "data", out.files), {}).committed);
    out.embedded_world = store::load_world(*out.embedded, load);
    fs::create_directories(out.root / "clickhouse");
    out.clickhouse = store::Store::create(out.root / "clickhouse");
    EXPECT_TRUE(store::ingest(*out.clickhouse, demo_inputs(out.root / "data", out.files), options_for(out.settings))
                    .committed);
    out.clickhouse_world = store::load_world(*out.clickhouse, load);
    return out;
  }();
  return p;
}

// Per ticket id, so the comparison does not lean on both Worlds ordering tickets alike.
std::map<std::string, std::uint32_t> by_ticket(const model::World& w, const std::vector<std::uint32_t>& counts) {
  std::map<std::string, std::uint32_t> out;
  for (std::size_t r = 0; r < counts.size(); ++r) out[std::string(w.tickets.ids.at(w.tickets.id[r]))] = counts[r];
  return out;
}

std::map<std::pair<std::string, Timestamp>, std::pair<std::int64_t, std::int64_t>> by_account(
    const model::World& w, const std::vector<model::AccountWeek>& weeks) {
  std::map<std::pair<std::string, Timestamp>, std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& x : weeks) out[{std::string(w.accounts.ids.at(x.account)), x.week_start}] = {x.events, x.active_days};
  return out;
}

std::int64_t local_rows(const std::string& url, const std::string& database) {
  net::ClickHouseEndpoint e;
  e.url = url;
  return std::stoll(net::ClickHouseClient(e).query("SELECT count() FROM " + database + ".events_local").at(0).at(0));
}

TEST(ClickHouseParityTest, EventsLeaveTheWorkspaceForBothShards) {
  REQUIRE_CLICKHOUSE_CLUSTER();
  auto& p = demo_pair();
  const auto n = static_cast<std::int64_t>(p.embedded_world.events.size());
  ASSERT_GT(n, 10000);
  EXPECT_EQ(p.clickhouse_world.events.size(), 0u) << "events in ClickHouse must not be loaded into the World";
  EXPECT_EQ(p.clickhouse_world.tickets.size(), p.embedded_world.tickets.size());
  // The data's span counts the events in ClickHouse too (through the manifest), so periods such
  // as "all of the data" resolve alike.
  EXPECT_EQ(p.clickhouse_world.data_start, p.embedded_world.data_start);
  EXPECT_EQ(p.clickhouse_world.data_end, p.embedded_world.data_end);
  EXPECT_EQ(p.clickhouse->row_counts().at("events"), n);
  const auto a = local_rows(p.settings.shard_urls[0], p.settings.database);
  const auto b = local_rows(p.settings.shard_urls[1], p.settings.database);
  EXPECT_EQ(a + b, n);
  EXPECT_GT(a, n / 4) << "sharded by account: both shards hold a share";
  EXPECT_GT(b, n / 4);
}

TEST(ClickHouseParityTest, EveryReductionGivesTheSameNumbers) {
  REQUIRE_CLICKHOUSE_CLUSTER();
  auto& p = demo_pair();
  const analysis::EmbeddedEventKernels embedded;
  const auto clickhouse = store::clickhouse_event_kernels(*p.clickhouse, p.settings);
  ASSERT_NE(clickhouse, nullptr);
  EXPECT_STREQ(clickhouse->name(), "clickhouse");
  EXPECT_EQ(store::clickhouse_event_kernels(*p.embedded, p.settings), nullptr);
  const auto& we = p.embedded_world;
  const auto& wc = p.clickhouse_world;

  // Window linkage: an hour, a day and a week before each ticket.
  for (const Timestamp window : {Timestamp{3600}, Timestamp{86400}, Timestamp{7 * 86400}}) {
    const auto e = by_ticket(we, embedded.events_before_tickets(we, window));
    const auto c = by_ticket(wc, clickhouse->events_before_tickets(wc, window));
    std::int64_t total = 0;
    for (const auto& [id, count] : e) total += count;
    EXPECT_GT(total, 0) << window;
    EXPECT_EQ(e, c) << "window " << window;
  }
  // Active accounts of a few periods, including one with no data.
  for (const auto& [from, to] : {std::pair{kDemoEnd - 7 * 86400, kDemoEnd}, std::pair{kDemoEnd - 400 * 86400, kDemoEnd - 300 * 86400},
                                 std::pair{kDemoEnd + 86400, kDemoEnd + 2 * 86400}}) {
    const auto e = embedded.active_accounts(we, from, to);
    const auto c = clickhouse->active_accounts(wc, from, to);
    ASSERT_EQ(e.size(), c.size());
    for (std::size_t a = 0; a < e.size(); ++a)
      EXPECT_EQ(e[a], c[wc.accounts.ids.find(we.accounts.ids.at(static_cast<std::uint32_t>(a))).value()])
          << we.accounts.ids.at(static_cast<std::uint32_t>(a));
  }
  // Weekly activity over the whole data, from a Wednesday (a partial first week).
  const Timestamp from = kDemoEnd - 730 * 86400 + 2 * 86400, to = kDemoEnd;
  const auto ew = embedded.weekly_activity(we, from, to);
  const auto cw = clickhouse->weekly_activity(wc, from, to);
  EXPECT_GT(ew.size(), 1000u);
  EXPECT_EQ(by_account(we, ew), by_account(wc, cw));
  EXPECT_EQ(analysis::weekly_active_accounts(ew), analysis::weekly_active_accounts(cw));
}

TEST(ClickHouseParityTest, ReingestChangesNothing) {
  REQUIRE_CLICKHOUSE_CLUSTER();
  auto& p = demo_pair();
  const auto before = p.clickhouse->row_counts().at("events");
  const auto segments = p.clickhouse->segments().size();
  const auto result = store::ingest(*p.clickhouse, demo_inputs(p.root / "data", p.files), options_for(p.settings));
  ASSERT_TRUE(result.committed);
  EXPECT_FALSE(result.changed());
  for (const auto& f : result.files) EXPECT_EQ(f.inserted + f.updated, 0) << f.label;
  EXPECT_EQ(p.clickhouse->row_counts().at("events"), before);
  EXPECT_EQ(p.clickhouse->segments().size(), segments);
  EXPECT_EQ(local_rows(p.settings.shard_urls[0], p.settings.database) +
                local_rows(p.settings.shard_urls[1], p.settings.database),
            before);
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

TEST(ClickHouseIngestTest, UpdatesAndUncommittedRows) {
  REQUIRE_CLICKHOUSE_CLUSTER();
  const fs::path dir = fs::temp_directory_path() / ("ticketlens_ch_ingest_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto settings = cluster_settings("tl_ingest_" + std::to_string(::getpid()));
  write(dir / "accounts.csv", "account_id,name,signup_at\nacme,Acme,2026-01-01\nglobex,Globex,2026-01-01\n");
  write(dir / "tickets.csv", "ticket_id,account_id,created_at,channel,priority,status\n"
                             "t1,acme,2026-03-02T12:00:00Z,email,normal,open\n"
                             "t2,globex,2026-03-02T12:00:00Z,email,normal,open\n");
  write(dir / "events.csv", "event_id,ts,account_id,name\n"
                            "e1,2026-03-02T10:00:00Z,acme,login\n"
                            "e2,2026-03-02T11:00:00Z,acme,export\n"
                            "e3,2026-03-02T11:30:00Z,globex,login\n");
  auto s = store::Store::create(dir);
  ASSERT_TRUE(store::ingest(*s, {store::file_input(dir / "accounts.csv", model::Kind::kAccounts),
                                 store::file_input(dir / "tickets.csv", model::Kind::kTickets),
                                 store::file_input(dir / "events.csv", model::Kind::kEvents)},
                            options_for(settings))
                  .committed);
  store::LoadOptions load;
  load.use_cache = false;
  load.external_events = true;
  auto counts = [&] {
    const auto world = store::load_world(*s, load);
    return by_ticket(world, store::clickhouse_event_kernels(*s, settings)->events_before_tickets(world, 7200));
  };
  EXPECT_EQ(counts(), (std::map<std::string, std::uint32_t>{{"t1", 2}, {"t2", 1}}));

  // e1 moves out of t1's two-hour window: an update, the old row gone from every reduction.
  write(dir / "events2.csv", "event_id,ts,account_id,name\ne1,2026-03-01T10:00:00Z,acme,login\n");
  const auto updated = store::ingest(*s, {store::file_input(dir / "events2.csv", model::Kind::kEvents)}, options_for(settings));
  ASSERT_TRUE(updated.committed);
  EXPECT_EQ(updated.files.at(0).updated, 1);
  EXPECT_EQ(counts(), (std::map<std::string, std::uint32_t>{{"t1", 1}, {"t2", 1}}));
  EXPECT_EQ(s->row_counts().at("events"), 3);

  // A command with a bad row lands nothing: its good rows were written to ClickHouse, but no
  // manifest names their segment, so no reduction sees them; the next ingest deletes them.
  write(dir / "events3.csv", "event_id,ts,account_id,name\n"
                             "e4,2026-03-02T11:59:00Z,globex,login\n"
                             "e5,not-a-time,globex,login\n");
  store::IngestOptions small = options_for(settings);
  small.flush_rows = 1;  // the good row is flushed to ClickHouse before the bad one is read
  const auto rejected = store::ingest(*s, {store::file_input(dir / "events3.csv", model::Kind::kEvents)}, small);
  EXPECT_FALSE(rejected.committed);
  EXPECT_EQ(counts(), (std::map<std::string, std::uint32_t>{{"t1", 1}, {"t2", 1}}));
  ASSERT_TRUE(store::ingest(*s, {store::file_input(dir / "events.csv", model::Kind::kEvents)}, options_for(settings)).committed);
  store::ClickHouseEvents events(store::clickhouse_events_config(settings));
  std::set<std::string> live;
  for (const auto& seg : s->segments()) live.insert(seg.file);
  // Deletes are mutations that ClickHouse applies in the background: wait for them.
  for (int i = 0; i < 100 && events.stored_segments() != live; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(events.stored_segments(), live);
  fs::remove_all(dir);
}

TEST(ClickHouseIngestTest, AnalysesThatReadEventsInMemoryRefuse) {
  REQUIRE_CLICKHOUSE_CLUSTER();
  auto& p = demo_pair();
  store::LoadOptions load;
  load.use_cache = false;
  try {
    (void)store::load_world(*p.clickhouse, load);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConfig);
    EXPECT_NE(std::string(e.what()).find("ClickHouse"), std::string::npos) << e.what();
  }
}

TEST(ClickHouseIngestTest, MixedBackendsAreRefused) {
  REQUIRE_CLICKHOUSE_CLUSTER();
  auto& p = demo_pair();
  model::EventBackendSettings embedded;  // the workspace's events are in ClickHouse
  try {
    (void)store::clickhouse_event_kernels(*p.clickhouse, embedded);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConfig);
    EXPECT_NE(std::string(e.what()).find("backend"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ticketlens
