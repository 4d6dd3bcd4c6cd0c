#include "ticketlens/stats/propensity_match.hpp"

#include <gtest/gtest.h>

#include <set>

#include "test_support.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {
namespace {

double logit(double p) { return std::log(p / (1 - p)); }

TEST(PropensityMatchTest, NearestWithoutReplacementUsesEachControlOnce) {
  //                         t     t     c     c     c     t
  const std::vector<double> score{0.60, 0.55, 0.58, 0.30, 0.54, 0.20};
  const std::vector<std::uint8_t> treated{1, 1, 0, 0, 0, 1};
  MatchOptions options;
  options.caliper = 0;  // none
  const MatchResult m = propensity_match(score, treated, options);
  ASSERT_EQ(m.pairs.size(), 3u);
  // Highest score first: 0 takes 2 (0.58); 1 takes 4 (0.54); 5 takes 3 (0.30).
  EXPECT_EQ(m.pairs[0].treated, 0u);
  EXPECT_EQ(m.pairs[0].control, 2u);
  EXPECT_EQ(m.pairs[1].control, 4u);
  EXPECT_EQ(m.pairs[2].control, 3u);
  EXPECT_NEAR(m.pairs[2].distance, std::fabs(logit(0.20) - logit(0.30)), 1e-15);
}

TEST(PropensityMatchTest, CaliperLeavesDistantTreatedUnmatched) {
  const std::vector<double> score{0.60, 0.55, 0.58, 0.30, 0.54, 0.20};
  const std::vector<std::uint8_t> treated{1, 1, 0, 0, 0, 1};
  MatchOptions options;
  options.caliper = 0.15;  // 0.15 SD of the logits = 0.11
  const MatchResult m = propensity_match(score, treated, options);
  ASSERT_EQ(m.unmatched_treated.size(), 1u);
  EXPECT_EQ(m.unmatched_treated[0], 5u);
  for (const auto& pair : m.pairs) EXPECT_LE(pair.distance, m.caliper_logit);
}

TEST(PropensityMatchTest, WithReplacementReusesTheBestControl) {
  const std::vector<double> score{0.60, 0.59, 0.595, 0.10};
  const std::vector<std::uint8_t> treated{1, 1, 0, 0};
  MatchOptions options;
  options.caliper = 0;
  options.replace = true;
  const MatchResult m = propensity_match(score, treated, options);
  ASSERT_EQ(m.pairs.size(), 2u);
  EXPECT_EQ(m.pairs[0].control, 2u);
  EXPECT_EQ(m.pairs[1].control, 2u);
  options.replace = false;
  const MatchResult once = propensity_match(score, treated, options);
  EXPECT_EQ(once.pairs[1].control, 3u);
}

TEST(PropensityMatchTest, RatioTwoTakesTwoDistinctControls) {
  const std::vector<double> score{0.5, 0.45, 0.52, 0.7, 0.1};
  const std::vector<std::uint8_t> treated{1, 0, 0, 0, 0};
  MatchOptions options;
  options.caliper = 0;
  options.ratio = 2;
  const MatchResult m = propensity_match(score, treated, options);
  ASSERT_EQ(m.pairs.size(), 2u);
  EXPECT_EQ(std::set<std::size_t>({m.pairs[0].control, m.pairs[1].control}),
            std::set<std::size_t>({1u, 2u}));
}

TEST(PropensityMatchTest, BalanceShowsSmdBeforeAndAfter) {
  // Treated are older; matching on a score that tracks age removes most of the gap.
  std::vector<double> age, score;
  std::vector<std::uint8_t> treated;
  for (int i = 0; i < 40; ++i) {
    const bool t = i % 4 == 0;
    const double a = 30.0 + i + (t ? 10.0 : 0.0);
    age.push_back(a);
    treated.push_back(t ? 1 : 0);
  }
  const std::vector<std::span<const double>> covariates{age};
  score = propensity_scores(covariates, treated);
  const MatchResult m = propensity_match(score, treated, MatchOptions{0.5, false, 1});
  const auto table = balance_table(covariates, {"age"}, treated, m);
  ASSERT_EQ(table.size(), 1u);
  EXPECT_GT(std::fabs(table[0].smd_before), 0.2);
  EXPECT_LT(std::fabs(table[0].smd_after), std::fabs(table[0].smd_before));
  // Hand check of the before SMD.
  double st = 0, sc = 0, nt = 0, nc = 0;
  for (std::size_t i = 0; i < age.size(); ++i) (treated[i] ? st : sc) += age[i], (treated[i] ? nt : nc) += 1;
  const double mt = st / nt, mc = sc / nc;
  double vt = 0, vc = 0;
  for (std::size_t i = 0; i < age.size(); ++i) {
    (treated[i] ? vt : vc) += (age[i] - (treated[i] ? mt : mc)) * (age[i] - (treated[i] ? mt : mc));
  }
  vt /= nt - 1;
  vc /= nc - 1;
  EXPECT_NEAR(table[0].smd_before, (mt - mc) / std::sqrt((vt + vc) / 2), 1e-12);
}

TEST(PropensityMatchTest, RejectsScoresOutsideTheOpenInterval) {
  const std::vector<double> score{0.5, 1.0};
  const std::vector<std::uint8_t> treated{1, 0};
  EXPECT_THROW(propensity_match(score, treated), Error);
}

}  // namespace
}  // namespace ticketlens::stats
