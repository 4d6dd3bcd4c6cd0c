// Funnels on a hand-made world; every expected number is worked out in the comments.
#include "ticketlens/analysis/funnel.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ticketlens/common/error.hpp"
#include "world_builder.hpp"

namespace ticketlens::analysis {
namespace {

using test::at;

// Funnel "f": A → B → C within 2 days of A.
// u1: A 03-02 10:00, B 11:00, C 03-03 10:00 → all three steps.
// u2: A 03-02 10:00, B 03-05 (3 days after A: too late) → dropped after A; files a data_import
//     ticket 03-03 (within 7 days of A) → the drop-off's ticket.
// u3: A 03-09 10:00, B 12:00 → dropped after B; no ticket. A second A later does not re-enter.
// An A without a user is not in the funnel (counted).
// (all): 3 entered, 2 reached B (66.7%), 1 reached C (33.3% of entered, 50% of B).
// By week: 2026-W10 (u1, u2): 2, 1, 1; 2026-W11 (u3): 1, 1, 0.
model::World funnel_world() {
  test::WorldBuilder b;
  b.account("a1", "starter", "emea");
  auto ev = [&](const char* user, const char* ts, const char* name) {
    b.event({.account = "a1", .ts = ts, .name = name, .user = user});
  };
  ev("u1", "2026-03-02T10:00:00Z", "A");
  ev("u1", "2026-03-02T11:00:00Z", "B");
  ev("u1", "2026-03-03T10:00:00Z", "C");
  ev("u2", "2026-03-02T10:00:00Z", "A");
  ev("u2", "2026-03-05T10:00:00Z", "B");
  ev("u3", "2026-03-09T10:00:00Z", "A");
  ev("u3", "2026-03-09T12:00:00Z", "B");
  ev("u3", "2026-03-10T12:00:00Z", "A");
  ev("", "2026-03-09T12:00:00Z", "A");
  b.ticket({.id = "t2", .account = "a1", .created = "2026-03-03T09:00:00Z", .category = "data_import",
            .requester = "u2"});
  b.ticket({.id = "t9", .account = "a1", .created = "2026-03-03T09:00:00Z", .category = "billing",
            .requester = "u9"});  // another user's ticket: not u2's
  return b.build();
}

model::Config funnel_config() {
  return model::parse_config("[[funnels]]\nname = \"f\"\nsteps = [\"A\", \"B\", \"C\"]\nwithin_days = 2\n", "t.toml");
}

TEST(FunnelTest, ConversionAndDropOffsWorkedByHand) {
  const auto w = funnel_world();
  const auto r = analyze_funnel(w, funnel_config(), "f", {at("2026-01-01"), at("2027-01-01")}, FunnelGrouping::kWeek);
  EXPECT_EQ(r.users_without_id, 1);
  ASSERT_EQ(r.rows.size(), 9u);
  EXPECT_EQ(r.rows[0].group, "(all)");
  EXPECT_EQ(r.rows[0].users, 3);
  EXPECT_EQ(r.rows[1].users, 2);
  EXPECT_NEAR(r.rows[1].conversion_pct, 200.0 / 3, 1e-9);
  EXPECT_EQ(r.rows[2].users, 1);
  EXPECT_NEAR(r.rows[2].conversion_pct, 100.0 / 3, 1e-9);
  EXPECT_NEAR(r.rows[2].step_conversion_pct, 50, 1e-9);
  EXPECT_EQ(r.rows[3].group, "2026-W10");
  EXPECT_EQ(r.rows[3].users, 2);
  EXPECT_EQ(r.rows[5].users, 1);
  EXPECT_EQ(r.rows[6].group, "2026-W11");
  EXPECT_EQ(r.rows[8].users, 0);
  ASSERT_EQ(r.drops.size(), 2u);
  EXPECT_EQ(r.drops[0].event, "A");
  EXPECT_EQ(r.drops[0].users, 1);
  EXPECT_EQ(r.drops[0].with_ticket, 1);
  EXPECT_DOUBLE_EQ(r.drops[0].share, 1.0);
  ASSERT_EQ(r.drops[0].categories.size(), 1u);
  EXPECT_EQ(r.drops[0].categories[0].name, "data_import");
  EXPECT_EQ(r.drops[0].ticket_rows.size(), 1u);
  EXPECT_EQ(r.drops[1].users, 1);
  EXPECT_EQ(r.drops[1].with_ticket, 0);
}

TEST(FunnelTest, UnknownFunnelNamesTheConfiguredOnes) {
  const auto w = funnel_world();
  try {
    analyze_funnel(w, funnel_config(), "nope", {at("2026-01-01"), at("2027-01-01")});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("configured: f"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_funnel_grouping("month"), Error);
}

TEST(FunnelTest, TopWordsSkipStopWordsAndShortWords) {
  const std::vector<std::string> texts = {"Import failed: CSV import", "the import is up"};
  const auto words = top_words(texts, 10);
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0].name, "import");
  EXPECT_EQ(words[0].count, 3);
  EXPECT_EQ(words[1].name, "csv");
  EXPECT_EQ(words[2].name, "failed");
}

}  // namespace
}  // namespace ticketlens::analysis
