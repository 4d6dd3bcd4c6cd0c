// Support KPIs on a hand-made world; every expected number is worked out in the comments.
#include "ticketlens/analysis/kpi.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "ticketlens/common/error.hpp"
#include "world_builder.hpp"

namespace ticketlens::analysis {
namespace {

using test::at;

// Period: Monday 2026-11-02 to Monday 2026-11-09 (ISO week 2026-W45).
//
// a1 (growth, emea)         a2 (starter, region missing)
// t0 billing 10-20, solved 10-21         -> before the period; makes t1 recurrent (13 days)
// t1 billing 11-02 09:00  FR 2 h, solved after 10 h, email/normal, none, reopens 0, replies 1,
//    CSAT 5                               -> recurrent
// t2 integrations 11-03 08:00  FR 4 h, solved after 24 h, chat/high, product, reopens 2,
//    replies 3, CSAT 2
// t3 billing (a2) 11-04 12:00  no FR, open, phone/urgent, tier2, counts missing
//    -> a2's previous billing ticket t5 is 34.5 days earlier: not recurrent; in the backlog
// t4 (a2, no category) 11-06 00:00  FR 1 h, solved 11-10 (96 h, after the period: backlog),
//    web, engineering, reopens 1, replies 0, CSAT 4
// t5 billing (a2) 10-01, pending, never solved -> backlog only
// t6 billing (a1) 11-09 00:00 = the period's end -> outside, and not in the backlog
model::World kpi_world() {
  test::WorldBuilder b;
  b.account("a1", "growth", "emea").account("a2", "starter", "");
  b.ticket({.id = "t0", .account = "a1", .created = "2026-10-20T10:00:00Z", .solved = "2026-10-21T10:00:00Z",
            .category = "billing"});
  b.ticket({.id = "t1", .account = "a1", .created = "2026-11-02T09:00:00Z",
            .first_response = "2026-11-02T11:00:00Z", .solved = "2026-11-02T19:00:00Z", .category = "billing",
            .product_area = "billing", .handle_minutes = 20, .reopens = 0, .replies = 1, .csat = 5});
  b.ticket({.id = "t2", .account = "a1", .created = "2026-11-03T08:00:00Z",
            .first_response = "2026-11-03T12:00:00Z", .solved = "2026-11-04T08:00:00Z", .channel = "chat",
            .priority = "high", .category = "integrations", .product_area = "integrations",
            .escalated_to = "product", .reopens = 2, .replies = 3, .csat = 2});
  b.ticket({.id = "t3", .account = "a2", .created = "2026-11-04T12:00:00Z", .status = "open",
            .channel = "phone", .priority = "urgent", .category = "billing", .escalated_to = "tier2",
            .handle_minutes = 30});
  b.ticket({.id = "t4", .account = "a2", .created = "2026-11-06T00:00:00Z",
            .first_response = "2026-11-06T01:00:00Z", .solved = "2026-11-10T00:00:00Z", .channel = "web",
            .escalated_to = "engineering", .handle_minutes = 10, .reopens = 1, .replies = 0, .csat = 4});
  b.ticket({.id = "t5", .account = "a2", .created = "2026-10-01T00:00:00Z", .status = "pending",
            .category = "billing"});
  b.ticket({.id = "t6", .account = "a1", .created = "2026-11-09T00:00:00Z", .status = "new",
            .category = "billing"});
  // NPS in the period: 10 (promoter), 6 (detractor), 8 (passive), 9 (promoter): 50% − 25% = 25.
  // The 0 on 10-01 is outside. CES: 5 (linked to t2) and 3 (unlinked): mean 4. CSAT surveys are
  // not read (CSAT comes from the tickets).
  b.survey({.account = "a1", .ts = "2026-11-03", .kind = "nps", .score = 10});
  b.survey({.account = "a2", .ts = "2026-11-05", .kind = "nps", .score = 6});
  b.survey({.account = "a1", .ts = "2026-11-06", .kind = "nps", .score = 8});
  b.survey({.account = "a2", .ts = "2026-11-08", .kind = "nps", .score = 9});
  b.survey({.account = "a1", .ts = "2026-10-01", .kind = "nps", .score = 0});
  b.survey({.account = "a1", .ts = "2026-11-04", .kind = "ces", .score = 5, .ticket = "t2"});
  b.survey({.account = "a2", .ts = "2026-11-07", .kind = "ces", .score = 3});
  b.survey({.account = "a1", .ts = "2026-11-04", .kind = "csat", .score = 1, .ticket = "t1"});
  return b.build();
}

const Period kWeek{at("2026-11-02"), at("2026-11-09")};

TEST(KpiTest, OverallValuesMatchTheHandComputation) {
  const auto world = kpi_world();
  const auto r = compute_kpis(world, model::Config{}, kWeek);
  const auto& v = r.overall;
  EXPECT_EQ(v.tickets, 4);  // t1..t4
  EXPECT_DOUBLE_EQ(v.share_pct, 100);
  // First response: 1, 2, 4 h. Median 2; p90 at h = 0.9 × 2 = 1.8: 2 + 0.8 × (4 − 2) = 3.6.
  EXPECT_EQ(v.first_response_hours.n, 3);
  EXPECT_DOUBLE_EQ(v.first_response_hours.median, 2);
  EXPECT_DOUBLE_EQ(v.first_response_hours.p90, 3.6);
  EXPECT_DOUBLE_EQ(v.first_response_hours.mean, 7.0 / 3);
  EXPECT_EQ(v.first_response_missing, 1);  // t3
  // Resolution: 10, 24, 96 h (t4 solved after the period still counts). p90: 24 + 0.8 × 72.
  EXPECT_EQ(v.solved, 3);
  EXPECT_DOUBLE_EQ(v.resolution_hours.median, 24);
  EXPECT_DOUBLE_EQ(v.resolution_hours.p90, 81.6);
  EXPECT_DOUBLE_EQ(v.resolution_hours.mean, 130.0 / 3);
  // Reopens 0 + 2 + 1 = 3 (t3 unknown); reopened 2 of 3 known.
  EXPECT_EQ(v.reopens, 3);
  EXPECT_DOUBLE_EQ(v.reopened_pct, 200.0 / 3);
  EXPECT_DOUBLE_EQ(v.replies_mean, 4.0 / 3);  // (1 + 3 + 0) / 3
  // One touch: solved with a known reply count t1 (1), t2 (3), t4 (0): t1 and t4.
  EXPECT_DOUBLE_EQ(v.one_touch_pct, 200.0 / 3);
  EXPECT_EQ(v.recurrent, 1);  // t1 only
  EXPECT_DOUBLE_EQ(v.recurrent_pct, 25);
  EXPECT_EQ(v.escalated, 3);             // t2, t3, t4
  EXPECT_EQ(v.escalated_to_product, 2);  // t2 product, t4 engineering
  EXPECT_DOUBLE_EQ(v.escalated_pct, 75);
  EXPECT_DOUBLE_EQ(v.escalated_to_product_pct, 50);
  // CSAT 5, 2, 4: mean 11/3, satisfied 2 of 3.
  EXPECT_EQ(v.csat_responses, 3);
  EXPECT_DOUBLE_EQ(v.csat_mean, 11.0 / 3);
  EXPECT_DOUBLE_EQ(v.csat_satisfied_pct, 200.0 / 3);
  EXPECT_EQ(v.backlog, 3);  // t3, t4 (solved 11-10), t5
  EXPECT_EQ(v.nps_responses, 4);
  EXPECT_DOUBLE_EQ(v.nps, 25);
  EXPECT_EQ(v.ces_responses, 2);
  EXPECT_DOUBLE_EQ(v.ces_mean, 4);
  EXPECT_TRUE(r.groups.empty());
}

TEST(KpiTest, ByCategoryKeepsMissingAsAGroup) {
  const auto world = kpi_world();
  const Dimension by[] = {Dimension::kCategory};
  const auto r = compute_kpis(world, model::Config{}, kWeek, by);
  ASSERT_EQ(r.groups.size(), 3u);
  // Sorted by key: "(missing)" < "billing" < "integrations".
  const auto& missing = r.groups[0];
  EXPECT_EQ(missing.key, std::vector<std::string>{"(missing)"});
  EXPECT_EQ(missing.values.tickets, 1);  // t4
  EXPECT_DOUBLE_EQ(missing.values.share_pct, 25);
  EXPECT_EQ(missing.values.backlog, 1);  // t4
  EXPECT_EQ(missing.values.nps_responses, 4);  // NPS surveys have no ticket
  EXPECT_DOUBLE_EQ(missing.values.nps, 25);
  EXPECT_DOUBLE_EQ(missing.values.ces_mean, 3);  // the unlinked CES
  const auto& billing = r.groups[1];
  EXPECT_EQ(billing.key[0], "billing");
  EXPECT_EQ(billing.values.tickets, 2);  // t1, t3
  EXPECT_DOUBLE_EQ(billing.values.share_pct, 50);
  EXPECT_EQ(billing.values.backlog, 2);  // t3, t5
  EXPECT_DOUBLE_EQ(billing.values.recurrent_pct, 50);
  EXPECT_DOUBLE_EQ(billing.values.first_response_hours.median, 2);  // t1 only
  EXPECT_TRUE(std::isnan(billing.values.nps));
  const auto& integrations = r.groups[2];
  EXPECT_EQ(integrations.values.tickets, 1);
  EXPECT_DOUBLE_EQ(integrations.values.ces_mean, 5);  // through the survey's ticket t2
  EXPECT_DOUBLE_EQ(integrations.values.escalated_to_product_pct, 100);
}

TEST(KpiTest, ByAccountDimensionsAndSeveralDimensions) {
  const auto world = kpi_world();
  const Dimension by[] = {Dimension::kRegion, Dimension::kChannel};
  const auto r = compute_kpis(world, model::Config{}, kWeek, by);
  // (missing)/email: t5 (backlog only); (missing)/phone: t3; (missing)/web: t4;
  // emea/chat: t2; emea/email: t1. Surveys: a2's go to (missing)/(missing), a1's to emea/(missing)
  // except the CES of t2 (emea/chat).
  std::vector<std::vector<std::string>> keys;
  for (const auto& g : r.groups) keys.push_back(g.key);
  const std::vector<std::vector<std::string>> expected = {
      {"(missing)", "(missing)"}, {"(missing)", "email"}, {"(missing)", "phone"}, {"(missing)", "web"},
      {"emea", "(missing)"},      {"emea", "chat"},       {"emea", "email"}};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(r.groups[1].values.tickets, 0);
  EXPECT_EQ(r.groups[1].values.backlog, 1);
  EXPECT_EQ(r.groups[0].values.nps_responses, 2);  // a2: 6 and 9
  EXPECT_DOUBLE_EQ(r.groups[0].values.nps, 0);     // 50% − 50%
}

TEST(KpiTest, ByWeekUsesTheCreationWeek) {
  const auto world = kpi_world();
  const Dimension by[] = {Dimension::kWeek};
  const auto r = compute_kpis(world, model::Config{}, kWeek, by);
  ASSERT_EQ(r.groups.size(), 2u);
  EXPECT_EQ(r.groups[0].key[0], "2026-W40");  // t5 in the backlog, created 2026-10-01
  EXPECT_EQ(r.groups[1].key[0], "2026-W45");
  EXPECT_EQ(r.groups[1].values.tickets, 4);
  EXPECT_EQ(r.groups[1].values.nps_responses, 4);
}

TEST(KpiTest, PeriodWithoutTicketsGivesZeroCountsAndNaNRates) {
  const auto world = kpi_world();
  const auto r = compute_kpis(world, model::Config{}, {at("2030-01-07"), at("2030-01-14")});
  EXPECT_EQ(r.overall.tickets, 0);
  EXPECT_EQ(r.overall.first_response_hours.n, 0);
  EXPECT_TRUE(std::isnan(r.overall.first_response_hours.median));
  EXPECT_TRUE(std::isnan(r.overall.recurrent_pct));
  EXPECT_TRUE(std::isnan(r.overall.share_pct));
  EXPECT_TRUE(std::isnan(r.overall.nps));
  EXPECT_EQ(r.overall.backlog, 3);  // t3, t5 and t6 are still open
}

TEST(KpiTest, RecurrentWindowIncludesItsFirstDayAndNeedsAKnownCategory) {
  test::WorldBuilder b;
  b.account("a", "starter", "na");
  b.ticket({.id = "x0", .account = "a", .created = "2026-01-01T00:00:00Z", .category = "bug"});
  b.ticket({.id = "x1", .account = "a", .created = "2026-01-31T00:00:00Z", .category = "bug"});  // 30 d
  b.ticket({.id = "x2", .account = "a", .created = "2026-03-15T00:00:00Z", .category = "bug"});  // 43 d
  b.ticket({.id = "x3", .account = "a", .created = "2026-03-15T00:00:00Z", .category = "bug"});  // same instant
  b.ticket({.id = "x4", .account = "a", .created = "2026-03-16T00:00:00Z"});                     // no category
  b.ticket({.id = "x5", .account = "a", .created = "2026-03-17T00:00:00Z"});
  const auto flags = recurrent_flags(b.build(), 30);
  EXPECT_EQ(flags, (std::vector<std::uint8_t>{0, 1, 0, 0, 0, 0}));
}

TEST(KpiTest, MetricRegistryNamesAreUnique) {
  std::set<std::string_view> names;
  for (const auto& m : kpi_metrics()) EXPECT_TRUE(names.insert(m.name).second) << m.name;
  EXPECT_TRUE(names.count("recurrent_pct"));
}

TEST(PeriodTest, LastFullWeekAndResolution) {
  model::World w;
  w.data_end = at("2026-11-22T23:10:00Z");  // Sunday evening: W47 is covered
  EXPECT_EQ(last_full_week(w).label(), "2026-W47");
  w.data_end = at("2026-11-23T00:00:00Z");  // Monday 00:00: W48 has begun, W47 is the last full
  EXPECT_EQ(last_full_week(w).label(), "2026-W47");
  w.data_end = at("2026-11-20T10:00:00Z");  // Friday: W47 is partial
  EXPECT_EQ(last_full_week(w).label(), "2026-W46");
  const auto p = resolve_period(w, std::nullopt, std::nullopt, std::string("2026-W36"));
  EXPECT_EQ(p.from, at("2026-08-31"));
  EXPECT_EQ(p.to, at("2026-09-07"));
  EXPECT_EQ(resolve_period(w, std::string("2026-11-01"), std::string("2026-11-15"), std::nullopt).label(),
            "2026-11-01..2026-11-15");
  EXPECT_THROW(resolve_period(w, std::string("2026-11-15"), std::string("2026-11-01"), std::nullopt), Error);
  EXPECT_THROW(resolve_period(w, std::string("2026-11-01"), std::nullopt, std::nullopt), Error);
  EXPECT_THROW(resolve_period(w, std::nullopt, std::nullopt, std::string("2026-W60")), Error);
  EXPECT_THROW(last_full_week(model::World{}), Error);
}

TEST(PeriodTest, OpenPeriodDefaultsEachEndToTheData) {
  model::World w;
  w.data_start = at("2026-01-05T08:00:00Z");
  w.data_end = at("2026-11-20T10:00:00Z");
  const auto all = resolve_open_period(w, std::nullopt, std::nullopt);
  EXPECT_EQ(all.from, w.data_start);
  EXPECT_EQ(all.to, w.data_end + 1);  // the last event is inside
  const auto from_only = resolve_open_period(w, std::string("2026-06-01"), std::nullopt);
  EXPECT_EQ(from_only.from, at("2026-06-01"));
  EXPECT_EQ(from_only.to, w.data_end + 1);
  const auto to_only = resolve_open_period(w, std::nullopt, std::string("2026-06-01"));
  EXPECT_EQ(to_only.from, w.data_start);
  EXPECT_EQ(to_only.to, at("2026-06-01"));
  EXPECT_THROW(resolve_open_period(w, std::string("2026-12-01"), std::nullopt), Error);  // after the data
  EXPECT_THROW(resolve_open_period(w, std::string("June"), std::nullopt), Error);
  EXPECT_THROW(resolve_open_period(model::World{}, std::nullopt, std::nullopt), Error);
  EXPECT_EQ(resolve_open_period(model::World{}, std::string("2026-01-01"), std::string("2026-01-15")).label(),
            "2026-01-01..2026-01-15");
}

TEST(DimensionTest, ParsesListsAndRejectsUnknownNames) {
  EXPECT_EQ(parse_dimensions(" category, week "),
            (std::vector<Dimension>{Dimension::kCategory, Dimension::kWeek}));
  EXPECT_TRUE(parse_dimensions("").empty());
  EXPECT_THROW(parse_dimensions("category,colour"), Error);
  EXPECT_THROW(parse_dimensions("week,week"), Error);
}

}  // namespace
}  // namespace ticketlens::analysis
