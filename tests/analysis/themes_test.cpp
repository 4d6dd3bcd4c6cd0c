// Ticket terms and emerging themes on hand-made text, with the p- and q-values worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "world_builder.hpp"
#include "ticketlens/analysis/text/terms.hpp"
#include "ticketlens/analysis/text/themes.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"

namespace ticketlens::analysis::text {
namespace {

using test::at;

TEST(TicketTermsTest, WordsAreNormalisedAndBreaksMarked) {
  const std::vector<std::string> expected = {"hi", "", "cant", "log", "in", "to", "", "account", "", "invoice", "", "inv"};
  EXPECT_EQ(words("Hi, I can't log in to jane.doe@acme.io's account!!! Invoices: INV-2026-0042"), expected);
  EXPECT_EQ(words("  "), std::vector<std::string>{});
  EXPECT_EQ(words("Status"), std::vector<std::string>{"status"});  // "ss" keeps its s
}

TEST(TicketTermsTest, StopWordsAndBreaksSplitBigrams) {
  const std::vector<std::string> expected = {"csv", "csv import", "fail", "import", "import fail", "update"};
  EXPECT_EQ(distinct_terms("The CSV import fails after the update."), expected);
  EXPECT_EQ(distinct_terms("export. report"), (std::vector<std::string>{"export", "report"}));
  EXPECT_TRUE(is_stop_word("thanks"));
  EXPECT_FALSE(is_stop_word("invoice"));
}

// Baseline (8 weeks before W45 = [2026-09-07, 2026-11-02)): 16 tickets "Export report fails".
// W45: 4 tickets "SSO login loop" (admin area) and 3 "Export report fails" (reports area).
// n = 7, N = 16, pi = 7/23. Terms held by >= 3 of W45's tickets: sso, login, loop, sso login,
// login loop (4 each, none in the baseline) and export, report, fail, export report, report fail
// (3 each, 16 in the baseline): 10 tested. p(sso) = P(Bin(4, 7/23) >= 4) = (7/23)^4; BH over 10
// with the five equal smallest: q = p × 10 / 5. The export terms: share 3/7 against 16/16, p ≈ 1.
struct Fixture {
  model::World world;
  std::vector<std::string> texts;  // per row
};

Fixture themes_world() {
  test::WorldBuilder b;
  b.account("a1", "growth", "emea", "2025-01-01");
  std::map<std::string, std::string> text_of;
  int n = 0;
  auto add = [&](const std::string& created, const std::string& area, const std::string& text) {
    const std::string id = "t" + std::to_string(n++);
    b.ticket({.id = id, .account = "a1", .created = created, .category = area, .product_area = area});
    text_of[id] = text;
  };
  for (int i = 0; i < 16; ++i)
    add(format_timestamp(at("2026-09-08T10:00:00Z") + i * 3 * 86400), "reports", "Export report fails");
  for (int i = 0; i < 4; ++i)
    add(format_timestamp(at("2026-11-02T10:00:00Z") + i * 86400), "admin", "SSO login loop");
  for (int i = 0; i < 3; ++i)
    add(format_timestamp(at("2026-11-03T12:00:00Z") + i * 86400), "reports", "Export report fails");
  add("2026-11-20T10:00:00Z", "admin", "SSO login loop");  // after W45: in neither window
  Fixture f{b.build(), {}};
  for (std::size_t r = 0; r < f.world.tickets.size(); ++r)
    f.texts.push_back(text_of.at(std::string(f.world.tickets.ids.at(f.world.tickets.id[r]))));
  return f;
}

TEST(EmergingThemesTest, ANewThemeIsFoundWithTheHandComputedTest) {
  const auto f = themes_world();
  const model::ThemeSettings settings;
  const Period w45{at("2026-11-02"), at("2026-11-09")};
  const auto r = emerging_themes(f.world, settings, w45, f.texts);
  EXPECT_EQ(r.baseline.from, at("2026-09-07"));
  EXPECT_EQ(r.tickets, 7);
  EXPECT_EQ(r.baseline_tickets, 16);
  EXPECT_EQ(r.terms_tested, 10);
  ASSERT_EQ(r.themes.size(), 1u);
  const auto& t = r.themes[0];
  EXPECT_EQ(t.label, "login, login loop, loop");
  ASSERT_EQ(t.terms.size(), 5u);
  const double p = std::pow(7.0 / 23, 4);
  EXPECT_NEAR(t.terms[0].p, p, 1e-12);
  EXPECT_NEAR(t.terms[0].q, p * 2, 1e-12);
  EXPECT_NEAR(t.q, p * 2, 1e-12);
  EXPECT_EQ(t.tickets, 4);
  EXPECT_EQ(t.baseline_tickets, 0);
  EXPECT_TRUE(t.is_new);
  EXPECT_TRUE(std::isinf(t.ratio));
  EXPECT_NEAR(t.share_pct, 400.0 / 7, 1e-9);
  ASSERT_EQ(t.product_areas.size(), 1u);
  EXPECT_EQ(t.product_areas[0], (std::pair<std::string, std::int64_t>{"admin", 4}));
  EXPECT_EQ(t.ticket_ids, (std::vector<std::string>{"t16", "t17", "t18", "t19"}));
}

TEST(EmergingThemesTest, StricterSettingsAndMissingTextGiveNoTheme) {
  const auto f = themes_world();
  const Period w45{at("2026-11-02"), at("2026-11-09")};
  model::ThemeSettings strict;
  strict.fdr = 0.01;  // q = 2 (7/23)^4 = 0.0172
  EXPECT_TRUE(emerging_themes(f.world, strict, w45, f.texts).themes.empty());
  strict = {};
  strict.min_tickets = 5;  // no term is held by 5 of W45's tickets
  const auto none = emerging_themes(f.world, strict, w45, f.texts);
  EXPECT_EQ(none.terms_tested, 0);
  EXPECT_TRUE(none.themes.empty());
  const auto no_text = emerging_themes(f.world, {}, w45, {});
  EXPECT_EQ(no_text.tickets, 0);
  EXPECT_EQ(no_text.tickets_without_text, 7);
  EXPECT_TRUE(no_text.themes.empty());
}

TEST(EmergingThemesTest, ConfigReadsTheThemesSection) {
  const auto c = model::parse_config("[themes]\ntrailing_weeks = 4\nfdr = 0.1\nmin_ratio = 3\n", "t");
  EXPECT_EQ(c.themes.trailing_weeks, 4);
  EXPECT_DOUBLE_EQ(c.themes.fdr, 0.1);
  EXPECT_DOUBLE_EQ(c.themes.min_ratio, 3);
  EXPECT_EQ(c.themes.min_tickets, 3);
  EXPECT_THROW(model::parse_config("[themes]\nfdr = 0\n", "t"), Error);
  EXPECT_THROW(model::parse_config("[themes]\nmin_ratio = 0.5\n", "t"), Error);
}

}  // namespace
}  // namespace ticketlens::analysis::text
