// The event-stream sources through the canonical ingest: Segment (batch and JSON lines),
// Amplitude, PostHog and a generic event log on sparkify-eventsim.
#include <gtest/gtest.h>

#include "import_test_support.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::store::test {
namespace {

const fs::path kData = fs::path(TICKETLENS_TEST_DATA) / "importers" / "events";

// Events are stored in segments, not rows: the canonical event as the importer produced it
// (by event_id), and the stored events as the World loads them.
std::vector<std::string> imported_event(const ImportRun& run, const std::string& event_id,
                                        const std::vector<std::string>& columns) {
  const auto& schema = model::schema_of(model::Kind::kEvents);
  for (const auto& t : run.imported.tables) {
    if (t.kind != model::Kind::kEvents) continue;
    for (const auto& r : t.rows) {
      if (r.values[static_cast<std::size_t>(model::column_index(schema, "event_id"))] != event_id) continue;
      std::vector<std::string> out;
      for (const auto& c : columns) out.push_back(r.values[static_cast<std::size_t>(model::column_index(schema, c))]);
      return out;
    }
  }
  return {"<no event " + event_id + ">"};
}

const std::vector<std::string> kEventCols = {"ts", "account_id", "user_id", "name", "session_id",
                                             "platform", "is_error", "properties"};

TEST_F(ImportTest, SegmentMapsTrackPageIdentifyAndGroupCalls) {
  seed_known_customer();  // account acme, user u-carla <carla@acme.io>
  const auto run = import("segment", {kData / "segment_batch.json", kData / "segment.jsonl"});
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  EXPECT_EQ(count("events"), 3);
  // u-1 identified with Carla's email: the known user of acme.
  EXPECT_EQ(imported_event(run, "segment-m-1", kEventCols),
            (std::vector<std::string>{"2026-10-01T10:00:00Z", "acme", "u-carla", "Report Exported", "",
                                      "macos", "0", R"({"format":"pdf"})"}));
  // u-2 belongs to group g-7 (Globex, unknown): the group becomes an account.
  EXPECT_EQ(imported_event(run, "segment-m-2", {"account_id", "user_id", "name"}),
            (std::vector<std::string>{"segment-group-g-7", "segment-u-2", "page_viewed"}));
  EXPECT_EQ(imported_event(run, "segment-m-3", {"account_id", "name"}),
            (std::vector<std::string>{"segment-group-g-7", "Invoice Viewed"}));
  EXPECT_EQ(row("accounts", "segment-group-g-7", "name, signup_at"),
            (std::vector<std::string>{"Globex", "2026-08-15T00:00:00Z"}));
  EXPECT_EQ(row("users", "segment-u-2", "account_id"), (std::vector<std::string>{"segment-group-g-7"}));
  EXPECT_EQ(run.imported.skipped.at("alias calls (identities are not merged)"), 1);
  EXPECT_EQ(run.imported.skipped.at("calls without userId or anonymousId"), 1);
}

TEST_F(ImportTest, SegmentCallWithABadTimestampIsRejectedWithFileAndLine) {
  seed_known_customer();
  const auto run = import("segment", {kData / "segment.jsonl", kData / "segment_bad.jsonl"});
  EXPECT_FALSE(run.result.committed) << rejects_text(run.result);
  ASSERT_EQ(run.result.first_rejects.size(), 1u) << rejects_text(run.result);
  EXPECT_EQ(run.result.first_rejects[0].file, (kData / "segment_bad.jsonl").string());
  EXPECT_EQ(run.result.first_rejects[0].line, 1);
  EXPECT_EQ(run.result.first_rejects[0].field, "timestamp");
  EXPECT_NE(run.result.first_rejects[0].reason.find("'not a time' is not a time"), std::string::npos)
      << run.result.first_rejects[0].reason;
  EXPECT_EQ(count("events"), 0);
}

TEST_F(ImportTest, AmplitudeMapsUsersDevicesGroupsAndSessions) {
  const auto run = import("amplitude", {kData / "amplitude.jsonl"});
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  EXPECT_EQ(count("events"), 2);
  EXPECT_EQ(imported_event(run, "amplitude-ins-1", kEventCols),
            (std::vector<std::string>{"2026-10-03T12:00:00Z", "amplitude-group-initech", "amplitude-amp-1",
                                      "session_start", "1759492800000", "web", "0", ""}));
  // No user_id: the device is the person; session -1 means none.
  EXPECT_EQ(imported_event(run, "amplitude-ins-2", {"account_id", "user_id", "session_id", "platform", "properties"}),
            (std::vector<std::string>{"amplitude-user-d-2", "amplitude-d-2", "", "ios", R"({"tab":"home"})"}));
  EXPECT_EQ(row("accounts", "amplitude-group-initech", "signup_at"),
            (std::vector<std::string>{"2026-10-03T12:00:00Z"}));  // first seen: Amplitude has no signup
  EXPECT_EQ(row("users", "amplitude-amp-1", "email"), (std::vector<std::string>{"peter@initech.com"}));
  EXPECT_EQ(run.imported.skipped.at("events without user_id or device_id"), 1);
}

TEST_F(ImportTest, PosthogCsvMapsEventsAndIdentifiesPeopleByEmail) {
  seed_known_customer();
  const auto run = import("posthog", {kData / "posthog_events.csv"});
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  EXPECT_EQ(count("events"), 2);
  // ph-1 is identified ($identify) with Carla's email: acme.
  EXPECT_EQ(imported_event(run, "posthog-0189a-1", {"ts", "account_id", "user_id", "name", "session_id", "platform"}),
            (std::vector<std::string>{"2026-10-04T08:00:00Z", "acme", "u-carla", "$pageview", "s-1", "windows"}));
  EXPECT_EQ(imported_event(run, "posthog-0189a-3", {"account_id", "user_id", "name"}),
            (std::vector<std::string>{"posthog-user-ph-2", "posthog-ph-2", "invoice_paid"}));
  EXPECT_EQ(run.imported.skipped.at("events without a timestamp"), 1);
}

TEST_F(ImportTest, EventLogMapsSparkifyEventsim) {
  const fs::path dir = dataset("sparkify-eventsim-log-data");
  if (dir.empty()) GTEST_SKIP() << "dataset sparkify-eventsim-log-data not found under " << TICKETLENS_DATASETS;
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(dir))
    if (f.path().extension() == ".json") files.push_back(f.path());
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 30u);
  const auto run = import("eventlog", files);
  ASSERT_TRUE(run.result.committed) << rejects_text(run.result);
  EXPECT_EQ(run.result.total_rejected, 0);
  // 8,056 events; 286 have no userId (logged out / guest) and are skipped; 97 users, each its
  // own account (eventsim has no organisations), signed up at `registration`.
  EXPECT_EQ(count("events"), 7770);
  EXPECT_EQ(run.imported.skipped.at("events without a user (logged-out or guest)"), 286);
  EXPECT_EQ(count("accounts"), 97);
  EXPECT_EQ(count("users"), 97);
  EXPECT_EQ(row("accounts", "eventlog-user-39", "signup_at"), (std::vector<std::string>{"2018-10-30T17:06:06Z"}));
  EXPECT_EQ(row("users", "eventlog-39", "account_id"), (std::vector<std::string>{"eventlog-user-39"}));
  // As stored: status 404 responses are errors (9); user 39's 4 events, the first at
  // 2018-11-01T20:57:10Z (ts 1541105830796 ms).
  const auto world = load_world(*store);
  ASSERT_EQ(world.events.size(), 7770u);
  std::int64_t errors = 0;
  for (auto e : world.events.is_error) errors += e;
  EXPECT_EQ(errors, 9);
  const auto a = world.accounts.ids.find("eventlog-user-39");
  ASSERT_TRUE(a.has_value());
  const auto begin = world.events.account_offsets[*a], end = world.events.account_offsets[*a + 1];
  EXPECT_EQ(end - begin, 4u);
  EXPECT_EQ(format_timestamp(world.events.ts[begin]), "2018-11-01T20:57:10Z");
  EXPECT_EQ(world.events.names.at(world.events.name[begin]), "Home");
}

}  // namespace
}  // namespace ticketlens::store::test
