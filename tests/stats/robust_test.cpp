#include "ticketlens/stats/robust.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/bootstrap.hpp"
#include "ticketlens/stats/multiple_testing.hpp"

namespace ticketlens::stats {
namespace {

using testing::as_double;
using testing::as_vector;
using testing::reference;

TEST(RobustTest, MedianMadAndZMatchR) {
  const auto& ref = reference()["tests"]["robust"];
  const auto x = as_vector(ref["x"]);
  const RobustScale scale = robust_scale(x);
  EXPECT_REL(scale.median, as_double(ref["median"]), 1e-15);
  EXPECT_REL(scale.mad, as_double(ref["mad"]), 1e-14);
  testing::expect_vector_near(robust_z_scores(x), as_vector(ref["z"]), 1e-12, "z");
}

TEST(RobustTest, ZeroMadGivesInfiniteZAwayFromTheMedian) {
  const std::vector<double> history{5, 5, 5, 5, 6};
  const RobustScale scale = robust_scale(history);
  EXPECT_EQ(scale.mad, 0.0);
  EXPECT_EQ(robust_z(5.0, scale), 0.0);
  EXPECT_EQ(robust_z(9.0, scale), std::numeric_limits<double>::infinity());
  EXPECT_EQ(robust_z(1.0, scale), -std::numeric_limits<double>::infinity());
}

TEST(RobustTest, NanIsIgnoredAndEmptyIsNan) {
  const std::vector<double> x{1, std::nan(""), 3};
  EXPECT_EQ(median(x), 2.0);
  EXPECT_TRUE(std::isnan(median(std::vector<double>{})));
  EXPECT_TRUE(std::isnan(robust_scale(std::vector<double>{}).mad));
}

TEST(BenjaminiHochbergTest, MatchesPAdjust) {
  const auto& ref = reference()["tests"]["bh"];
  testing::expect_vector_near(benjamini_hochberg(as_vector(ref["p"])), as_vector(ref["adjusted"]),
                              1e-15, "BH");
  EXPECT_TRUE(benjamini_hochberg(std::vector<double>{}).empty());
  EXPECT_THROW(benjamini_hochberg(std::vector<double>{0.5, 1.5}), Error);
}

TEST(BootstrapTest, SameSeedSameInterval) {
  std::vector<double> sample;
  for (int i = 0; i < 50; ++i) sample.push_back(std::sin(i * 1.7) * 3.0 + 10.0);
  const auto mean = [](std::span<const double> v) {
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
  };
  BootstrapOptions options;
  options.resamples = 500;
  const BootstrapInterval a = bootstrap_percentile(sample, mean, options);
  const BootstrapInterval b = bootstrap_percentile(sample, mean, options);
  EXPECT_EQ(a.lower, b.lower);
  EXPECT_EQ(a.upper, b.upper);
  EXPECT_LT(a.lower, a.estimate);
  EXPECT_GT(a.upper, a.estimate);
  // The percentile interval of a mean is close to mean +/- 1.96 SE.
  double var = 0;
  for (double x : sample) var += (x - a.estimate) * (x - a.estimate);
  const double se = std::sqrt(var / 49.0 / 50.0);
  EXPECT_NEAR(a.std_err, se, 0.15 * se);
  options.seed = 7;
  EXPECT_NE(bootstrap_percentile(sample, mean, options).lower, a.lower);
}

TEST(BootstrapTest, NanReplicatesAreDropped) {
  const BootstrapInterval r = bootstrap_percentile(
      10, [](std::span<const std::size_t> idx) { return idx[0] == 0 ? std::nan("") : 1.0; },
      BootstrapOptions{200, 0.9, 3});
  EXPECT_GT(r.dropped, 0);
  EXPECT_EQ(r.resamples + r.dropped, 200);
  EXPECT_THROW(bootstrap_percentile(0, [](std::span<const std::size_t>) { return 0.0; }), Error);
}

TEST(BootstrapTest, QuantileType7MatchesR) {
  // R: quantile(c(4, 1, 3, 2), c(0.25, 0.9)) = 1.75, 3.7
  EXPECT_DOUBLE_EQ(quantile_type7({4, 1, 3, 2}, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile_type7({4, 1, 3, 2}, 0.9), 3.7);
}

}  // namespace
}  // namespace ticketlens::stats
