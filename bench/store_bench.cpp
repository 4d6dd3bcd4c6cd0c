// Ingest and World-load figures for docs/performance.md, and the SQLite-vs-segments comparison
// behind docs/decisions/0001-event-storage.md. Sizes come from TICKETLENS_BENCH_EVENTS (default
// 2,000,000); the data is generated once per run into a temporary folder.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "ticketlens/common/time.hpp"
#include "ticketlens/store/ingest_writer.hpp"
#include "ticketlens/store/sqlite.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace fs = std::filesystem;
using namespace ticketlens;

namespace {

std::int64_t bench_events() {
  const char* env = std::getenv("TICKETLENS_BENCH_EVENTS");
  return env ? std::atoll(env) : 2'000'000;
}

constexpr int kAccounts = 100'000;

// events.csv shaped like a real product event stream: 100k accounts, 10 users each, sessions,
// 40 event names over 6 areas, 3% errors, 10% with a properties object.
const fs::path& data_dir() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / fmt::format("ticketlens-bench-{}", bench_events());
    if (fs::exists(d / "events.csv")) return d;
    fs::create_directories(d);
    {
      std::ofstream acc(d / "accounts.csv");
      acc << "account_id,name,tier,region,signup_at,industry\n";
      for (int a = 0; a < kAccounts; ++a) acc << fmt::format("acc_{:06},Account {},growth,emea,2024-01-01,saas\n", a, a);
    }
    std::ofstream ev(d / "events.csv");
    ev << "ts,account_id,user_id,name,session_id,product_area,platform,is_error,duration_ms,event_id,properties\n";
    std::mt19937_64 rng(1);
    const char* areas[] = {"billing", "data_import", "reporting", "integrations", "admin", "editor"};
    const char* platforms[] = {"web", "ios", "android", "api"};
    const Timestamp start = *parse_timestamp("2025-01-01");
    std::string buf;
    for (std::int64_t i = 0; i < bench_events(); ++i) {
      const auto a = rng() % kAccounts;
      const auto u = rng() % 10;
      const auto area = rng() % 6;
      const bool err = rng() % 100 < 3;
      fmt::format_to(std::back_inserter(buf), "{},acc_{:06},u_{:06}_{},{}_{},s_{},{},{},{},{},ev_{:010},{}\n",
                     format_timestamp(start + static_cast<Timestamp>(rng() % (700 * 86400))), a, a, u,
                     err ? "error" : "action", rng() % 7, rng() % 2'000'000, areas[area], platforms[rng() % 4],
                     err ? 1 : 0, rng() % 5000, i,
                     rng() % 10 == 0 ? R"("{""error"":""timeout"",""version"":""4.2""}")" : "");
      if (buf.size() > (1 << 20)) {
        ev << buf;
        buf.clear();
      }
    }
    ev << buf;
    return d;
  }();
  return dir;
}

fs::path fresh_workspace(const std::string& name) {
  const fs::path ws = fs::temp_directory_path() / name;
  fs::remove_all(ws);
  auto store = store::Store::create(ws);
  store::IngestInput acc;
  acc.path = data_dir() / "accounts.csv";
  acc.label = acc.path.string();
  acc.kind = model::Kind::kAccounts;
  store::ingest(*store, {acc}, {});
  return ws;
}

store::IngestInput events_input() {
  store::IngestInput ev;
  ev.path = data_dir() / "events.csv";
  ev.label = ev.path.string();
  ev.kind = model::Kind::kEvents;
  return ev;
}

// First ingest of the events file into a store holding only the accounts: durable (fsync'd
// segments, SQLite synchronous=FULL) and idempotent (every row's key checked).
void BM_IngestEventsFresh(benchmark::State& state) {
  data_dir();
  for (auto _ : state) {
    state.PauseTiming();
    const auto ws = fresh_workspace("ticketlens-bench-ws");
    auto store = store::Store::open(ws);
    state.ResumeTiming();
    const auto r = store::ingest(*store, {events_input()}, {});
    if (r.files[0].inserted != bench_events()) state.SkipWithError("wrong inserted count");
  }
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(bench_events()) * static_cast<double>(state.iterations()),
                                                      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestEventsFresh)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

// The same file again: every row found unchanged, nothing written.
void BM_IngestEventsAgain(benchmark::State& state) {
  const auto ws = fs::temp_directory_path() / "ticketlens-bench-ws";
  auto store = store::Store::open(ws);
  for (auto _ : state) {
    const auto r = store::ingest(*store, {events_input()}, {});
    if (r.files[0].unchanged != bench_events()) state.SkipWithError("re-ingest changed rows");
  }
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(bench_events()) * static_cast<double>(state.iterations()),
                                                      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestEventsAgain)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

// Building the World from the store (what the cache saves), then loading it warm from the cache.
void BM_WorldBuild(benchmark::State& state) {
  auto store = store::Store::open(fs::temp_directory_path() / "ticketlens-bench-ws");
  std::size_t n = 0;
  for (auto _ : state) n = store::build_world(*store).events.size();
  state.counters["events"] = static_cast<double>(n);
}
BENCHMARK(BM_WorldBuild)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

void BM_WorldLoadWarm(benchmark::State& state) {
  auto store = store::Store::open(fs::temp_directory_path() / "ticketlens-bench-ws");
  store::load_world(*store);  // writes the cache if needed, and warms the page cache
  std::size_t n = 0, bytes = 0;
  for (auto _ : state) {
    store::LoadInfo info;
    const auto w = store::load_world(*store, {}, &info);
    if (!info.from_cache) state.SkipWithError("not from cache");
    n = w.events.size();
    bytes = w.event_bytes();
  }
  state.counters["events"] = static_cast<double>(n);
  state.counters["bytes_per_event"] = static_cast<double>(bytes) / static_cast<double>(n);
}
BENCHMARK(BM_WorldLoadWarm)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// The alternative of docs/decisions/0001: events as rows of a SQLite table keyed by event_id,
// with INSERT OR IGNORE in one transaction (the same durability settings), parsing excluded:
// rows are bound from memory, so this is an upper bound for SQLite.
void BM_SqliteEventsInsert(benchmark::State& state) {
  const std::int64_t n = std::min<std::int64_t>(bench_events(), 2'000'000);
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path db_path = fs::temp_directory_path() / "ticketlens-bench-sqlite.db";
    fs::remove(db_path);
    store::Database db(db_path.string(), true);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=FULL");
    db.exec("CREATE TABLE events (event_id TEXT PRIMARY KEY, ts INTEGER, account_id TEXT, user_id TEXT, "
            "name TEXT, session_id TEXT, product_area TEXT, platform TEXT, is_error INTEGER, "
            "duration_ms INTEGER, properties TEXT) WITHOUT ROWID");
    std::vector<std::string> ids(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) ids[static_cast<std::size_t>(i)] = fmt::format("ev_{:010}", (i * 7919) % n);
    state.ResumeTiming();
    db.exec("BEGIN");
    auto ins = db.prepare("INSERT OR IGNORE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    for (std::int64_t i = 0; i < n; ++i) {
      ins.reset();
      ins.bind_static(1, ids[static_cast<std::size_t>(i)]);
      ins.bind(2, std::int64_t{1735689600} + i);
      ins.bind_static(3, "acc_000123");
      ins.bind_static(4, "u_000123_4");
      ins.bind_static(5, "action_3");
      ins.bind_static(6, "s_123456");
      ins.bind_static(7, "reporting");
      ins.bind_static(8, "web");
      ins.bind(9, std::int64_t{0});
      ins.bind(10, std::int64_t{1200});
      ins.bind_null(11);
      ins.step();
    }
    db.exec("COMMIT");
  }
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()),
                                                      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SqliteEventsInsert)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
