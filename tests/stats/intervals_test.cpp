#include "ticketlens/stats/intervals.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/fisher_exact.hpp"

namespace ticketlens::stats {
namespace {

using testing::as_double;
using testing::as_vector;
using testing::reference;

TEST(IntervalsTest, WilsonMatchesPropTest) {
  for (const auto& c : reference()["tests"]["wilson"]) {
    const ProportionInterval ci =
        wilson_interval(as_double(c["x"]), as_double(c["n"]), as_double(c["conf"]));
    EXPECT_REL(ci.lower, as_double(c["lower"]), 1e-12);
    EXPECT_REL(ci.upper, as_double(c["upper"]), 1e-12);
  }
}

TEST(IntervalsTest, PoissonRateRatioMatchesPoissonTest) {
  for (const auto& c : reference()["tests"]["poisson"]) {
    const RateRatio rr = poisson_rate_ratio(as_double(c["x1"]), as_double(c["t1"]),
                                            as_double(c["x2"]), as_double(c["t2"]));
    EXPECT_REL(rr.estimate, as_double(c["estimate"]), 1e-12);
    EXPECT_REL(rr.lower, as_double(c["lower"]), 1e-9);
    EXPECT_REL(rr.upper, as_double(c["upper"]), 1e-9);
    EXPECT_REL(rr.p, as_double(c["p"]), 1e-9);
  }
}

TEST(IntervalsTest, NoTrialsGivesTheWholeUnitInterval) {
  const ProportionInterval ci = wilson_interval(0, 0);
  EXPECT_TRUE(std::isnan(ci.estimate));
  EXPECT_EQ(ci.lower, 0.0);
  EXPECT_EQ(ci.upper, 1.0);
}

TEST(IntervalsTest, RejectsImpossibleCounts) {
  EXPECT_THROW(wilson_interval(5, 3), Error);
  EXPECT_THROW(wilson_interval(1.5, 3), Error);
  EXPECT_THROW(poisson_rate_ratio(1, 0, 1, 1), Error);
  EXPECT_THROW(binomial_test(1, 3, 1.5), Error);
}

TEST(FisherExactTest, MatchesFisherTest) {
  for (const auto& c : reference()["tests"]["fisher"]) {
    const auto cells = as_vector(c["table"]);
    const FisherExact f = fisher_exact(cells[0], cells[1], cells[2], cells[3]);
    SCOPED_TRACE(c.dump());
    EXPECT_REL(f.p, as_double(c["p"]), 1e-9);
    EXPECT_REL(f.odds_ratio, as_double(c["odds_ratio"]), 1e-9);
    EXPECT_REL(f.lower, as_double(c["lower"]), 1e-8);
    EXPECT_REL(f.upper, as_double(c["upper"]), 1e-8);
    // R's own uniroot answers are within its default tolerance of these.
    EXPECT_REL(f.lower, as_double(c["r_lower"]), 1e-2);
    EXPECT_REL(f.upper, as_double(c["r_upper"]), 1e-2);
  }
}

TEST(FisherExactTest, PValueAloneMatchesFisherTest) {
  for (const auto& c : reference()["tests"]["fisher"]) {
    const auto cells = as_vector(c["table"]);
    SCOPED_TRACE(c.dump());
    EXPECT_REL(fisher_exact_p(cells[0], cells[1], cells[2], cells[3]), as_double(c["p"]), 1e-9);
  }
  // A larger screening table: the same p as the full test.
  EXPECT_REL(fisher_exact_p(130, 870, 400, 4600), fisher_exact(130, 870, 400, 4600).p, 1e-9);
  EXPECT_EQ(fisher_exact_p(0, 0, 3, 4), 1.0);
  EXPECT_THROW(fisher_exact_p(-1, 0, 3, 4), Error);
}

TEST(FisherExactTest, EmptyMarginHasNoInformation) {
  const FisherExact f = fisher_exact(0, 0, 3, 4);
  EXPECT_EQ(f.p, 1.0);
  EXPECT_TRUE(std::isnan(f.odds_ratio));
  EXPECT_THROW(fisher_exact(-1, 0, 3, 4), Error);
}

}  // namespace
}  // namespace ticketlens::stats
