// Planted-effect tests: the analyses find what the demo planted (docs/demo.md) and find nothing
// on the same world generated without it.
#include <gtest/gtest.h>

#include "demo_worlds.hpp"
#include "ticketlens/analysis/alerts.hpp"
#include "ticketlens/analysis/precursors.hpp"
#include "ticketlens/model/config.hpp"

namespace ticketlens::analysis {
namespace {

PrecursorReport all_precursors(const model::World& w) {
  return analyze_precursors(w, {w.data_start, w.data_end + 1}, PrecursorOptions{});
}

const PrecursorPair* first_of_category(const PrecursorReport& r, const std::string& category) {
  for (const auto& p : r.pairs)
    if (p.category == category) return &p;
  return nullptr;
}

const PrecursorPair* find_pair(const PrecursorReport& r, const std::string& event, const std::string& category) {
  for (const auto& p : r.pairs)
    if (p.event == event && p.category == category) return &p;
  return nullptr;
}

TEST(PlantedPrecursorsTest, RankFirstForTheirCategoriesAndAreSignificant) {
  const auto& demo = test::planted_demo();
  const auto r = all_precursors(demo.world);
  EXPECT_EQ(r.controls_missing * 10 < r.controls_drawn, true) << r.controls_missing << " of " << r.controls_drawn;
  for (const auto& [event, category, truth] :
       {std::tuple{"payment_failed", "billing", 0.60}, std::tuple{"import_error", "data_import", 0.55}}) {
    SCOPED_TRACE(event);
    const auto* first = first_of_category(r, category);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->event, event);
    EXPECT_TRUE(first->significant);
    EXPECT_LT(first->q, 1e-6);
    EXPECT_GT(first->lift_lower, 5.0);
    // The share of tickets with the precursor is the planted probability plus the baseline.
    EXPECT_NEAR(first->ticket_share, truth, 0.08);
    EXPECT_LT(first->median_hours_before, 24.0);
  }
}

TEST(PlantedPrecursorsTest, DoNotFireWithoutPlants) {
  const auto& demo = test::plain_demo();
  const auto r = all_precursors(demo.world);
  for (const auto& [event, category] :
       {std::pair{"payment_failed", "billing"}, std::pair{"import_error", "data_import"}}) {
    SCOPED_TRACE(event);
    const auto* p = find_pair(r, event, category);
    if (p != nullptr) {
      EXPECT_FALSE(p->significant) << "lift " << p->lift << " q " << p->q;
    }
  }
}

TEST(PlantedPrecursorsTest, SameSeedSameReport) {
  const auto& w = test::planted_demo().world;
  PrecursorOptions o;
  o.category = "billing";
  const auto a = analyze_precursors(w, {w.data_start, w.data_end + 1}, o);
  const auto b = analyze_precursors(w, {w.data_start, w.data_end + 1}, o);
  ASSERT_EQ(a.pairs.size(), b.pairs.size());
  for (std::size_t i = 0; i < a.pairs.size(); ++i) {
    EXPECT_EQ(a.pairs[i].event, b.pairs[i].event);
    EXPECT_EQ(a.pairs[i].controls_with, b.pairs[i].controls_with);
  }
}

// The ISO weeks that hold the planted release's 14 days (from the release to 14 days after).
std::vector<Period> release_weeks(Timestamp released_at) {
  std::vector<Period> out;
  for (Timestamp t = iso_week_start(iso_week_of(released_at)); t < released_at + 14 * kSecondsPerDay;
       t += 7 * kSecondsPerDay)
    out.push_back({t, t + 7 * kSecondsPerDay});
  return out;
}

TEST(PlantedReleaseTest, IsTheTopAlertOfItsWeeks) {
  const auto& demo = test::planted_demo();
  const auto& spike = demo.planted["release_spike"];
  const auto released_at = parse_timestamp(spike["released_at"].get<std::string>()).value();
  const auto config = model::parse_config("", "default");
  for (const Period& week : release_weeks(released_at)) {
    SCOPED_TRACE(week.label());
    const auto r = compute_alerts(demo.world, config, week);
    ASSERT_FALSE(r.alerts.empty());
    const Alert& top = r.alerts.front();
    EXPECT_EQ(top.kind, "release_ticket_rate");
    EXPECT_EQ(top.release_id, spike["release_id"].get<std::string>());
    EXPECT_EQ(top.product_area, spike["product_area"].get<std::string>());
    EXPECT_GT(top.numbers.at("rate_ratio_lower"), 1.0);
  }
}

TEST(PlantedReleaseTest, DoesNotFireWithoutPlants) {
  const auto& planted = test::planted_demo();
  const auto& plain = test::plain_demo();
  const auto released_at =
      parse_timestamp(planted.planted["release_spike"]["released_at"].get<std::string>()).value();
  const auto config = model::parse_config("", "default");
  for (const Period& week : release_weeks(released_at)) {
    SCOPED_TRACE(week.label());
    for (const auto& a : compute_alerts(plain.world, config, week).alerts)
      EXPECT_NE(a.kind, "release_ticket_rate") << a.title;
  }
}

}  // namespace
}  // namespace ticketlens::analysis
