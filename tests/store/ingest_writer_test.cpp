#include "ticketlens/store/ingest_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "store_test_support.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::store::test {
namespace {

using model::Kind;

const FileResult& file(const IngestResult& r, const std::string& kind) {
  auto it = std::find_if(r.files.begin(), r.files.end(),
                         [&](const FileResult& f) { return f.kind == kind; });
  EXPECT_NE(it, r.files.end()) << kind;
  return *it;
}

std::size_t segment_files(Store& store) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(store.segments_dir())) n += e.is_regular_file();
  return n;
}

std::string ticket_subject(Store& store, const std::string& id) {
  auto s = store.db().prepare("SELECT subject FROM tickets WHERE ticket_id = ?");
  s.bind(1, std::string_view(id));
  return s.step() ? std::string(s.column_text(0)) : "<none>";
}

TEST_F(StoreTest, FirstIngestInsertsEveryRow) {
  const auto r = ingest_all();
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.total_rejected, 0);
  ASSERT_EQ(r.files.size(), 3u);
  EXPECT_EQ(file(r, "accounts").inserted, 3);
  EXPECT_EQ(file(r, "tickets").inserted, 4);
  EXPECT_EQ(file(r, "events").inserted, 5);
  EXPECT_EQ(count("accounts"), 3);
  EXPECT_EQ(count("tickets"), 4);
  EXPECT_EQ(count("events"), 5);
  EXPECT_EQ(store_->data_version(), 1);
  EXPECT_EQ(store_->schema_version(), kSchemaVersion);
}

TEST_F(StoreTest, ReingestChangesNothing) {
  ingest_all();
  const auto version = store_->data_version();
  const auto segments = store_->segments();
  const auto r = ingest_all();
  EXPECT_TRUE(r.committed);
  EXPECT_FALSE(r.changed());
  for (const auto& f : r.files) {
    EXPECT_EQ(f.inserted, 0) << f.kind;
    EXPECT_EQ(f.updated, 0) << f.kind;
    EXPECT_EQ(f.rejected, 0) << f.kind;
  }
  EXPECT_EQ(file(r, "accounts").unchanged, 3);
  EXPECT_EQ(file(r, "tickets").unchanged, 4);
  EXPECT_EQ(file(r, "events").unchanged, 5);
  EXPECT_EQ(store_->data_version(), version);
  EXPECT_EQ(store_->segments().size(), segments.size());
  EXPECT_EQ(count("events"), 5);
}

TEST_F(StoreTest, AccountsLandFirstWhateverTheOrderGiven) {
  const auto r = ingest({input(Kind::kEvents, kEvents), input(Kind::kTickets, kTickets),
                         input(Kind::kAccounts, kAccounts)});
  EXPECT_TRUE(r.committed);
  EXPECT_EQ(r.total_rejected, 0);
  EXPECT_EQ(r.files.front().kind, "accounts");
  EXPECT_EQ(count("tickets"), 4);
  EXPECT_EQ(count("events"), 5);
}

TEST_F(StoreTest, ChangedTicketIsUpdatedAndTheLaterIngestWins) {
  ingest_all();
  const auto version = store_->data_version();
  std::string changed = kTickets;
  changed.replace(changed.find("Invoice wrong"), 13, "Invoice still wrong");
  const auto r = ingest({input(Kind::kTickets, changed)});
  const auto& f = file(r, "tickets");
  EXPECT_EQ(f.updated, 1);
  EXPECT_EQ(f.unchanged, 3);
  EXPECT_EQ(f.inserted, 0);
  EXPECT_EQ(ticket_subject(*store_, "t1"), "Invoice still wrong");
  EXPECT_EQ(count("tickets"), 4);
  EXPECT_EQ(store_->data_version(), version + 1);
}

TEST_F(StoreTest, EventWithSameIdAndOtherContentIsUpdated) {
  ingest_all();
  const auto r = ingest({input(
      Kind::kEvents, kEventsHeader + "2026-01-05T10:00:00Z,a2,u1,logout,s1,auth,web,0,120,e1,\n")});
  const auto& f = file(r, "events");
  EXPECT_EQ(f.updated, 1);
  EXPECT_EQ(f.inserted, 0);
  EXPECT_EQ(count("events"), 5);
  const model::World w = build_world(*store_);
  ASSERT_EQ(w.events.size(), 5u);
  const auto a2 = *w.accounts.ids.find("a2");
  const auto first = w.events.account_offsets[a2], last = w.events.account_offsets[a2 + 1];
  ASSERT_EQ(last - first, 1u);
  EXPECT_EQ(w.events.names.at(w.events.name[first]), "logout");
  // The replaced row is gone everywhere: no event is named login for a2.
  for (auto i = first; i < last; ++i) EXPECT_NE(w.events.names.at(w.events.name[i]), "login");
  // And re-sending the new version changes nothing.
  const auto again = ingest({input(
      Kind::kEvents, kEventsHeader + "2026-01-05T10:00:00Z,a2,u1,logout,s1,auth,web,0,120,e1,\n")});
  EXPECT_EQ(file(again, "events").unchanged, 1);
  EXPECT_EQ(file(again, "events").updated, 0);
}

TEST_F(StoreTest, EventUpdatedTwiceInOneCommandKeepsTheLastVersion) {
  ingest_all();
  const std::string v2 = kEventsHeader + "2026-01-05T10:00:00Z,a2,u1,v2,s1,auth,web,0,120,e1,\n";
  const std::string v3 = kEventsHeader + "2026-01-05T10:00:00Z,a2,u1,v3,s1,auth,web,0,120,e1,\n";
  const auto r =
      ingest({input(Kind::kEvents, v2, "first.csv"), input(Kind::kEvents, v3, "second.csv")});
  EXPECT_EQ(r.files[0].updated, 1);
  EXPECT_EQ(r.files[1].updated, 1);
  EXPECT_EQ(count("events"), 5);
  const model::World w = build_world(*store_);
  EXPECT_FALSE(w.events.names.find("v2").has_value());
  EXPECT_TRUE(w.events.names.find("v3").has_value());
  // Every segment file on disk is one the manifest names.
  EXPECT_EQ(segment_files(*store_), store_->segments().size());
}

TEST_F(StoreTest, EventsWithoutIdAreDeduplicatedOnTheWholeRow) {
  ingest({input(Kind::kAccounts, kAccounts)});
  const std::string row = "2026-01-04T10:00:00Z,a1,u2,login,s2,auth,ios,0,,,\n";
  const auto r = ingest({input(Kind::kEvents, kEventsHeader + row + row + row)});
  EXPECT_EQ(file(r, "events").inserted, 1);
  EXPECT_EQ(file(r, "events").unchanged, 2);
  EXPECT_EQ(count("events"), 1);
  // The same row again is unchanged; one column different is another event.
  const std::string other = "2026-01-04T10:00:00Z,a1,u2,login,s2,auth,web,0,,,\n";
  const auto r2 = ingest({input(Kind::kEvents, kEventsHeader + row + other)});
  EXPECT_EQ(file(r2, "events").unchanged, 1);
  EXPECT_EQ(file(r2, "events").inserted, 1);
  EXPECT_EQ(count("events"), 2);
}

TEST_F(StoreTest, DuplicateEventIdWithOtherContentInOneFileIsRejected) {
  ingest({input(Kind::kAccounts, kAccounts)});
  const auto r =
      ingest({input(Kind::kEvents, kEventsHeader + "2026-01-05T10:00:00Z,a2,u1,login,,,,,,e9,\n"
                                                   "2026-01-05T11:00:00Z,a2,u1,login,,,,,,e9,\n")});
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.first_rejects.size(), 1u);
  EXPECT_EQ(r.first_rejects[0].line, 3);
  EXPECT_EQ(r.first_rejects[0].field, "event_id");
  EXPECT_NE(r.first_rejects[0].reason.find("first at line 2"), std::string::npos)
      << r.first_rejects[0].reason;
  EXPECT_EQ(count("events"), 0);
}

TEST_F(StoreTest, SmallFlushesGiveTheSameResult) {
  IngestOptions options;
  options.flush_rows = 2;
  const auto r = ingest_all(options);
  EXPECT_EQ(file(r, "events").inserted, 5);
  EXPECT_EQ(count("events"), 5);
  EXPECT_GE(store_->segments().size(), 3u);
  const auto again = ingest_all(options);
  EXPECT_EQ(file(again, "events").unchanged, 5);
  EXPECT_FALSE(again.changed());
}

TEST_F(StoreTest, FileWithOneBadRowLandsNothing) {
  ingest({input(Kind::kAccounts, kAccounts)});
  const auto version = store_->data_version();
  const std::string bad = kTickets + "t5,a1,2026-01-07T10:00:00Z,email,normal,login,Hi,9\n";
  const auto r =
      ingest({input(Kind::kTickets, bad, "data/tickets.csv"), input(Kind::kEvents, kEvents)});
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(r.total_rejected, 1);
  ASSERT_EQ(r.first_rejects.size(), 1u);
  const auto& rej = r.first_rejects[0];
  EXPECT_EQ(rej.file, "data/tickets.csv");
  EXPECT_EQ(rej.line, 6);
  EXPECT_EQ(rej.field, "csat");
  EXPECT_EQ(rej.reason, "9 is out of range [1, 5]");
  EXPECT_EQ(count("tickets"), 0);
  EXPECT_EQ(count("events"), 0);  // the whole command, not only the bad file
  EXPECT_TRUE(store_->segments().empty());
  EXPECT_EQ(store_->data_version(), version);
  EXPECT_EQ(segment_files(*store_), 0u) << "segments of a rolled-back command are removed";
  // Lineage keeps the rejected attempt.
  const auto log = store_->ingest_log();
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log[0].status, "rejected");
  EXPECT_EQ(log[1].status, "rejected");
}

TEST_F(StoreTest, EveryBadRowIsReportedAndCounted) {
  ingest({input(Kind::kAccounts, kAccounts)});
  const std::string bad =
      "ticket_id,account_id,created_at,channel\n"
      "t1,a1,yesterday,email\n"
      "t2,a1,2026-01-05,fax\n"
      ",a1,2026-01-05,email\n"
      "t4,a1,2026-01-05,email,extra\n";
  IngestOptions options;
  options.max_reported = 2;
  const auto r = ingest({input(Kind::kTickets, bad)}, options);
  EXPECT_EQ(r.total_rejected, 4);
  EXPECT_EQ(file(r, "tickets").rejected, 4);
  ASSERT_EQ(r.first_rejects.size(), 2u);
  EXPECT_EQ(r.first_rejects[0].field, "created_at");
  EXPECT_EQ(r.first_rejects[0].line, 2);
  EXPECT_EQ(r.first_rejects[1].field, "channel");
  EXPECT_EQ(r.first_rejects[1].line, 3);
}

TEST_F(StoreTest, SkipBadRowsLandsTheGoodRowsAndWritesTheRejects) {
  ingest({input(Kind::kAccounts, kAccounts)});
  const std::string bad =
      kTickets + "t5,a1,2026-01-07T10:00:00Z,email,normal,login,\"Hi, there\",9\n";
  IngestOptions options;
  options.skip_bad_rows = true;
  const auto r = ingest({input(Kind::kTickets, bad, "in/tickets.csv")}, options);
  EXPECT_TRUE(r.committed);
  const auto& f = file(r, "tickets");
  EXPECT_EQ(f.inserted, 4);
  EXPECT_EQ(f.rejected, 1);
  EXPECT_EQ(count("tickets"), 4);
  ASSERT_FALSE(f.rejects_file.empty());
  ASSERT_TRUE(fs::exists(f.rejects_file));
  EXPECT_EQ(fs::path(f.rejects_file).parent_path(), dir_.path() / "rejects");
  const std::string text = read_file(f.rejects_file);
  EXPECT_EQ(text.rfind("file,line,field,reason,ticket_id,account_id,", 0), 0u) << text;
  EXPECT_NE(text.find("in/tickets.csv,6,csat,\"9 is out of range [1, 5]\",t5,a1,"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\"Hi, there\""), std::string::npos) << text;
  EXPECT_EQ(store_->ingest_log()[0].status, "ok-with-rejects");
}

TEST_F(StoreTest, UnknownAccountIsRejectedByName) {
  ingest({input(Kind::kAccounts, kAccounts)});
  const auto r =
      ingest({input(Kind::kTickets, kTickets + "t9,a404,2026-01-07,email,,,,\n"),
              input(Kind::kEvents, kEventsHeader + "2026-01-05T10:00:00Z,zz,u1,login,,,,,,,\n")});
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.first_rejects.size(), 2u);
  EXPECT_EQ(r.first_rejects[0].field, "account_id");
  EXPECT_NE(r.first_rejects[0].reason.find("unknown account 'a404'"), std::string::npos);
  EXPECT_EQ(r.first_rejects[0].line, 6);
  EXPECT_EQ(r.first_rejects[1].field, "account_id");
  EXPECT_NE(r.first_rejects[1].reason.find("unknown account 'zz'"), std::string::npos);
  EXPECT_EQ(r.first_rejects[1].line, 2);
}

TEST_F(StoreTest, DuplicateTicketIdNamesTheFirstLine) {
  ingest({input(Kind::kAccounts, kAccounts)});
  const auto r = ingest({input(Kind::kTickets, kTickets + "t3,a1,2026-01-07,email,,,,\n")});
  EXPECT_FALSE(r.committed);
  ASSERT_EQ(r.first_rejects.size(), 1u);
  EXPECT_EQ(r.first_rejects[0].line, 6);
  EXPECT_EQ(r.first_rejects[0].field, "ticket_id");
  EXPECT_EQ(r.first_rejects[0].reason, "duplicate id 't3' (first at line 4)");
}

TEST_F(StoreTest, IngestLogHasOneRowPerFileWithDigestAndCounts) {
  ingest_all();
  const auto r = ingest({input(Kind::kAccounts, kAccounts, "accounts-again.csv")});
  const auto log = store_->ingest_log();
  ASSERT_EQ(log.size(), 4u);
  // Newest first.
  EXPECT_EQ(log[0].path, "accounts-again.csv");
  EXPECT_EQ(log[0].command_id, r.command_id);
  EXPECT_EQ(log[0].unchanged, 3);
  EXPECT_EQ(log[0].status, "ok");
  EXPECT_EQ(log[3].path, "accounts.csv");
  EXPECT_EQ(log[3].kind, "accounts");
  EXPECT_EQ(log[3].format, "csv");
  EXPECT_EQ(log[3].size, static_cast<std::int64_t>(kAccounts.size()));
  EXPECT_EQ(log[3].sha256, "c97cb129418a920a2cc3766e49da6c77d4a6ce391b825a12e51a909903bc7fd1");
  EXPECT_EQ(log[3].sha256, log[0].sha256);
  EXPECT_EQ(log[3].inserted, 3);
  EXPECT_EQ(log[2].kind, "tickets");
  EXPECT_EQ(log[2].inserted, 4);
  EXPECT_EQ(log[1].kind, "events");
  EXPECT_EQ(log[1].inserted, 5);
  EXPECT_EQ(log[1].command_id, log[3].command_id);
  EXPECT_NE(log[0].command_id, log[3].command_id);
  EXPECT_LE(log[3].started_at, log[3].ended_at);
  EXPECT_GT(log[3].started_at, 0);
}

TEST_F(StoreTest, DigestCoversTrailingBlankLines) {
  const std::string body = kAccounts + "\n\n\n";
  ingest({input(Kind::kAccounts, body)});
  EXPECT_EQ(store_->ingest_log()[0].size, static_cast<std::int64_t>(body.size()));
}

TEST_F(StoreTest, IngestsFromAFile) {
  write_file(dir_.path() / "accounts.csv", kAccounts);
  IngestInput in;
  in.path = dir_.path() / "accounts.csv";
  in.label = in.path.string();
  in.kind = Kind::kAccounts;
  const auto r = ingest({in});
  EXPECT_EQ(file(r, "accounts").inserted, 3);
  EXPECT_EQ(store_->ingest_log()[0].sha256,
            "c97cb129418a920a2cc3766e49da6c77d4a6ce391b825a12e51a909903bc7fd1");
}

TEST_F(StoreTest, JsonLinesIngestMatchesCsv) {
  ingest({input(Kind::kAccounts, kAccounts)});
  const auto r = ingest(
      {input(Kind::kEvents,
             "{\"ts\":\"2026-01-05T10:00:00Z\",\"account_id\":\"a2\",\"user_id\":\"u1\","
             "\"name\":\"login\",\"session_id\":\"s1\",\"product_area\":\"auth\","
             "\"platform\":\"web\",\"is_error\":false,\"duration_ms\":120,\"event_id\":\"e1\"}\n",
             "", ingest::FileFormat::kJsonLines)});
  EXPECT_EQ(file(r, "events").inserted, 1);
  EXPECT_EQ(file(r, "events").format, "jsonl");
  // The same event as CSV is the same row.
  const auto again = ingest({input(
      Kind::kEvents, kEventsHeader + "2026-01-05T10:00:00Z,a2,u1,login,s1,auth,web,0,120,e1,\n")});
  EXPECT_EQ(file(again, "events").unchanged, 1);
}

TEST_F(StoreTest, BadHeaderThrowsAndLeavesTheStoreAsItWas) {
  ingest_all();
  const auto version = store_->data_version();
  const auto log_rows = store_->ingest_log().size();
  try {
    // The new event is written to a segment before the tickets file fails.
    ingest({input(Kind::kEvents, kEventsHeader + "2026-01-09T10:00:00Z,a3,,logout,,,,,,,\n"),
            input(Kind::kTickets, "ticket_id,created\nt1,2026-01-01\n")});
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDataRejected);
    EXPECT_NE(std::string(e.what()).find("account_id, created_at"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store_->data_version(), version);
  EXPECT_EQ(store_->ingest_log().size(), log_rows);
  EXPECT_EQ(count("events"), 5);
  EXPECT_EQ(segment_files(*store_), store_->segments().size())
      << "no segment of the failed command is left";
}

TEST_F(StoreTest, OrphanSegmentFilesAreRemovedAtTheNextIngest) {
  ingest_all();
  const auto orphan = store_->segments_dir() / "ev-999-999-0.seg";
  const auto tmp = store_->segments_dir() / "ev-1-1-0.seg.tmp-abc";
  write_file(orphan, "left by a killed ingest");
  write_file(tmp, "half written");
  ingest({input(Kind::kAccounts, kAccounts)});
  EXPECT_FALSE(fs::exists(orphan));
  EXPECT_FALSE(fs::exists(tmp));
  for (const auto& s : store_->segments())
    EXPECT_TRUE(fs::exists(store_->segments_dir() / s.file)) << s.file;
  EXPECT_EQ(count("events"), 5);
  EXPECT_EQ(build_world(*store_).events.size(), 5u);
}

TEST_F(StoreTest, StoreReopensWithItsData) {
  ingest_all();
  store_.reset();
  auto reopened = Store::open(dir_.path());
  EXPECT_EQ(reopened->row_counts().at("tickets"), 4);
  EXPECT_EQ(reopened->data_version(), 1);
}

TEST(StoreOpenTest, MissingStoreIsNotFound) {
  TempDir dir;
  try {
    Store::open(dir.path());
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_NE(std::string(e.what()).find("ticketlens init"), std::string::npos);
  }
}

}  // namespace
}  // namespace ticketlens::store::test
