// The window linkage kernel against a peer (bench/peers/run.sh drives it with DuckDB):
//   window_link_peer generate DIR [--events N] [--accounts N] [--tickets N] [--seed N]
//     writes DIR/events.csv (ts,account_id,name) and DIR/tickets.csv (ticket_id,account_id,
//     created_at): canonical columns (docs/input-format.md), ISO-8601 UTC times, rows in time order.
//   window_link_peer run DIR [--days 7] [--repeat 5]
//     loads both files into the World's columns (parallel RFC 4180 parsing, dictionary-encoded
//     account ids, sorted by (account, time) with account offsets), runs
//     analysis::count_account_events_before and prints one JSON line: load and kernel seconds
//     (the kernel's best of --repeat runs) and the total count; and weekly active accounts
//     (seconds and a checksum, wau_checksum below).
//     With --clickhouse URL [--cluster NAME --shards URL,URL]: also loads the events into
//     ClickHouse (database tl_bench, the layout `ingest` uses) and runs the same two questions
//     through store::ClickHouseEventKernels (tickets shipped, SQL on the shards, counts back).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "ticketlens/analysis/event_kernels.hpp"
#include "ticketlens/analysis/window_link.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/common/parallel.hpp"
#include "ticketlens/common/time.hpp"
#include "ticketlens/ingest/byte_source.hpp"
#include "ticketlens/ingest/csv_reader.hpp"
#include "ticketlens/net/clickhouse.hpp"
#include "ticketlens/store/clickhouse_events.hpp"
#include "ticketlens/store/clickhouse_kernels.hpp"

namespace fs = std::filesystem;
using namespace ticketlens;  // NOLINT(google-build-using-namespace): a small tool

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::int64_t arg(int argc, char** argv, const char* name, std::int64_t fallback) {
  for (int i = 0; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return std::stoll(argv[i + 1]);
  return fallback;
}

std::string text_arg(int argc, char** argv, const char* name) {
  for (int i = 0; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
  return {};
}

// Weekly active accounts as one checksum a peer can reproduce: Σ over weeks of week_index ×
// accounts, where week_index = (Monday − 1970-01-05) / 7 days.
std::uint64_t wau_checksum(const std::vector<model::WeekActiveAccounts>& weeks) {
  std::uint64_t sum = 0;
  for (const auto& w : weeks)
    sum += static_cast<std::uint64_t>((w.week_start - 345600) / (7 * kSecondsPerDay)) * static_cast<std::uint64_t>(w.accounts);
  return sum;
}

// ---- generate ---------------------------------------------------------------------------------

void iso(char* out, Timestamp t) {  // 20 chars, no terminator needed by the caller
  const std::string s = format_timestamp(t);
  std::memcpy(out, s.data(), 20);
}

int generate(const fs::path& dir, std::int64_t n_events, std::int64_t n_accounts, std::int64_t n_tickets,
             std::uint64_t seed) {
  fs::create_directories(dir);
  std::mt19937_64 rng(seed);
  const Timestamp start = 1767225600;  // 2026-01-01
  const Timestamp span = 300 * kSecondsPerDay;
  // Accounts differ in activity (a skewed weight), as real books do.
  std::vector<double> weight(static_cast<std::size_t>(n_accounts));
  std::lognormal_distribution<double> lognormal(0.0, 1.0);
  for (auto& w : weight) w = lognormal(rng);
  std::discrete_distribution<std::int64_t> pick(weight.begin(), weight.end());
  std::uniform_int_distribution<Timestamp> when(start, start + span - 1);
  constexpr const char* kNames[] = {"login", "page_view", "report_created", "csv_uploaded", "import_error",
                                    "payment_failed", "sync_completed", "save_failed"};
  std::uniform_int_distribution<int> name(0, 7);
  auto write = [&](const fs::path& path, const std::string& header, std::int64_t rows, bool tickets) {
    std::vector<std::pair<Timestamp, std::int64_t>> items(static_cast<std::size_t>(rows));
    for (auto& [t, a] : items) {
      t = when(rng);
      a = pick(rng);
    }
    std::sort(items.begin(), items.end());
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) throw Error(ErrorCode::kIo, "cannot write " + path.string());
    std::string buf = header + "\n";
    char ts[21] = {};
    std::int64_t i = 0;
    for (const auto& [t, a] : items) {
      iso(ts, t);
      if (tickets)
        buf += fmt::format("T{},A{},{}\n", i, a, std::string_view(ts, 20));
      else
        buf += fmt::format("{},A{},{}\n", std::string_view(ts, 20), a, kNames[name(rng)]);
      ++i;
      if (buf.size() > (1 << 20)) {
        std::fwrite(buf.data(), 1, buf.size(), f);
        buf.clear();
      }
    }
    std::fwrite(buf.data(), 1, buf.size(), f);
    std::fclose(f);
  };
  write(dir / "events.csv", "ts,account_id,name", n_events, false);
  write(dir / "tickets.csv", "ticket_id,account_id,created_at", n_tickets, true);
  fmt::print("{{\"events\": {}, \"accounts\": {}, \"tickets\": {}}}\n", n_events, n_accounts, n_tickets);
  return 0;
}

// ---- run --------------------------------------------------------------------------------------

// A ByteSource over a slice of a file held in memory.
class SliceSource final : public ingest::ByteSource {
 public:
  SliceSource(std::string_view bytes, std::string name) : bytes_(bytes), name_(std::move(name)) {}
  std::size_t read(char* buf, std::size_t n) override {
    const std::size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  std::string name_;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, "cannot read " + path.string());
  std::string bytes(fs::file_size(path), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

struct Rows {  // one column pair per part: account id text → local code, and the time
  Dictionary accounts;
  std::vector<std::uint32_t> account;
  std::vector<Timestamp> ts;
};

// Parses `file` (header first) in parallel parts split at line ends; account_col and ts_col name
// the columns. Plain unquoted CSV splits safely at '\n' (the generator writes no quotes).
std::vector<Rows> parse(const std::string& bytes, const std::string& account_col, const std::string& ts_col) {
  const std::size_t header_end = bytes.find('\n') + 1;
  std::vector<std::string_view> header_fields;
  {
    SliceSource src(std::string_view(bytes).substr(0, header_end), "header");
    ingest::CsvReader reader(src);
    ingest::CsvRecord rec;
    reader.next(rec);
    for (auto f : rec.fields) header_fields.push_back(f);
    std::vector<std::string> names(header_fields.begin(), header_fields.end());
    header_fields.clear();
    const auto a = std::find(names.begin(), names.end(), account_col) - names.begin();
    const auto t = std::find(names.begin(), names.end(), ts_col) - names.begin();
    if (a == static_cast<long>(names.size()) || t == static_cast<long>(names.size()))
      throw Error(ErrorCode::kInvalidInput, "missing column " + account_col + " or " + ts_col);
    const std::size_t parts = hardware_workers();
    std::vector<std::size_t> cut{header_end};
    for (std::size_t p = 1; p < parts; ++p) {
      std::size_t at = header_end + (bytes.size() - header_end) * p / parts;
      at = bytes.find('\n', at);
      cut.push_back(at == std::string::npos ? bytes.size() : at + 1);
    }
    cut.push_back(bytes.size());
    std::vector<Rows> out(parts);
    run_parts(parts, [&](std::size_t p) {
      SliceSource part(std::string_view(bytes).substr(cut[p], cut[p + 1] - cut[p]), "part");
      ingest::CsvReader part_reader(part, 1 << 20);
      ingest::CsvRecord r;
      Rows& rows = out[p];
      while (part_reader.next(r)) {
        if (!r.error.empty()) throw Error(ErrorCode::kInvalidInput, r.error);
        const auto time = parse_timestamp(r.fields[static_cast<std::size_t>(t)]);
        if (!time) throw Error(ErrorCode::kInvalidInput, "bad time");
        rows.account.push_back(rows.accounts.intern(r.fields[static_cast<std::size_t>(a)]));
        rows.ts.push_back(*time);
      }
    });
    return out;
  }
}

// Merges the parts' dictionaries into `accounts` and returns (account, ts) sorted by both, with
// per-account offsets (a counting sort by account, then each account's times sorted).
void build(std::vector<Rows>& parts, Dictionary& accounts, std::vector<std::uint64_t>& offsets,
           std::vector<Timestamp>& ts_out, std::vector<std::uint32_t>* account_out) {
  std::vector<std::vector<std::uint32_t>> remap(parts.size());
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (const auto& s : parts[p].accounts.strings()) remap[p].push_back(accounts.intern(s));
  std::size_t n = 0;
  for (const auto& p : parts) n += p.ts.size();
  // Offsets are sized after every file is parsed (events and tickets share the dictionary), so
  // here only count; the caller sizes them.
  offsets.assign(accounts.size() + 1, 0);
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (std::uint32_t a : parts[p].account) ++offsets[remap[p][a] + 1];
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  std::vector<std::uint64_t> next(offsets.begin(), offsets.end() - 1);
  ts_out.assign(n, 0);
  if (account_out) account_out->assign(n, 0);
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (std::size_t i = 0; i < parts[p].ts.size(); ++i) {
      const std::uint32_t a = remap[p][parts[p].account[i]];
      const auto at = next[a]++;
      ts_out[at] = parts[p].ts[i];
      if (account_out) (*account_out)[at] = a;
    }
  for (std::size_t a = 0; a + 1 < offsets.size(); ++a) {
    auto first = ts_out.begin() + static_cast<std::ptrdiff_t>(offsets[a]);
    auto last = ts_out.begin() + static_cast<std::ptrdiff_t>(offsets[a + 1]);
    if (!std::is_sorted(first, last)) std::sort(first, last);
  }
}

int argc_ = 0;
char** argv_ = nullptr;

std::string clickhouse_version(const std::string& url) {
  net::ClickHouseEndpoint e;
  e.url = url;
  return net::ClickHouseClient(e).version();
}

int run(const fs::path& dir, Timestamp days, int repeat) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string event_bytes = slurp(dir / "events.csv");
  const std::string ticket_bytes = slurp(dir / "tickets.csv");
  auto event_parts = parse(event_bytes, "account_id", "ts");
  auto ticket_parts = parse(ticket_bytes, "account_id", "created_at");
  model::World world;
  // Accounts: every id met in either file (tickets first: accounts without events are fine).
  for (auto* parts : {&ticket_parts, &event_parts})
    for (auto& p : *parts)
      for (const auto& s : p.accounts.strings()) world.accounts.ids.intern(s);
  std::vector<std::uint32_t> ticket_account;
  build(event_parts, world.accounts.ids, world.events.account_offsets, world.events.ts, nullptr);
  build(ticket_parts, world.accounts.ids, world.tickets.account_offsets, world.tickets.created_at, &ticket_account);
  world.accounts.signup_at.assign(world.accounts.ids.size(), 0);
  world.tickets.account = std::move(ticket_account);
  const double load_s = seconds_since(t0);

  // Question 1, window linkage: each ticket's account events in [created_at − days, created_at).
  // Question 2, weekly active accounts over all of the data.
  const analysis::EmbeddedEventKernels embedded;
  std::unique_ptr<store::ClickHouseEventKernels> clickhouse;
  double ch_load_s = 0;
  const std::string url = text_arg(argc_, argv_, "--clickhouse");
  if (!url.empty()) {
    // The same events in a ClickHouse cluster, as `ingest` lays them out (one segment).
    store::ClickHouseEventsConfig config;
    config.endpoint.url = url;
    config.database = "tl_bench";
    config.cluster = text_arg(argc_, argv_, "--cluster");
    const std::string shards = text_arg(argc_, argv_, "--shards");
    for (std::size_t at = 0; at < shards.size();) {
      const auto comma = shards.find(',', at);
      net::ClickHouseEndpoint e;
      e.url = shards.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      config.shards.push_back(e);
      at = comma == std::string::npos ? shards.size() : comma + 1;
    }
    auto events = std::make_shared<const store::ClickHouseEvents>(config);
    const auto c0 = std::chrono::steady_clock::now();
    for (const auto& shard : events->config().shards)
      net::ClickHouseClient(shard).execute("DROP TABLE IF EXISTS tl_bench." + std::string(config.cluster.empty() ? "events" : "events_local"));
    if (!config.cluster.empty()) net::ClickHouseClient(config.endpoint).execute("DROP TABLE IF EXISTS tl_bench.events");
    events->create_schema();
    std::string tsv;
    for (std::uint32_t a = 0; a < world.accounts.size(); ++a)
      for (auto i = world.events.account_offsets[a]; i < world.events.account_offsets[a + 1]; ++i) {
        fmt::format_to(std::back_inserter(tsv), "bench\t{}\t{}\n", world.accounts.ids.at(a), world.events.ts[i]);
        if (tsv.size() > (64 << 20)) {
          events->client().insert_tsv("tl_bench.events (segment, account_id, ts)", tsv);
          tsv.clear();
        }
      }
    if (!tsv.empty()) events->client().insert_tsv("tl_bench.events (segment, account_id, ts)", tsv);
    ch_load_s = seconds_since(c0);
    clickhouse = std::make_unique<store::ClickHouseEventKernels>(events, std::vector<std::string>{"bench"});
  }
  auto measure = [&](const model::EventKernels& k, double& q1_s, std::uint64_t& total, double& q2_s,
                     std::uint64_t& wau) {
    q1_s = q2_s = 1e300;
    for (int i = 0; i < repeat; ++i) {
      const auto k0 = std::chrono::steady_clock::now();
      const auto counts = k.events_before_tickets(world, days * kSecondsPerDay);
      q1_s = std::min(q1_s, seconds_since(k0));
      total = std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
      const auto w0 = std::chrono::steady_clock::now();
      const auto weeks = analysis::weekly_active_accounts(k.weekly_activity(world, 0, std::numeric_limits<Timestamp>::max() / 2));
      q2_s = std::min(q2_s, seconds_since(w0));
      wau = wau_checksum(weeks);
    }
  };
  double best = 0, wau_s = 0;
  std::uint64_t total = 0, wau = 0;
  measure(embedded, best, total, wau_s, wau);
  std::string ch_json;
  if (clickhouse) {
    double q1 = 0, q2 = 0;
    std::uint64_t t = 0, w = 0;
    measure(*clickhouse, q1, t, q2, w);
    ch_json = fmt::format(", \"clickhouse\": {{\"load_s\": {:.3f}, \"kernel_s\": {:.4f}, \"total\": {}, "
                          "\"wau_s\": {:.4f}, \"wau_checksum\": {}, \"version\": \"{}\"}}",
                          ch_load_s, q1, t, q2, w, clickhouse_version(url));
  }
  fmt::print("{{\"load_s\": {:.4f}, \"kernel_s\": {:.5f}, \"total\": {}, \"wau_s\": {:.5f}, \"wau_checksum\": {}, "
             "\"events\": {}, \"tickets\": {}, \"accounts\": {}, \"threads\": {}{}}}\n",
             load_s, best, total, wau_s, wau, world.events.ts.size(), world.tickets.created_at.size(),
             world.accounts.size(), hardware_workers(), ch_json);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  argc_ = argc;
  argv_ = argv;
  try {
    if (argc >= 3 && std::string(argv[1]) == "generate")
      return generate(argv[2], arg(argc, argv, "--events", 10'000'000), arg(argc, argv, "--accounts", 100'000),
                      arg(argc, argv, "--tickets", 200'000), static_cast<std::uint64_t>(arg(argc, argv, "--seed", 1)));
    if (argc >= 3 && std::string(argv[1]) == "run")
      return run(argv[2], arg(argc, argv, "--days", 7), static_cast<int>(arg(argc, argv, "--repeat", 5)));
    std::fprintf(stderr, "usage: window_link_peer generate DIR [--events N --accounts N --tickets N --seed N]\n"
                         "       window_link_peer run DIR [--days 7 --repeat 5]\n"
                         "           [--clickhouse URL [--cluster NAME --shards URL,URL]]\n");
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "window_link_peer: %s\n", e.what());
    return 3;
  }
}
