// The demo company: deterministic bytes, canonical headers, clean references and orderings, and
// the planted effects measured back from the written files (not from the generator's memory).
#include "ticketlens/demo/generator.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "demo_test_support.hpp"
#include "ticketlens/common/time.hpp"
#include "ticketlens/model/schema.hpp"

namespace ticketlens::demo {
namespace {

using namespace test;  // NOLINT(google-build-using-namespace): the helpers of this test

class DemoWorldTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    DemoOptions options;
    options.end = kEnd;
    options.event_scale = 0.25;  // quick under sanitizers; tickets and revenue are full size
    planted_dir = temp_dir("planted");
    planted = generate_demo(options, planted_dir);
    options.plant_effects = false;
    plain_dir = temp_dir("plain");
    plain = generate_demo(options, plain_dir);
  }
  static void TearDownTestSuite() {
    fs::remove_all(planted_dir);
    fs::remove_all(plain_dir);
  }
  static inline fs::path planted_dir, plain_dir;
  static inline DemoSummary planted, plain;
};

TEST(DemoSizeTest, ParsesTheThreeSizes) {
  EXPECT_EQ(parse_size("small"), Size::kSmall);
  EXPECT_EQ(parse_size("medium"), Size::kMedium);
  EXPECT_EQ(parse_size("large"), Size::kLarge);
  EXPECT_FALSE(parse_size("huge").has_value());
  EXPECT_FALSE(parse_size("").has_value());
}

TEST(DemoDeterminismTest, SameSeedGivesIdenticalBytes) {
  DemoOptions options;
  options.end = kEnd;
  options.event_scale = 0.05;
  const auto a = temp_dir("det_a"), b = temp_dir("det_b"), c = temp_dir("det_c");
  int progress_calls = 0;
  double last_fraction = -1;
  options.progress = [&](std::string_view, double f) {
    ++progress_calls;
    EXPECT_GE(f, last_fraction);
    last_fraction = f;
  };
  generate_demo(options, a);
  options.progress = nullptr;
  generate_demo(options, b);
  options.seed = 43;
  generate_demo(options, c);
  EXPECT_GT(progress_calls, 5);
  EXPECT_DOUBLE_EQ(last_fraction, 1.0);
  for (const auto& s : model::all_schemas()) {
    const std::string file = std::string(s.name) + ".csv";
    EXPECT_EQ(read_all(a / file), read_all(b / file)) << file;
  }
  EXPECT_EQ(read_all(a / "planted.json"), read_all(b / "planted.json"));
  EXPECT_NE(read_all(a / "tickets.csv"), read_all(c / "tickets.csv"));
  fs::remove_all(a);
  fs::remove_all(b);
  fs::remove_all(c);
}

TEST(DemoEndTest, RejectsAnEndBefore2000) {
  DemoOptions options;
  options.end = 0;
  EXPECT_THROW(generate_demo(options, temp_dir("bad_end")), std::exception);
}

TEST_F(DemoWorldTest, WritesCanonicalHeadersAndCountsRows) {
  for (const auto& s : model::all_schemas()) {
    const std::string file = std::string(s.name) + ".csv";
    Row header;
    std::int64_t rows = 0;
    read_csv(planted_dir / file, [&](const Row& r) {
      ++rows;
      ASSERT_EQ(r.size(), s.columns.size()) << file << " row " << rows;
    }, &header);
    ASSERT_EQ(header.size(), s.columns.size()) << file;
    for (std::size_t i = 0; i < header.size(); ++i) EXPECT_EQ(header[i], s.columns[i].name);
    EXPECT_EQ(planted.rows_per_file.at(file), rows) << file;
    EXPECT_GT(rows, 0) << file;
  }
  const nlohmann::json on_disk = nlohmann::json::parse(read_all(planted_dir / "planted.json"));
  EXPECT_EQ(on_disk, planted.planted);
}

TEST_F(DemoWorldTest, SmallWorldHasTheAdvertisedShape) {
  EXPECT_EQ(planted.rows_per_file.at("accounts.csv"), 500);
  EXPECT_GT(planted.rows_per_file.at("tickets.csv"), 3500);
  EXPECT_LT(planted.rows_per_file.at("tickets.csv"), 8000);
  // event_scale 0.25 of ~500k.
  EXPECT_GT(planted.rows_per_file.at("events.csv"), 80000);
  EXPECT_LT(planted.rows_per_file.at("events.csv"), 200000);
  EXPECT_EQ(plain.rows_per_file.at("accounts.csv"), 500);
}

void check_integrity(const fs::path& dir) {
  using model::Kind;
  std::unordered_map<std::string, Timestamp> signup;
  read_csv(dir / "accounts.csv", [&](const Row& r) {
    EXPECT_TRUE(signup.emplace(r[0], ts(r[col(Kind::kAccounts, "signup_at")])).second) << r[0];
    EXPECT_LT(signup[r[0]], kEnd);
  });
  std::unordered_map<std::string, std::string> account_of_user;
  std::unordered_map<std::string, Timestamp> user_created;
  read_csv(dir / "users.csv", [&](const Row& r) {
    const auto& account = r[col(Kind::kUsers, "account_id")];
    ASSERT_TRUE(signup.count(account)) << account;
    EXPECT_TRUE(account_of_user.emplace(r[0], account).second) << r[0];
    const Timestamp created = ts(r[col(Kind::kUsers, "created_at")]);
    user_created[r[0]] = created;
    EXPECT_GE(created, signup[account]);
    EXPECT_LT(created, kEnd);
  });
  const auto subs = subscriptions_of(dir);
  for (const auto& [account, list] : subs) {
    ASSERT_TRUE(signup.count(account)) << account;
    EXPECT_EQ(list.front().start, signup[account]) << account;
    for (std::size_t i = 0; i < list.size(); ++i) {
      EXPECT_LT(list[i].start, list[i].end) << account;
      if (i) {
        EXPECT_GE(list[i].start, list[i - 1].end) << account << " overlapping subscriptions";
      }
    }
  }
  EXPECT_EQ(subs.size(), signup.size()) << "every account has a subscription";

  std::unordered_set<std::string> issue_ids;
  read_csv(dir / "issues.csv", [&](const Row& r) {
    EXPECT_TRUE(issue_ids.insert(r[0]).second);
    const auto& resolved = r[col(Kind::kIssues, "resolved_at")];
    if (!resolved.empty()) {
      EXPECT_LT(ts(r[col(Kind::kIssues, "opened_at")]), ts(resolved));
    }
  });

  std::unordered_set<std::string> ticket_ids;
  int tickets = 0, missing_handle = 0;
  auto in_vocab = [](std::span<const std::string_view> vocab, const std::string& v) {
    return std::find(vocab.begin(), vocab.end(), v) != vocab.end();
  };
  read_csv(dir / "tickets.csv", [&](const Row& r) {
    ++tickets;
    EXPECT_TRUE(ticket_ids.insert(r[0]).second) << r[0];
    const auto& account = r[col(Kind::kTickets, "account_id")];
    ASSERT_TRUE(signup.count(account)) << account;
    EXPECT_EQ(account_of_user[r[col(Kind::kTickets, "requester_id")]], account) << r[0];
    const Timestamp created = ts(r[col(Kind::kTickets, "created_at")]);
    EXPECT_LT(created, kEnd);
    EXPECT_TRUE(active_at(subs.at(account), created)) << r[0] << " filed while not a customer";
    EXPECT_GE(created, user_created[r[col(Kind::kTickets, "requester_id")]]) << r[0];
    const auto& first = r[col(Kind::kTickets, "first_response_at")];
    const auto& solved = r[col(Kind::kTickets, "solved_at")];
    if (!first.empty()) {
      EXPECT_GE(ts(first), created) << r[0];
      EXPECT_LT(ts(first), kEnd);
    }
    if (!solved.empty()) {
      ASSERT_FALSE(first.empty()) << r[0];
      EXPECT_GE(ts(solved), ts(first)) << r[0];
      EXPECT_LT(ts(solved), kEnd);
    }
    EXPECT_TRUE(in_vocab(model::kChannels, r[col(Kind::kTickets, "channel")]));
    EXPECT_TRUE(in_vocab(model::kPriorities, r[col(Kind::kTickets, "priority")]));
    EXPECT_TRUE(in_vocab(model::kRootCauses, r[col(Kind::kTickets, "root_cause")]));
    EXPECT_TRUE(in_vocab(model::kEscalations, r[col(Kind::kTickets, "escalated_to")]));
    const auto& csat = r[col(Kind::kTickets, "csat")];
    if (!csat.empty()) {
      EXPECT_TRUE(csat >= "1" && csat <= "5" && csat.size() == 1) << csat;
    }
    missing_handle += r[col(Kind::kTickets, "handle_minutes")].empty();
    const auto& issue = r[col(Kind::kTickets, "issue_id")];
    if (!issue.empty()) {
      EXPECT_TRUE(issue_ids.count(issue)) << issue;
    }
    EXPECT_FALSE(r[col(Kind::kTickets, "subject")].empty());
    EXPECT_GT(r[col(Kind::kTickets, "body")].size(), 40u);
  });
  EXPECT_GT(missing_handle, tickets / 50);
  EXPECT_LT(missing_handle, tickets / 10);

  std::unordered_set<std::string> event_ids;
  std::int64_t events = 0;
  read_csv(dir / "events.csv", [&](const Row& r) {
    ++events;
    EXPECT_TRUE(event_ids.insert(r[col(Kind::kEvents, "event_id")]).second);
    const auto& account = r[col(Kind::kEvents, "account_id")];
    ASSERT_TRUE(signup.count(account)) << account;
    const auto& user = r[col(Kind::kEvents, "user_id")];
    EXPECT_EQ(account_of_user[user], account);
    const Timestamp t = ts(r[col(Kind::kEvents, "ts")]);
    EXPECT_LT(t, kEnd);
    EXPECT_GE(t, user_created[user]) << user << " active before it was created";
    // Never after churn, never while churned between two subscriptions.
    EXPECT_TRUE(active_at(subs.at(account), t)) << account << " event at " << format_timestamp(t);
    const auto& error = r[col(Kind::kEvents, "is_error")];
    EXPECT_TRUE(error == "0" || error == "1");
    const auto& props = r[col(Kind::kEvents, "properties")];
    if (error == "1" || events % 97 == 0) {
      if (!props.empty() || error == "1") {
        const auto j = nlohmann::json::parse(props, nullptr, false);
        ASSERT_TRUE(j.is_object()) << props;
        if (error == "1") {
          EXPECT_TRUE(j.contains("error") && j.contains("version")) << props;
        }
      }
    }
  });

  std::unordered_set<std::string> response_ids;
  read_csv(dir / "surveys.csv", [&](const Row& r) {
    EXPECT_TRUE(response_ids.insert(r[0]).second);
    ASSERT_TRUE(signup.count(r[col(Kind::kSurveys, "account_id")]));
    const auto& kind = r[col(Kind::kSurveys, "kind")];
    EXPECT_TRUE(kind == "nps" || kind == "csat");
    const int score = std::stoi(r[col(Kind::kSurveys, "score")]);
    EXPECT_TRUE(kind == "nps" ? score >= 0 && score <= 10 : score >= 1 && score <= 5);
    const auto& ticket = r[col(Kind::kSurveys, "ticket_id")];
    EXPECT_EQ(ticket.empty(), kind == "nps");
    if (!ticket.empty()) {
      EXPECT_TRUE(ticket_ids.count(ticket));
    }
    EXPECT_LT(ts(r[col(Kind::kSurveys, "ts")]), kEnd);
  });
  read_csv(dir / "assignments.csv", [&](const Row& r) {
    const auto& account = r[col(Kind::kAssignments, "account_id")];
    ASSERT_TRUE(signup.count(account));
    EXPECT_EQ(ts(r[col(Kind::kAssignments, "assigned_at")]), signup[account]);
    const auto& arm = r[col(Kind::kAssignments, "arm")];
    EXPECT_TRUE(arm == "control" || arm == "treatment");
  });
  Timestamp last_release = 0;
  read_csv(dir / "releases.csv", [&](const Row& r) {
    const Timestamp at = ts(r[col(Kind::kReleases, "released_at")]);
    EXPECT_GT(at, last_release);
    EXPECT_LT(at, kEnd);
    last_release = at;
  });
}

TEST_F(DemoWorldTest, ReferencesAndOrderingsHold) { check_integrity(planted_dir); }

TEST_F(DemoWorldTest, ReferencesAndOrderingsHoldWithoutPlantedEffects) {
  check_integrity(plain_dir);
}

TEST_F(DemoWorldTest, PlantedExposedArrWeekCrossesThreePercentAndItsNeighboursDoNot) {
  const auto& e = planted.planted.at("exposed_arr_week");
  const Timestamp week = ts(e.at("week_start").get<std::string>());
  EXPECT_EQ(format_iso_week(iso_week_of(week)), e.at("week").get<std::string>());
  EXPECT_EQ(week + 9 * 7 * kDay, kEnd);  // the 9th-last full week
  const double pct = exposed_arr_pct(planted_dir, week);
  EXPECT_GT(pct, 3.5);
  EXPECT_NEAR(pct, e.at("exposed_arr_pct").get<double>(), 1e-6);
  // Normal weeks: those whose trailing 30 days do not include the planted week.
  double sum = 0;
  int weeks = 0;
  for (int k : {-6, -5, -4, -3, -2, -1, 5, 6, 7, 8}) {
    const Timestamp w = week + k * 7 * kDay;
    if (w + 7 * kDay > kEnd) continue;
    const double normal = exposed_arr_pct(planted_dir, w);
    EXPECT_LT(normal, 3.0) << format_iso_week(iso_week_of(w));
    sum += normal;
    ++weeks;
  }
  EXPECT_EQ(weeks, 10);
  EXPECT_LT(sum / weeks, 1.5);
  // The four weeks after still hold the burst in their trailing 30 days.
  for (int k = 1; k <= 3; ++k) EXPECT_GT(exposed_arr_pct(planted_dir, week + k * 7 * kDay), 3.0);
}

TEST_F(DemoWorldTest, WithoutPlantedEffectsNoWeekCrossesThreePercent) {
  const Timestamp last = iso_week_start(iso_week_of(kEnd - 1));
  for (int k = 1; k <= 30; ++k) {
    const Timestamp w = last - k * 7 * kDay;
    EXPECT_LT(exposed_arr_pct(plain_dir, w), 3.0) << format_iso_week(iso_week_of(w));
  }
  EXPECT_TRUE(plain.planted.at("exposed_arr_week").is_null());
}

TEST_F(DemoWorldTest, PlantedPrecursorsPrecedeTheirTickets) {
  const auto& p = planted.planted.at("precursors");
  ASSERT_EQ(p.size(), 2u);
  for (const auto& [event, category, probability] :
       {std::tuple{"payment_failed", "billing", p[0].at("probability").get<double>()},
        std::tuple{"import_error", "data_import", p[1].at("probability").get<double>()}}) {
    const auto s = precursor_shares(planted_dir, event, category);
    SCOPED_TRACE(event);
    EXPECT_GT(s.tickets, 200);
    EXPECT_NEAR(s.before_tickets, probability, 0.08);
    EXPECT_LT(s.control, 0.1);
    EXPECT_GT(s.before_tickets, 5 * s.control);
  }
}

TEST_F(DemoWorldTest, WithoutPlantedEffectsEventsDoNotPrecedeTickets) {
  EXPECT_TRUE(plain.planted.at("precursors").empty());
  for (const auto& [event, category] : {std::pair{"payment_failed", "billing"},
                                        std::pair{"import_error", "data_import"}}) {
    const auto s = precursor_shares(plain_dir, event, category);
    SCOPED_TRACE(event);
    EXPECT_LT(s.before_tickets, 0.1);
  }
}

TEST_F(DemoWorldTest, PlantedCostlyCategoryTakesFourTimesTheHandleTime) {
  const auto& c = planted.planted.at("costly_category");
  const auto [costly, others] = handle_medians(planted_dir, c.at("category").get<std::string>());
  EXPECT_GT(costly / others, 3.0);
  const auto [plain_costly, plain_others] = handle_medians(plain_dir, "integrations");
  EXPECT_LT(plain_costly / plain_others, 1.6);
  EXPECT_TRUE(plain.planted.at("costly_category").is_null());
}

TEST_F(DemoWorldTest, PlantedReleaseRaisesTicketsInItsArea) {
  using model::Kind;
  const auto& r = planted.planted.at("release_spike");
  const Timestamp at = ts(r.at("released_at").get<std::string>());
  const std::string area = r.at("product_area").get<std::string>();
  bool found = false;
  read_csv(planted_dir / "releases.csv", [&](const Row& row) {
    if (row[0] != r.at("release_id").get<std::string>()) return;
    found = true;
    EXPECT_EQ(ts(row[col(Kind::kReleases, "released_at")]), at);
    EXPECT_NE(row[col(Kind::kReleases, "product_areas")].find(area), std::string::npos);
  });
  EXPECT_TRUE(found);
  auto ratio = [&](const fs::path& dir) {
    int before = 0, after = 0;
    read_csv(dir / "tickets.csv", [&](const Row& row) {
      if (row[col(Kind::kTickets, "product_area")] != area) return;
      const Timestamp t = ts(row[col(Kind::kTickets, "created_at")]);
      before += t >= at - 28 * kDay && t < at;
      after += t >= at && t < at + 14 * kDay;
    });
    return 2.0 * after / std::max(1, before);
  };
  EXPECT_GT(ratio(planted_dir), 2.0);
  EXPECT_LT(ratio(plain_dir), 1.6);
}

}  // namespace
}  // namespace ticketlens::demo
