// Classifier measures against hand-computed values (and scikit-learn's roc_auc_score example).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/classification.hpp"

namespace ticketlens::stats {
namespace {

TEST(ClassificationTest, AucMatchesScikitLearnExample) {
  // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
  const std::vector<double> s{0.1, 0.4, 0.35, 0.8};
  const std::vector<std::uint8_t> y{0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(roc_auc(s, y), 0.75);
}

TEST(ClassificationTest, AucCountsTiesAsHalf) {
  const std::vector<double> s{0.5, 0.5, 0.5, 0.9};
  const std::vector<std::uint8_t> y{0, 1, 0, 1};
  // Pairs (pos, neg): (0.5, 0.5) x2 = 1/2 each, (0.9, 0.5) x2 = 1 each -> 3 / 4.
  EXPECT_DOUBLE_EQ(roc_auc(s, y), 0.75);
}

TEST(ClassificationTest, AucIsNaNWithOneClass) {
  const std::vector<double> s{0.1, 0.2};
  const std::vector<std::uint8_t> y{1, 1};
  EXPECT_TRUE(std::isnan(roc_auc(s, y)));
}

TEST(ClassificationTest, ResampledAucEqualsRocAucOfTheResample) {
  // Scores with many ties (rounded to 0.1) and resamples with repeats: every resample's AUC must
  // equal roc_auc of the resampled rows exactly, including a resample with one class only (NaN).
  std::mt19937_64 rng(7);
  std::vector<double> s(200);
  std::vector<std::uint8_t> y(200);
  for (std::size_t i = 0; i < s.size(); ++i) {
    s[i] = std::round(std::uniform_real_distribution<double>(0, 1)(rng) * 10) / 10;
    y[i] = static_cast<std::uint8_t>(std::bernoulli_distribution(0.2 + 0.5 * s[i])(rng));
  }
  const ResampledAuc resampled(s, y);
  for (int r = 0; r < 50; ++r) {
    std::vector<std::size_t> rows(s.size());
    for (auto& row : rows) row = std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng);
    std::vector<double> rs;
    std::vector<std::uint8_t> ry;
    for (auto row : rows) {
      rs.push_back(s[row]);
      ry.push_back(y[row]);
    }
    EXPECT_EQ(resampled(rows), roc_auc(rs, ry)) << "resample " << r;
  }
  std::size_t positive = 0, negative = 0;
  while (!y[positive]) ++positive;
  while (y[negative]) ++negative;
  const std::vector<std::size_t> positives_only{positive, positive};
  EXPECT_TRUE(std::isnan(resampled(positives_only)));
  const std::vector<std::size_t> one_pair{positive, negative, negative};
  EXPECT_EQ(resampled(one_pair), roc_auc(std::vector<double>{s[positive], s[negative], s[negative]},
                                         std::vector<std::uint8_t>{1, 0, 0}));
  const std::vector<std::size_t> out_of_range{s.size()};
  EXPECT_THROW(static_cast<void>(resampled(out_of_range)), Error);
  // The example of AucCountsTiesAsHalf, each row once.
  const std::vector<double> tie_scores{0.5, 0.5, 0.5, 0.9};
  const std::vector<std::uint8_t> tie_outcomes{0, 1, 0, 1};
  const ResampledAuc ties(tie_scores, tie_outcomes);
  EXPECT_DOUBLE_EQ(ties(std::vector<std::size_t>{0, 1, 2, 3}), 0.75);
}

TEST(ClassificationTest, PrecisionAtTakesTheCeilingOfTheFraction) {
  const std::vector<double> s{0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0};
  const std::vector<std::uint8_t> y{1, 0, 1, 0, 0, 0, 0, 0, 0, 1};
  EXPECT_DOUBLE_EQ(precision_at(s, y, 0.05), 1.0);      // ceil(0.5) = 1 row
  EXPECT_DOUBLE_EQ(precision_at(s, y, 0.3), 2.0 / 3.0);  // 3 rows
  EXPECT_THROW(precision_at(s, y, 0.0), Error);
}

TEST(ClassificationTest, BrierAndCalibration) {
  const std::vector<double> s{0.05, 0.15, 0.95, 1.0};
  const std::vector<std::uint8_t> y{0, 1, 1, 1};
  EXPECT_NEAR(brier_score(s, y), (0.0025 + 0.7225 + 0.0025 + 0.0) / 4, 1e-12);
  const auto bins = calibration_table(s, y, 10);
  ASSERT_EQ(bins.size(), 10u);
  EXPECT_EQ(bins[0].rows, 1);
  EXPECT_EQ(bins[1].rows, 1);
  EXPECT_EQ(bins[1].positives, 1);
  EXPECT_EQ(bins[9].rows, 2);  // 1.0 falls in the last (closed) bin
  EXPECT_DOUBLE_EQ(bins[9].mean_predicted, 0.975);
  EXPECT_TRUE(std::isnan(bins[5].observed));
  EXPECT_THROW(brier_score(std::vector<double>{0.1}, std::vector<std::uint8_t>{2}), Error);
}

}  // namespace
}  // namespace ticketlens::stats
