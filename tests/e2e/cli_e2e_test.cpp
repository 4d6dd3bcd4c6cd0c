// The real binary on real workspaces: demo, re-ingest, rejected files, and kill -9 mid-ingest.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "e2e_support.hpp"
#include "ticketlens/ingest/csv_reader.hpp"

namespace {

using namespace ticketlens::e2e;

nlohmann::json status_json(const std::string& ws) {
  const CommandResult r = run(fmt::format("status --workspace {} --format json", ws));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  return nlohmann::json::parse(r.out);
}

// Data records of a CSV file (bodies may span lines, so count records, not lines).
std::int64_t data_rows(const fs::path& csv) {
  auto source = ticketlens::ingest::open_file_source(csv);
  ticketlens::ingest::CsvReader reader(*source);
  ticketlens::ingest::CsvRecord record;
  std::int64_t n = 0;
  while (reader.next(record)) ++n;
  return n - 1;
}

constexpr const char* kDemoEnd = "2026-11-23";

TEST(CliE2eTest, DemoIngestsEverythingAndReingestChangesNothing) {
  TempDir ws;
  const CommandResult demo = run(fmt::format("demo --no-serve --workspace {} --size small --seed 7 --end {}", ws.str(), kDemoEnd));
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  EXPECT_NE(demo.out.find("planted effects"), std::string::npos) << demo.out;
  const auto before = status_json(ws.str());
  for (const char* kind : {"accounts", "users", "tickets", "events", "subscriptions", "issues",
                           "releases", "surveys", "assignments"}) {
    const auto file = ws.path() / "data" / (std::string(kind) + ".csv");
    EXPECT_EQ(before["rows"][kind].get<std::int64_t>(), data_rows(file)) << kind;
  }
  EXPECT_GT(before["rows"]["events"].get<std::int64_t>(), 100000);
  EXPECT_TRUE(fs::exists(ws.path() / "data" / "planted.json"));

  const CommandResult again = run(fmt::format("ingest --workspace {} {}/data/*.csv", ws.str(), ws.str()));
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find("nothing changed"), std::string::npos) << again.out;
  const auto after = status_json(ws.str());
  EXPECT_EQ(after["rows"], before["rows"]);
  EXPECT_EQ(after["data_version"], before["data_version"]);

  const CommandResult check = run(fmt::format("check --workspace {} --format json", ws.str()));
  ASSERT_EQ(check.exit_code, 0) << check.out;
  const auto findings = nlohmann::json::parse(check.out);
  for (const auto& f : findings) {
    if (f["name"] == "solved_before_created" || f["name"] == "events_after_churn") {
      EXPECT_EQ(f["count"], 0) << f.dump();
    }
  }
}

// The demo writes its snapshots; snapshot --month, --format html and a webhook that cannot be
// delivered (reported, recorded, never failing the command).
TEST(CliE2eTest, DemoWritesSnapshotsAndSnapshotReportsAFailedWebhook) {
  TempDir ws;
  const CommandResult demo = run(fmt::format("demo --no-serve --workspace {} --size small --seed 11 --end {}", ws.str(), kDemoEnd));
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  const auto planted = nlohmann::json::parse(read_text(ws.path() / "data" / "planted.json"));
  const std::string planted_week = planted["exposed_arr_week"]["week"];
  for (const std::string& week : {planted_week, std::string("2026-W47")})
    for (const char* ext : {"json", "md", "html"}) {
      const auto file = ws.path() / "reports" / fmt::format("snapshot-{}.{}", week, ext);
      EXPECT_TRUE(fs::exists(file)) << file;
      EXPECT_NE(demo.out.find(file.string()), std::string::npos) << demo.out;
    }
  const auto w = nlohmann::json::parse(read_text(ws.path() / "reports" / ("snapshot-" + planted_week + ".json")));
  EXPECT_EQ(w["decision"]["playbooks"][0]["fired"], true);
  EXPECT_NE(read_text(ws.path() / "reports" / "snapshot-2026-W47.html").find("<svg"), std::string::npos);

  const CommandResult month = run(fmt::format("snapshot --workspace {} --month 2026-10 --format json --no-store", ws.str()));
  ASSERT_EQ(month.exit_code, 0) << month.out;
  const auto m = nlohmann::json::parse(month.out);
  EXPECT_EQ(m["kind"], "month");
  EXPECT_EQ(m["period"]["label"], "2026-10");
  EXPECT_EQ(m["history"]["prev_period"], "2026-09");
  EXPECT_EQ(run(fmt::format("snapshot --workspace {} --month 2026-13", ws.str())).exit_code, 1);

  // Point the mitigation play at a port nobody listens on.
  std::string toml = read_text(ws.path() / "ticketlens.toml");
  toml.replace(toml.find("notify = \"\""), 11, "notify = \"http://127.0.0.1:1/hook\"");
  write(ws.path() / "ticketlens.toml", toml);
  const CommandResult snap = run(fmt::format("snapshot --workspace {} --week {} --out {}/out --format json,md,html",
                                             ws.str(), planted_week, ws.str()));
  ASSERT_EQ(snap.exit_code, 0) << snap.out;
  EXPECT_NE(snap.out.find("warning: webhook http://127.0.0.1:1/hook not delivered after 3 attempts"), std::string::npos)
      << snap.out;
  const auto out = nlohmann::json::parse(read_text(ws.path() / "out" / ("snapshot-" + planted_week + ".json")));
  ASSERT_EQ(out["decision"]["notifications"].size(), 1u);
  EXPECT_EQ(out["decision"]["notifications"][0]["delivered"], false);
  EXPECT_NE(read_text(ws.path() / "out" / ("snapshot-" + planted_week + ".md")).find("**not delivered**"),
            std::string::npos);
  EXPECT_NE(read_text(ws.path() / "out" / ("snapshot-" + planted_week + ".html")).find("FAILED"), std::string::npos);
  const CommandResult quiet = run(fmt::format("snapshot --workspace {} --week {} --no-notify --no-store --format json",
                                              ws.str(), planted_week));
  ASSERT_EQ(quiet.exit_code, 0) << quiet.out;
  EXPECT_EQ(quiet.out.find("warning: webhook"), std::string::npos);
  EXPECT_FALSE(nlohmann::json::parse(quiet.out)["decision"].contains("notifications"));
}

TEST(CliE2eTest, FileWithBadRowsLandsNothingAndReportsEveryRow) {
  TempDir ws;
  ASSERT_EQ(run(fmt::format("init --workspace {}", ws.str())).exit_code, 0);
  write(ws.path() / "accounts.csv", "account_id,name,tier,signup_at\na1,Acme,growth,2026-01-05\na2,Beta,starter,2026-02-01\n");
  ASSERT_EQ(run(fmt::format("ingest --workspace {0} {0}/accounts.csv", ws.str())).exit_code, 0);
  write(ws.path() / "tickets.csv",
        "ticket_id,account_id,created_at,channel,priority,csat\n"
        "t1,a1,2026-03-01T10:00:00Z,email,normal,5\n"
        "t2,a9,2026-03-02T10:00:00Z,email,normal,4\n"      // unknown account
        "t3,a2,yesterday,chat,high,\n"                       // bad timestamp
        "t4,a2,2026-03-03T10:00:00Z,pigeon,low,\n"           // bad channel
        "t5,a1,2026-03-04T10:00:00Z,EMAIL,Urgent,9\n"        // csat out of range
        "t1,a1,2026-03-05T10:00:00Z,email,normal,\n");       // duplicate id
  const CommandResult bad = run(fmt::format("ingest --workspace {0} {0}/tickets.csv", ws.str()));
  EXPECT_EQ(bad.exit_code, 2) << bad.out;
  const std::string file = (ws.path() / "tickets.csv").string();
  EXPECT_NE(bad.out.find(file + ":3: account_id: unknown account 'a9'"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find(file + ":4: created_at:"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find(file + ":5: channel:"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find(file + ":6: csat:"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find(file + ":7: ticket_id: duplicate id 't1' (first at line 2)"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("nothing landed"), std::string::npos) << bad.out;
  EXPECT_EQ(status_json(ws.str())["rows"]["tickets"], 0);

  const CommandResult skip = run(fmt::format("ingest --workspace {0} --skip-bad-rows {0}/tickets.csv", ws.str()));
  EXPECT_EQ(skip.exit_code, 2) << skip.out;  // rows were rejected, even though the good ones landed
  EXPECT_EQ(status_json(ws.str())["rows"]["tickets"], 1);
  const auto pos = skip.out.find("written to ");
  ASSERT_NE(pos, std::string::npos) << skip.out;
  const std::string rejects = skip.out.substr(pos + 11, skip.out.find('\n', pos) - pos - 11);
  EXPECT_EQ(data_rows(rejects), 5) << rejects;

  // A wrong header names the missing and the unknown columns.
  write(ws.path() / "tickets2.csv", "ticket,account_id,created\nx,a1,2026-01-01\n");
  const CommandResult header = run(fmt::format("ingest --workspace {0} --kind tickets {0}/tickets2.csv", ws.str()));
  EXPECT_EQ(header.exit_code, 2) << header.out;
  EXPECT_NE(header.out.find("missing required column(s) ticket_id, created_at"), std::string::npos) << header.out;
  EXPECT_NE(header.out.find("unknown column(s) ticket, created"), std::string::npos) << header.out;
}

TEST(CliE2eTest, UpdatedRowWinsAndIsCounted) {
  TempDir ws;
  ASSERT_EQ(run(fmt::format("init --workspace {}", ws.str())).exit_code, 0);
  write(ws.path() / "accounts.csv", "account_id,signup_at,tier\na1,2026-01-05,starter\n");
  ASSERT_EQ(run(fmt::format("ingest --workspace {0} {0}/accounts.csv", ws.str())).exit_code, 0);
  write(ws.path() / "accounts.csv", "account_id,signup_at,tier\na1,2026-01-05,growth\na2,2026-02-05,starter\n");
  const CommandResult r = run(fmt::format("ingest --workspace {0} {0}/accounts.csv --format json", ws.str()));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["files"][0]["inserted"], 1);
  EXPECT_EQ(j["files"][0]["updated"], 1);
  EXPECT_EQ(j["files"][0]["unchanged"], 0);
}

// A kill -9 at any moment leaves the store exactly as before the command; the re-run is exact.
TEST(CliE2eTest, IngestKilledMidwayLeavesStoreUnchanged) {
  TempDir ws;
  const CommandResult demo = run(fmt::format("demo --no-serve --workspace {} --size small --seed 3 --end {}", ws.str(), kDemoEnd));
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  const auto full = status_json(ws.str());
  // A second workspace with only the accounts; then ingest the events and kill it.
  TempDir ws2;
  ASSERT_EQ(run(fmt::format("init --workspace {}", ws2.str())).exit_code, 0);
  ASSERT_EQ(run(fmt::format("ingest --workspace {} {}/data/accounts.csv", ws2.str(), ws.str())).exit_code, 0);
  const auto before = status_json(ws2.str());
  for (int delay_ms : {150, 600, 1500}) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      const std::string ws2s = ws2.str(), events = (ws.path() / "data" / "events.csv").string(),
                        tickets = (ws.path() / "data" / "tickets.csv").string();
      const int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execl(TICKETLENS_BINARY, TICKETLENS_BINARY, "ingest", "--workspace", ws2s.c_str(), tickets.c_str(),
            events.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    const bool killed = WIFSIGNALED(status);
    const auto after = status_json(ws2.str());
    EXPECT_EQ(after["rows"], before["rows"]) << "killed=" << killed << " after " << delay_ms << " ms";
    EXPECT_EQ(after["data_version"], before["data_version"]);
  }
  const CommandResult rerun = run(fmt::format("ingest --workspace {0} {1}/data/tickets.csv {1}/data/events.csv", ws2.str(), ws.str()));
  ASSERT_EQ(rerun.exit_code, 0) << rerun.out;
  const auto done = status_json(ws2.str());
  EXPECT_EQ(done["rows"]["events"], full["rows"]["events"]);
  EXPECT_EQ(done["rows"]["tickets"], full["rows"]["tickets"]);
  // No orphan segment files are left behind.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(ws2.path() / "segments")) ++files;
  EXPECT_EQ(files, done["event_segments"].get<std::size_t>());
}

TEST(CliE2eTest, HelpAndUsageErrors) {
  const CommandResult help = run("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* sub : {"init", "demo", "ingest", "status", "log", "check"})
    EXPECT_NE(help.out.find(sub), std::string::npos) << sub;
  EXPECT_EQ(run("ingest --help").exit_code, 0);
  EXPECT_EQ(run("frobnicate").exit_code, 1);
  TempDir empty;
  const CommandResult missing = run(fmt::format("status --workspace {}", (empty.path() / "nope").string()));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("ticketlens init"), std::string::npos) << missing.out;
}

}  // namespace
