#include "ticketlens/stats/distributions.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_support.hpp"

namespace ticketlens::stats {
namespace {

using testing::as_vector;
using testing::reference;

TEST(DistributionsTest, NormalMatchesR) {
  const auto& ref = reference()["distributions"];
  const auto z = as_vector(ref["z"]);
  const auto lower = as_vector(ref["pnorm"]);
  const auto upper = as_vector(ref["pnorm_upper"]);
  for (std::size_t i = 0; i < z.size(); ++i) {
    EXPECT_REL(normal_cdf(z[i]), lower[i], 1e-12) << z[i];
    EXPECT_REL(normal_sf(z[i]), upper[i], 1e-12) << z[i];
  }
}

TEST(DistributionsTest, NormalQuantileMatchesR) {
  const auto& ref = reference()["distributions"];
  const auto p = as_vector(ref["p"]);
  const auto q = as_vector(ref["qnorm"]);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_REL(normal_quantile(p[i]), q[i], 1e-12) << p[i];
  EXPECT_TRUE(std::isinf(normal_quantile(0.0)));
  EXPECT_TRUE(std::isnan(normal_quantile(1.5)));
}

TEST(DistributionsTest, ChiSquareUpperTailMatchesR) {
  const auto& ref = reference()["distributions"];
  const auto x = as_vector(ref["chisq_x"]);
  const auto df = as_vector(ref["chisq_df"]);
  const auto p = as_vector(ref["pchisq_upper"]);
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_REL(chi_square_sf(x[i], df[i]), p[i], 1e-11) << x[i] << " df " << df[i];
  }
  EXPECT_EQ(chi_square_sf(0.0, 3.0), 1.0);
  EXPECT_EQ(chi_square_sf(2.0, 0.0), 0.0);
  EXPECT_TRUE(std::isnan(chi_square_sf(1.0, -1.0)));
}

TEST(DistributionsTest, BetaMatchesR) {
  const auto& ref = reference()["distributions"];
  const auto x = as_vector(ref["beta_x"]);
  const auto a = as_vector(ref["beta_a"]);
  const auto b = as_vector(ref["beta_b"]);
  const auto p = as_vector(ref["pbeta"]);
  const auto q = as_vector(ref["qbeta"]);
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_REL(beta_cdf(x[i], a[i], b[i]), p[i], 1e-11);
    EXPECT_REL(beta_quantile(x[i], a[i], b[i]), q[i], 1e-11);
  }
}

TEST(DistributionsTest, IncompleteGammaComplementsSumToOne) {
  for (double a : {0.5, 1.0, 3.5, 40.0}) {
    for (double x : {0.1, 1.0, 4.0, 39.0, 60.0}) {
      EXPECT_NEAR(gamma_p(a, x) + gamma_q(a, x), 1.0, 1e-14);
    }
  }
}

}  // namespace
}  // namespace ticketlens::stats
