// The HTML report of a snapshot: self-contained, every section and chart present, text escaped,
// sections without data left out.
#include "ticketlens/report/html_report.hpp"

#include <gtest/gtest.h>

#include "../analysis/world_builder.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/report/snapshot_files.hpp"
#include "ticketlens/snapshot/snapshot.hpp"

namespace ticketlens::report {
namespace {

using test::at;

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

nlohmann::json small_snapshot(bool redact = true) {
  test::WorldBuilder b;
  b.account("e1", "enterprise", "na").account("e2", "growth", "emea");
  b.subscription({.account = "e1", .started = "2025-01-01", .mrr = 1000});
  b.subscription({.account = "e2", .started = "2025-01-01", .mrr = 500});
  for (const char* created : {"2026-10-20T10:00:00Z", "2026-11-03T10:00:00Z", "2026-11-04T10:00:00Z",
                              "2026-11-05T10:00:00Z"})
    b.ticket({.id = created, .account = "e1", .created = created, .category = "billing", .product_area = "billing",
              .root_cause = "product", .handle_minutes = 30});
  b.ticket({.id = "u1", .account = "e2", .created = "2026-11-06T10:00:00Z", .category = "bug",
            .product_area = "reports", .root_cause = "onboarding", .handle_minutes = 20});
  auto world = b.build();
  // A name with markup and an email: escaped, and redacted by default.
  world.accounts.names[0] = "<Acme & Co> ops@acme.io";
  auto config = model::parse_config(model::default_config_toml(), "default");
  config.redact_pii = redact;
  return snapshot::build_snapshot(world, config, {at("2026-11-02"), at("2026-11-09")}).document;
}

TEST(HtmlReportTest, SelfContainedPageWithEverySectionAndChart) {
  const auto html = render_html(small_snapshot());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta name=\"viewport\""), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  // Nothing loaded from anywhere: no script, no linked style sheet, no remote image or font.
  for (const char* banned : {"<script", "<link", "src=", "@import", "url(http"})
    EXPECT_EQ(html.find(banned), std::string::npos) << banned;
  for (const char* id : {"summary", "targets", "signals", "impact", "retention", "cause", "decision"}) {
    EXPECT_NE(html.find(std::string("<section id=\"") + id + "\""), std::string::npos) << id;
  }
  for (const char* chart : {"chart-trend", "chart-areas", "chart-ttv", "chart-cohorts", "chart-pareto"})
    EXPECT_NE(html.find(std::string("<svg id=\"") + chart + "\""), std::string::npos) << chart;
  EXPECT_EQ(count(html, "<svg"), 5u);
  EXPECT_EQ(count(html, "<svg"), count(html, "</svg>"));
  EXPECT_NE(html.find("FIRED"), std::string::npos);  // the mitigation play, as a word
  EXPECT_NE(html.find("ARR exposure mitigation"), std::string::npos);
  EXPECT_NE(html.find("&lt;Acme &amp; Co&gt; [email]"), std::string::npos);
  EXPECT_EQ(html.find("ops@acme.io"), std::string::npos);
  EXPECT_EQ(html.find("<Acme"), std::string::npos);
}

TEST(HtmlReportTest, AlertsAndPrecursorsAreTables) {
  nlohmann::json doc = small_snapshot();
  // The small world raises no alert and has too few tickets for a precursor: both say so.
  auto html = render_html(doc);
  EXPECT_NE(html.find("<section id=\"alerts\""), std::string::npos);
  EXPECT_NE(html.find("No alert fired in this period."), std::string::npos);
  EXPECT_NE(html.find("<section id=\"precursors\""), std::string::npos);
  EXPECT_NE(html.find("No behaviour precedes tickets significantly"), std::string::npos);
  doc["signals"]["alerts"] = {{{"kind", "release_ticket_rate"}, {"title", "admin <tickets> x3.1 after rel-4.49"},
                               {"release_id", "rel-4.49"}, {"product_area", "admin"}, {"category", ""},
                               {"observed", {{"start", "2026-05-13T15:11:12Z"}, {"end", "2026-05-27T15:11:12Z"}}},
                               {"baseline", {{"start", "2026-04-29T15:11:12Z"}, {"end", "2026-05-13T15:11:12Z"}}},
                               {"numbers", {{"rate_ratio", 3.14159}, {"tickets_after", 22}}}, {"p", 2.5e-6},
                               {"severity", 5.6}, {"tickets", 22}, {"ticket_ids", {"t1", "t2"}}}};
  doc["signals"]["alert_notifications"] = {{{"kind", "release_ticket_rate"}, {"title", "admin x3.1"},
                                            {"url", "http://127.0.0.1:1/hook"}, {"delivered", false},
                                            {"attempts", 3}, {"status", 0}, {"error", "connection refused"}}};
  doc["cause"]["precursors"]["top"] = {{{"event", "payment_failed"}, {"category", "billing"}, {"tickets", 40},
                                        {"tickets_with", 26}, {"ticket_share", 0.65}, {"control_share", 0.05},
                                        {"lift", 13.0}, {"lift_lower", 8.25}, {"lift_upper", 20.5}, {"q", 1e-9},
                                        {"median_hours_before", 2.25}}};
  html = render_html(doc);
  EXPECT_NE(html.find("1 alert fired, most severe first"), std::string::npos);
  EXPECT_NE(html.find("admin &lt;tickets&gt; x3.1 after rel-4.49"), std::string::npos);
  EXPECT_NE(html.find("rate_ratio = 3.142; tickets_after = 22"), std::string::npos);
  EXPECT_NE(html.find("2026-05-13 to 2026-05-27"), std::string::npos);
  EXPECT_NE(html.find("2.5e-06"), std::string::npos);
  EXPECT_NE(html.find("t1, t2"), std::string::npos);
  EXPECT_NE(html.find("FAILED"), std::string::npos);
  EXPECT_NE(html.find("payment_failed"), std::string::npos);
  EXPECT_NE(html.find("13.00 (8.25–20.50)"), std::string::npos);
  EXPECT_NE(html.find("65.0%"), std::string::npos);
  EXPECT_NE(html.find("href=\"#precursors\""), std::string::npos);  // in the table of contents
}

TEST(HtmlReportTest, RetentionSectionDrawsTheLandmarkCurvesWithTheirTables) {
  nlohmann::json doc = small_snapshot();
  // Two accounts and no churn: no hazard ratio, no landmark; the cohorts are there.
  EXPECT_TRUE(doc["retention"]["landmark"].is_null());
  EXPECT_EQ(doc["retention"]["cohorts"].size(), 1u);  // signup month 2025-01
  auto group = [](const char* name, double s6) {
    return nlohmann::json{{"group", name},        {"accounts", 40},           {"churned", 9},
                          {"months", {0, 1, 2, 3, 6}}, {"surv", {1.0, 0.95, 0.9, 0.85, s6}},
                          {"lower", {1.0, 0.9, 0.8, 0.75, s6 - 0.1}}, {"upper", {1.0, 1.0, 0.97, 0.93, s6 + 0.1}},
                          {"n_risk", {40, 38, 36, 34, 30}}};
  };
  doc["retention"]["worst_ticket_type"] = {{"name", "category=billing"}, {"category", "billing"}, {"hr", 1.8},
                                           {"lower", 1.1}, {"upper", 2.9}, {"p", 0.02}};
  doc["retention"]["landmark"] = {{"landmark_days", 90},
                                  {"category", "billing"},
                                  {"groups", {group("with billing ticket", 0.7), group("without", 0.8)}},
                                  {"log_rank", {{"chisq", 4.1}, {"df", 1}, {"p", 0.043}}},
                                  {"hazard_ratio", {{"hr", 1.7}, {"lower", 1.0}, {"upper", 2.8}, {"p", 0.04}}}};
  doc["impact"]["top_hazard_ratios"] = {{{"name", "long_unresolved_ticket"}, {"hr", 2.5}, {"lower", 2.0},
                                         {"upper", 3.1}, {"p", 0.0001}}};
  const auto html = render_html(doc);
  const auto section = html.substr(html.find("<section id=\"retention\""));
  EXPECT_NE(section.find("<svg id=\"chart-km\""), std::string::npos);
  EXPECT_EQ(count(section.substr(0, section.find("</section>")), "<path class=\"curve\""), 2u);
  // Each curve again as a table: months 0, 3 and the last (6), with the numbers at risk.
  EXPECT_NE(section.find("<caption>with billing ticket: 40 accounts, 9 churned</caption>"), std::string::npos);
  EXPECT_NE(section.find("<td class=\"num\">30</td><td class=\"num\">70.0%</td><td class=\"num\">60.0% to 80.0%</td>"),
            std::string::npos)
      << section;
  EXPECT_NE(section.find("log-rank p = 0.0430"), std::string::npos);
  EXPECT_NE(section.find("<code>long_unresolved_ticket</code>"), std::string::npos);
  EXPECT_NE(section.find("2.00 to 3.10"), std::string::npos);
}

TEST(HtmlReportTest, ThemesSectionListsThemesOrSaysWhyNot) {
  nlohmann::json doc = small_snapshot();  // built without ticket text
  EXPECT_NE(render_html(doc).find("no ticket text was loaded"), std::string::npos);
  doc["signals"]["themes"] = {
      {"text_available", true}, {"period", "2026-W45"}, {"tickets", 40}, {"baseline_tickets", 300},
      {"tickets_without_text", 0}, {"terms_tested", 12},
      {"baseline", {{"start", "2026-09-07T00:00:00Z"}, {"end", "2026-11-02T00:00:00Z"}}},
      {"themes",
       {{{"label", "sso <login>"}, {"tickets", 9}, {"baseline_tickets", 0}, {"share_pct", 22.5},
         {"baseline_share_pct", 0.0}, {"ratio", nullptr}, {"q", 0.00012}, {"new", true},
         {"terms", {{{"term", "sso <login>"}}, {{"term", "loop"}}}},
         {"product_areas", {{{"name", "admin"}, {"count", 8}}, {{"name", "billing"}, {"count", 1}}}},
         {"ticket_ids", {"T-1", "T-2"}}}}}};
  const auto html = render_html(doc);
  EXPECT_NE(html.find("<section id=\"themes\""), std::string::npos);
  EXPECT_NE(html.find("sso &lt;login&gt; <strong>new</strong>"), std::string::npos);
  EXPECT_NE(html.find("admin 8, billing 1"), std::string::npos);
  EXPECT_NE(html.find("T-1, T-2"), std::string::npos);
  EXPECT_NE(html.find("0.00012"), std::string::npos);
  doc["signals"]["themes"]["themes"] = nlohmann::json::array();
  EXPECT_NE(render_html(doc).find("No emerging theme this period."), std::string::npos);
}

TEST(HtmlReportTest, RedactionCanBeTurnedOff) {
  EXPECT_NE(render_html(small_snapshot(false)).find("ops@acme.io"), std::string::npos);
}

TEST(HtmlReportTest, AbsentPartsLeaveTheirSectionsOut) {
  nlohmann::json doc = small_snapshot();
  doc.erase("impact");
  doc["targets"] = nlohmann::json::array();
  const auto html = render_html(doc);
  EXPECT_EQ(html.find("id=\"impact\""), std::string::npos);
  EXPECT_EQ(html.find("id=\"targets\""), std::string::npos);
  EXPECT_EQ(html.find("href=\"#impact\""), std::string::npos);
  EXPECT_NE(html.find("id=\"signals\""), std::string::npos);
}

TEST(HtmlReportTest, FormatsParseAndRenderByName) {
  const auto f = parse_snapshot_formats("json,html");
  EXPECT_TRUE(f.json);
  EXPECT_FALSE(f.markdown);
  EXPECT_TRUE(f.html);
  EXPECT_THROW(parse_snapshot_formats("json,pdf"), Error);
  const auto doc = small_snapshot();
  EXPECT_EQ(render_snapshot(doc, "md").rfind("# Support snapshot 2026-W45", 0), 0u);
  EXPECT_EQ(nlohmann::json::parse(render_snapshot(doc, "json")), doc);
}

}  // namespace
}  // namespace ticketlens::report
