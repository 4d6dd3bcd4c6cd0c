#include "ticketlens/store/world_loader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "store_test_support.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::store::test {
namespace {

using model::Kind;
using model::World;

std::vector<std::string> strings_of(const Dictionary& d, const std::vector<std::uint32_t>& codes) {
  std::vector<std::string> out;
  for (auto c : codes) out.emplace_back(d.at(c));
  return out;
}

// Column-by-column equality, NaN equal to NaN (missing handle minutes).
void expect_same(const Dictionary& a, const Dictionary& b, const char* what) {
  EXPECT_EQ(a.strings(), b.strings()) << what;
}
template <class T>
void expect_same(const std::vector<T>& a, const std::vector<T>& b, const char* what) {
  if constexpr (std::is_floating_point_v<T>) {
    ASSERT_EQ(a.size(), b.size()) << what;
    EXPECT_TRUE(a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0) << what;
  } else {
    EXPECT_EQ(a, b) << what;
  }
}
template <class T>
void expect_same(const T& a, const T& b, const char* what) {
  EXPECT_EQ(a, b) << what;
}

#define SAME(field) expect_same(a.field, b.field, #field)

void expect_same_world(const World& a, const World& b) {
  SAME(data_version);
  SAME(data_start);
  SAME(data_end);
  SAME(user_ids);
  SAME(product_areas);
  SAME(accounts.ids);
  SAME(accounts.names);
  SAME(accounts.tier);
  SAME(accounts.region);
  SAME(accounts.industry);
  SAME(accounts.tiers);
  SAME(accounts.regions);
  SAME(accounts.industries);
  SAME(accounts.signup_at);
  SAME(users.account);
  SAME(users.created_at);
  SAME(events.account_offsets);
  SAME(events.ts);
  SAME(events.user);
  SAME(events.session);
  SAME(events.name);
  SAME(events.product_area);
  SAME(events.platform);
  SAME(events.is_error);
  SAME(events.names);
  SAME(events.platforms);
  SAME(events.session_count);
  SAME(tickets.account_offsets);
  SAME(tickets.ids);
  SAME(tickets.id);
  SAME(tickets.account);
  SAME(tickets.requester);
  SAME(tickets.created_at);
  SAME(tickets.first_response_at);
  SAME(tickets.solved_at);
  SAME(tickets.status);
  SAME(tickets.category);
  SAME(tickets.product_area);
  SAME(tickets.issue);
  SAME(tickets.assignee);
  SAME(tickets.team);
  SAME(tickets.tags);
  SAME(tickets.channel);
  SAME(tickets.priority);
  SAME(tickets.root_cause);
  SAME(tickets.escalated_to);
  SAME(tickets.handle_minutes);
  SAME(tickets.reopens);
  SAME(tickets.replies);
  SAME(tickets.csat);
  SAME(tickets.statuses);
  SAME(tickets.categories);
  SAME(tickets.assignees);
  SAME(tickets.teams);
  SAME(tickets.tag_sets);
  SAME(issues.ids);
  SAME(issues.opened_at);
  SAME(issues.resolved_at);
  SAME(issues.product_area);
  SAME(issues.kind);
  SAME(issues.kinds);
  SAME(subscriptions.ids);
  SAME(subscriptions.id);
  SAME(subscriptions.account);
  SAME(subscriptions.plan);
  SAME(subscriptions.started_at);
  SAME(subscriptions.ended_at);
  SAME(subscriptions.mrr);
  SAME(subscriptions.plans);
  SAME(releases.ids);
  SAME(releases.id);
  SAME(releases.released_at);
  SAME(releases.product_areas);
  SAME(releases.notes);
  SAME(surveys.ids);
  SAME(surveys.account);
  SAME(surveys.user);
  SAME(surveys.ticket);
  SAME(surveys.ts);
  SAME(surveys.kind);
  SAME(surveys.score);
  SAME(assignments.experiments);
  SAME(assignments.arms);
  SAME(assignments.experiment);
  SAME(assignments.account);
  SAME(assignments.arm);
  SAME(assignments.assigned_at);
}

#undef SAME

class WorldTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    const auto r = ingest_all();
    ASSERT_TRUE(r.committed);
    ASSERT_EQ(r.total_rejected, 0);
  }
  // Every other kind, so that the cache covers every table.
  void ingest_the_rest() {
    const auto r = ingest({
        input(Kind::kUsers,
              "user_id,account_id,email,created_at\nu1,a2,u1@beta.test,2025-03-02\nu2,a1,,\n"),
        input(Kind::kIssues,
              "issue_id,opened_at,resolved_at,product_area,kind\ni1,2026-01-01,,auth,bug\n"),
        input(Kind::kSubscriptions,
              "subscription_id,account_id,started_at,ended_at,mrr,plan\n"
              "s1,a1,2025-01-10,,1200.5,enterprise\ns2,a2,2025-03-01,2025-09-01,99,starter\n"),
        input(
            Kind::kReleases,
            "release_id,released_at,product_areas,notes\nr1,2026-01-02,auth; reports,Login revamp\n"
            "r2,2025-12-01,,\n"),
        input(Kind::kSurveys,
              "response_id,account_id,user_id,ts,kind,score,ticket_id\n"
              "v1,a1,u2,2026-01-07,csat,4,t2\nv2,a2,,2026-01-08,nps,9,t404\n"),
        input(Kind::kAssignments,
              "experiment_id,account_id,arm,assigned_at\nx1,a1,control,2025-06-01\nx1,a2,treatment,"
              "2025-06-01\n"),
        input(Kind::kTickets,
              "ticket_id,account_id,created_at,solved_at,handle_minutes,tags,issue_id,assignee,"
              "team,status\n"
              "t5,a3,2026-01-08T10:00:00Z,2026-01-09,12.5,vip;billing,i1,ann,tier1,solved\n"),
    });
    ASSERT_TRUE(r.committed);
    ASSERT_EQ(r.total_rejected, 0);
  }
  fs::path cache_path() const { return dir_.path() / "cache" / "world.bin"; }
};

TEST_F(WorldTest, EventsAreSortedByAccountThenTimeWithOffsets) {
  const World w = build_world(*store_);
  ASSERT_EQ(w.accounts.size(), 3u);
  // Accounts in id order.
  EXPECT_EQ(w.accounts.ids.strings(), (std::vector<std::string>{"a1", "a2", "a3"}));
  EXPECT_EQ(w.accounts.names, (std::vector<std::string>{"Acme", "Beta", "Gamma"}));
  EXPECT_EQ(w.events.account_offsets, (std::vector<std::uint64_t>{0, 3, 4, 5}));
  const Timestamp jan1 = 1767225600;
  const auto hours = [&](int day, int hour) { return jan1 + (day - 1) * 86400 + hour * 3600; };
  EXPECT_EQ(w.events.ts, (std::vector<Timestamp>{hours(2, 8), hours(3, 10), hours(4, 10),
                                                 hours(5, 10), hours(1, 10)}));
  EXPECT_EQ(strings_of(w.events.names, w.events.name),
            (std::vector<std::string>{"login", "export", "login", "login", "payment_failed"}));
  EXPECT_EQ(w.events.is_error, (std::vector<std::uint8_t>{0, 1, 0, 0, 1}));
  EXPECT_EQ(w.events.product_area[4], *w.product_areas.find("billing"));
  EXPECT_EQ(w.events.platform[4], model::kNoCode);
  EXPECT_EQ(w.events.user[4], model::kNone);
  EXPECT_EQ(w.events.session[4], model::kNone);
  EXPECT_EQ(w.events.session_count, 3u);
  EXPECT_EQ(w.events.session[1], w.events.session[2]);  // both in s2
  EXPECT_EQ(w.user_ids.at(w.events.user[0]), "u3");
  EXPECT_EQ(w.data_start, hours(1, 10));
  EXPECT_EQ(w.data_end, hours(6, 10));
  EXPECT_EQ(w.data_version, store_->data_version());
}

TEST_F(WorldTest, DictionariesHoldEachDistinctValueOnce) {
  const World w = build_world(*store_);
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(w.events.names.strings()),
            (std::vector<std::string>{"export", "login", "payment_failed"}));
  EXPECT_EQ(sorted(w.events.platforms.strings()), (std::vector<std::string>{"ios", "web"}));
  EXPECT_EQ(sorted(w.product_areas.strings()),
            (std::vector<std::string>{"auth", "billing", "reports"}));
  EXPECT_EQ(sorted(w.user_ids.strings()), (std::vector<std::string>{"u1", "u2", "u3"}));
  EXPECT_EQ(sorted(w.tickets.categories.strings()),
            (std::vector<std::string>{"billing", "data_import", "login"}));
  EXPECT_EQ(w.accounts.industries.size(), 2u);  // a3 has none
  EXPECT_EQ(w.accounts.industry[2], model::kNone);
}

TEST_F(WorldTest, TicketsAreGroupedByAccountInTimeOrder) {
  const World w = build_world(*store_);
  const auto& t = w.tickets;
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t.account_offsets, (std::vector<std::uint64_t>{0, 2, 4, 4}));
  EXPECT_EQ(strings_of(t.ids, t.id), (std::vector<std::string>{"t4", "t2", "t3", "t1"}));
  EXPECT_EQ(t.account, (std::vector<std::uint32_t>{0, 0, 1, 1}));
  for (std::size_t i = 1; i < t.size(); ++i)
    if (t.account[i] == t.account[i - 1]) {
      EXPECT_LE(t.created_at[i - 1], t.created_at[i]);
    }
  // Vocabulary columns are indexes into the schema's vocabularies.
  EXPECT_EQ(model::kChannels[t.channel[0]], "web");
  EXPECT_EQ(model::kPriorities[t.priority[0]], "urgent");
  EXPECT_EQ(t.root_cause[0], model::kNoCode);
  EXPECT_EQ(t.csat, (std::vector<std::int8_t>{-1, -1, 5, 4}));
  EXPECT_TRUE(std::isnan(t.handle_minutes[0]));
  EXPECT_EQ(t.reopens[0], -1);
  EXPECT_EQ(t.first_response_at[0], model::kNoTime);
}

TEST_F(WorldTest, CacheRoundTripsExactly) {
  ingest_the_rest();
  const World built = build_world(*store_);
  ASSERT_EQ(built.subscriptions.size(), 2u);
  ASSERT_EQ(built.releases.size(), 2u);
  ASSERT_EQ(built.releases.product_areas[1].size(), 2u);
  ASSERT_EQ(built.surveys.size(), 2u);
  ASSERT_EQ(built.assignments.size(), 2u);
  ASSERT_EQ(built.issues.size(), 1u);
  write_world_cache(built, cache_path());
  const World read = read_world_cache(cache_path());
  expect_same_world(built, read);
}

TEST_F(WorldTest, EmptyStoreRoundTrips) {
  TempDir other;
  auto empty = Store::create(other.path());
  const World built = build_world(*empty);
  EXPECT_EQ(built.accounts.size(), 0u);
  EXPECT_EQ(built.events.account_offsets, (std::vector<std::uint64_t>{0}));
  EXPECT_EQ(built.data_start, model::kNoTime);
  write_world_cache(built, other.path() / "world.bin");
  expect_same_world(built, read_world_cache(other.path() / "world.bin"));
}

TEST_F(WorldTest, LoadUsesTheCacheUntilTheDataVersionMoves) {
  LoadInfo info;
  const World first = load_world(*store_, {}, &info);
  EXPECT_FALSE(info.from_cache);
  EXPECT_TRUE(fs::exists(cache_path()));
  const World second = load_world(*store_, {}, &info);
  EXPECT_TRUE(info.from_cache);
  expect_same_world(first, second);
  // An ingest that changes nothing keeps the cache valid.
  ingest_all();
  load_world(*store_, {}, &info);
  EXPECT_TRUE(info.from_cache);
  // One that changes data moves the version: the cache is rebuilt.
  ingest({input(Kind::kEvents, kEventsHeader + "2026-01-09T10:00:00Z,a3,,logout,,,,,,,\n")});
  const World third = load_world(*store_, {}, &info);
  EXPECT_FALSE(info.from_cache);
  EXPECT_EQ(third.events.size(), 6u);
  EXPECT_EQ(third.data_version, store_->data_version());
  expect_same_world(third, read_world_cache(cache_path()));
  // Without the cache nothing is read or written.
  fs::remove(cache_path());
  load_world(*store_, LoadOptions{false, false, {}}, &info);
  EXPECT_FALSE(info.from_cache);
  EXPECT_FALSE(fs::exists(cache_path()));
}

TEST_F(WorldTest, CorruptedCacheIsDetectedAndRebuilt) {
  ingest_the_rest();
  const World built = build_world(*store_);
  load_world(*store_);
  const auto size = static_cast<long>(fs::file_size(cache_path()));
  // The magic at both ends, the first section, the middle, the section table and the footer.
  for (long offset : {0L, 3L, 8L, 20L, size / 2, size - 200, size - 30, size - 20, size - 1}) {
    SCOPED_TRACE(offset);
    load_world(*store_);  // a good cache first
    flip_byte(cache_path(), offset);
    EXPECT_THROW(read_world_cache(cache_path()), Error);
    std::vector<std::string> messages;
    LoadInfo info;
    const World w = load_world(
        *store_, LoadOptions{true, false, [&](const std::string& m) { messages.push_back(m); }}, &info);
    EXPECT_FALSE(info.from_cache);
    ASSERT_FALSE(messages.empty());
    EXPECT_NE(messages[0].find("corrupt"), std::string::npos) << messages[0];
    expect_same_world(built, w);
    // The rebuilt cache is good again.
    expect_same_world(built, read_world_cache(cache_path()));
  }
}

TEST_F(WorldTest, TruncatedCacheIsRebuilt) {
  load_world(*store_);
  fs::resize_file(cache_path(), fs::file_size(cache_path()) / 2);
  LoadInfo info;
  load_world(*store_, {}, &info);
  EXPECT_FALSE(info.from_cache);
  EXPECT_NO_THROW(read_world_cache(cache_path()));
}

TEST_F(WorldTest, CorruptedSegmentIsAStoreErrorNamingTheFile) {
  const auto segments = store_->segments();
  ASSERT_EQ(segments.size(), 1u);
  const auto path = store_->segments_dir() / segments[0].file;
  flip_byte(path, static_cast<long>(fs::file_size(path) / 3));
  try {
    build_world(*store_);
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kStore);
    EXPECT_NE(std::string(e.what()).find(segments[0].file), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("corrupt"), std::string::npos) << e.what();
  }
}

TEST_F(WorldTest, MissingSegmentIsAnError) {
  const auto segments = store_->segments();
  ASSERT_EQ(segments.size(), 1u);
  fs::remove(store_->segments_dir() / segments[0].file);
  EXPECT_THROW(build_world(*store_), Error);
}

}  // namespace
}  // namespace ticketlens::store::test
