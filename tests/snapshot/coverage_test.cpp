// data_coverage: what the data behind a snapshot lacks, counted field by field on a hand-made
// world, and said in the Markdown and HTML reports.
#include "ticketlens/snapshot/coverage.hpp"

#include <gtest/gtest.h>

#include "../analysis/world_builder.hpp"
#include "ticketlens/report/html_report.hpp"
#include "ticketlens/snapshot/markdown.hpp"
#include "ticketlens/snapshot/snapshot.hpp"

namespace ticketlens::snapshot {
namespace {

using test::at;
using nlohmann::json;

// Week 2026-W45 = [11-02, 11-09) holds four tickets; one more (old) is in October.
// a1 has every field; a2 lacks handle time; a3 lacks handle time and channel; a4 lacks handle
// time, category and first response. Only a1 has CSAT, reopens and replies (sparse: no gap).
// Subscriptions exist; events, releases, surveys and issues do not.
model::World coverage_world() {
  test::WorldBuilder b;
  b.account("e1", "enterprise", "na");
  b.subscription({.account = "e1", .started = "2025-01-01", .mrr = 1000});
  b.ticket({.id = "old", .account = "e1", .created = "2026-10-01T10:00:00Z", .first_response = "2026-10-01T11:00:00Z",
            .solved = "2026-10-02T10:00:00Z", .category = "billing", .product_area = "billing", .root_cause = "product",
            .handle_minutes = 20, .requester = "u1"});
  b.ticket({.id = "a1", .account = "e1", .created = "2026-11-03T10:00:00Z", .first_response = "2026-11-03T11:00:00Z",
            .solved = "2026-11-04T10:00:00Z", .category = "billing", .product_area = "billing", .root_cause = "product",
            .handle_minutes = 30, .reopens = 0, .replies = 1, .csat = 5, .requester = "u1"});
  b.ticket({.id = "a2", .account = "e1", .created = "2026-11-04T10:00:00Z", .first_response = "2026-11-04T11:00:00Z",
            .channel = "chat", .category = "billing", .product_area = "billing", .root_cause = "product",
            .requester = "u1"});
  b.ticket({.id = "a3", .account = "e1", .created = "2026-11-05T10:00:00Z", .first_response = "2026-11-05T11:00:00Z",
            .channel = "", .category = "billing", .product_area = "billing", .root_cause = "product", .requester = "u1"});
  b.ticket({.id = "a4", .account = "e1", .created = "2026-11-06T10:00:00Z", .product_area = "billing",
            .root_cause = "product", .requester = "u1"});
  return b.build();
}

const analysis::Period kW45{at("2026-11-02"), at("2026-11-09")};
const model::Config kConfig = model::parse_config(model::default_config_toml(), "default");

const json& field(const json& coverage, std::string_view name) {
  for (const auto& f : coverage["ticket_fields"])
    if (f["field"] == name) return f;
  throw std::runtime_error("no field " + std::string(name));
}

std::vector<std::string> gap_texts(const json& coverage) {
  std::vector<std::string> out;
  for (const auto& g : coverage["gaps"]) out.push_back(g["text"].get<std::string>());
  return out;
}

TEST(CoverageTest, CountsEachFieldOnThePeriodsTicketsAndSaysWhatEachGapDoes) {
  const auto world = coverage_world();
  const auto costs = analysis::compute_costs(world, kConfig, kW45);
  const json c = data_coverage(world, kW45, costs);
  EXPECT_EQ(c["scope"], "period");
  EXPECT_EQ(c["tickets"], 4);
  EXPECT_EQ(field(c, "handle_minutes")["present"], 1);
  EXPECT_DOUBLE_EQ(field(c, "handle_minutes")["present_pct"].get<double>(), 25.0);
  EXPECT_EQ(field(c, "channel")["present"], 3);
  EXPECT_EQ(field(c, "category")["present"], 3);
  EXPECT_EQ(field(c, "first_response_at")["present"], 3);
  EXPECT_EQ(field(c, "csat")["present"], 1);
  EXPECT_FALSE(field(c, "csat")["gap"].get<bool>());  // sparse: a gap only when no ticket has it
  EXPECT_FALSE(field(c, "solved_at")["gap"].get<bool>());
  EXPECT_TRUE(field(c, "handle_minutes")["gap"].get<bool>());
  EXPECT_FALSE(field(c, "root_cause")["gap"].get<bool>());
  // Three estimated handle times, by the way cost.cpp filled them.
  std::int64_t estimated = 0;
  for (const auto& [source, n] : c["handle_estimated"].items()) estimated += n.get<std::int64_t>();
  EXPECT_EQ(estimated, 3);
  EXPECT_EQ(c["tables"]["subscriptions"], 1);
  EXPECT_EQ(c["tables"]["events"], 0);

  const auto gaps = gap_texts(c);
  auto has = [&](std::string_view needle) {
    for (const auto& g : gaps)
      if (g.find(needle) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("3 of 4 tickets (75.0%) have no handle_minutes: agent cost is estimated"));
  EXPECT_TRUE(has("estimated here: "));
  EXPECT_TRUE(has("1 of 4 tickets (25.0%) have no channel"));
  EXPECT_TRUE(has("1 of 4 tickets (25.0%) have no category"));
  EXPECT_TRUE(has("No events: error rates"));
  EXPECT_TRUE(has("No releases"));
  EXPECT_FALSE(has("No subscriptions"));
  EXPECT_FALSE(has("csat"));
  EXPECT_FALSE(has("root_cause"));
}

TEST(CoverageTest, SubjectsAreCountedWhenTheSnapshotLoadedThem) {
  const auto world = coverage_world();
  const auto costs = analysis::compute_costs(world, kConfig, kW45);
  EXPECT_EQ(data_coverage(world, kW45, costs).dump().find("subject"), std::string::npos);  // not loaded: not counted
  // One subject per row of world.tickets (rows sorted by account, then created_at: old, a1..a4).
  std::vector<std::string> subjects(world.tickets.size());
  subjects[1] = "Invoice wrong";
  const json some = data_coverage(world, kW45, costs, subjects);
  EXPECT_EQ(field(some, "subject")["present"], 1);
  EXPECT_NE(some.dump().find("3 of 4 tickets (75.0%) have no subject: emerging themes read only"), std::string::npos);
  const json none = data_coverage(world, kW45, costs, std::vector<std::string>(world.tickets.size()));
  EXPECT_NE(none.dump().find("No ticket has subject: there are no emerging themes"), std::string::npos);
  // Text is loaded for the period and its themes baseline only: older tickets are not judged.
  const analysis::Period w42{at("2026-10-12"), at("2026-10-19")};
  const json before = data_coverage(world, w42, analysis::compute_costs(world, kConfig, w42),
                                    std::vector<std::string>(world.tickets.size()));
  EXPECT_EQ(before["scope"], "before_end");
  EXPECT_EQ(before.dump().find("subject"), std::string::npos);
}

TEST(CoverageTest, AnEmptyPeriodCountsTheTicketsBeforeItsEnd) {
  const auto world = coverage_world();
  const analysis::Period w42{at("2026-10-12"), at("2026-10-19")};
  const json c = data_coverage(world, w42, analysis::compute_costs(world, kConfig, w42));
  EXPECT_EQ(c["scope"], "before_end");
  EXPECT_EQ(c["tickets"], 1);  // "old"
  EXPECT_FALSE(field(c, "handle_minutes")["gap"].get<bool>());
  EXPECT_TRUE(field(c, "csat")["gap"].get<bool>());  // "old" has none: no ticket in scope has CSAT
  const analysis::Period before{at("2026-01-05"), at("2026-01-12")};
  const json none = data_coverage(world, before, analysis::compute_costs(world, kConfig, before));
  EXPECT_EQ(none["tickets"], 0);
  EXPECT_TRUE(field(none, "handle_minutes")["present_pct"].is_null());
  EXPECT_NE(gap_texts(none).back().find("No tickets before the period's end"), std::string::npos);
}

TEST(CoverageTest, TheReportsSayWhatTheDataLacks) {
  const auto world = coverage_world();
  const auto snap = build_snapshot(world, kConfig, kW45);
  ASSERT_TRUE(snap.document.contains("data_coverage"));
  const std::string md = render_markdown(snap.document);
  EXPECT_NE(md.find("## Data coverage"), std::string::npos);
  EXPECT_NE(md.find("- 3 of 4 tickets (75.0%) have no handle_minutes"), std::string::npos) << md;
  const std::string html = report::render_html(snap.document);
  EXPECT_NE(html.find("<h2 id=\"coverage-h\">Data coverage: what the data lacks</h2>"), std::string::npos);
  EXPECT_NE(html.find("<li>No events: error rates"), std::string::npos);
}

}  // namespace
}  // namespace ticketlens::snapshot
