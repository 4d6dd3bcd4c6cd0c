#pragma once
// Intervals for counts: a proportion (Wilson score, as R's prop.test(x, n, correct = FALSE)),
// an exact binomial test and interval (R's binom.test: Clopper–Pearson), and the ratio of two
// Poisson rates by the exact conditional method (R's poisson.test(c(x1, x2), c(t1, t2)): given
// x1 + x2, x1 is binomial with p = t1 / (t1 + t2) under equal rates; the interval for p maps to
// the rate ratio by p / (1 - p) * t2 / t1).
//
// Counts must be whole numbers >= 0 with x <= n; exposures > 0; confidence in (0, 1); else
// Error(kInvalidInput). n = 0 (no trials) gives NaN estimate and the interval [0, 1].
#include <cstdint>

namespace ticketlens::stats {

struct ProportionInterval {
  double estimate, lower, upper;
};
/// Wilson score interval without continuity correction.
ProportionInterval wilson_interval(double successes, double trials, double confidence = 0.95);

struct BinomialTest {
  double estimate, lower, upper;  ///< Clopper–Pearson interval
  double p;                       ///< two-sided p-value for H0: probability = p0
};
BinomialTest binomial_test(double successes, double trials, double p0 = 0.5,
                           double confidence = 0.95);

struct RateRatio {
  double estimate;  ///< (x1 / t1) / (x2 / t2); inf when x2 = 0 < x1, NaN when both are 0
  double lower, upper;
  double p;  ///< two-sided p-value for equal rates
};
RateRatio poisson_rate_ratio(double events1, double exposure1, double events2, double exposure2,
                             double confidence = 0.95);

}  // namespace ticketlens::stats
