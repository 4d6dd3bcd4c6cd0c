#include "ticketlens/stats/intervals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/distributions.hpp"

namespace ticketlens::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

void check_counts(double x, double n, double confidence, const char* what) {
  const bool whole = std::floor(x) == x && std::floor(n) == n;
  if (!whole || x < 0.0 || n < x || !(confidence > 0.0 && confidence < 1.0)) {
    throw Error(ErrorCode::kInvalidInput,
                std::string(what) + ": counts must be whole, 0 <= x <= n; confidence in (0, 1)");
  }
}

double binomial_pmf(double k, double n, double p) {
  if (p == 0.0) return k == 0.0 ? 1.0 : 0.0;
  if (p == 1.0) return k == n ? 1.0 : 0.0;
  return std::exp(log_choose(n, k) + k * std::log(p) + (n - k) * std::log1p(-p));
}
// P(X <= k) and P(X > k) through the incomplete beta, accurate in both tails.
double binomial_cdf(double k, double n, double p) {
  if (k < 0.0) return 0.0;
  if (k >= n) return 1.0;
  return beta_cdf(1.0 - p, n - k, k + 1.0);
}
double binomial_upper(double k, double n, double p) {
  if (k < 0.0) return 1.0;
  if (k >= n) return 0.0;
  return beta_cdf(p, k + 1.0, n - k);
}

}  // namespace

ProportionInterval wilson_interval(double successes, double trials, double confidence) {
  check_counts(successes, trials, confidence, "wilson_interval");
  if (trials == 0.0) return {kNaN, 0.0, 1.0};
  const double z = normal_quantile((1.0 + confidence) / 2.0);
  const double estimate = successes / trials;
  const double z22n = z * z / (2.0 * trials);
  const double root = z * std::sqrt(estimate * (1.0 - estimate) / trials + z22n / (2.0 * trials));
  const double upper = estimate >= 1.0 ? 1.0 : (estimate + z22n + root) / (1.0 + 2.0 * z22n);
  const double lower = estimate <= 0.0 ? 0.0 : (estimate + z22n - root) / (1.0 + 2.0 * z22n);
  return {estimate, lower, upper};
}

BinomialTest binomial_test(double successes, double trials, double p0, double confidence) {
  check_counts(successes, trials, confidence, "binomial_test");
  if (!(p0 >= 0.0 && p0 <= 1.0)) {
    throw Error(ErrorCode::kInvalidInput, "binomial_test: p0 outside [0, 1]");
  }
  const double x = successes;
  const double n = trials;
  if (n == 0.0) return {kNaN, 0.0, 1.0, 1.0};
  const double alpha = (1.0 - confidence) / 2.0;
  BinomialTest result;
  result.estimate = x / n;
  result.lower = x == 0.0 ? 0.0 : beta_quantile(alpha, x, n - x + 1.0);
  result.upper = x == n ? 1.0 : beta_quantile(1.0 - alpha, x + 1.0, n - x);
  // R: the outcomes no more likely than the observed one (relative slack 1e-7), both sides.
  const double relative_error = 1.0 + 1e-7;
  const double d = binomial_pmf(x, n, p0);
  const double m = n * p0;
  double p = 1.0;
  if (x < m) {
    double y = 0.0;
    for (double i = std::ceil(m); i <= n; i += 1.0) {
      if (binomial_pmf(i, n, p0) <= d * relative_error) y += 1.0;
    }
    p = binomial_cdf(x, n, p0) + binomial_upper(n - y, n, p0);
  } else if (x > m) {
    double y = 0.0;
    for (double i = 0.0; i <= std::floor(m); i += 1.0) {
      if (binomial_pmf(i, n, p0) <= d * relative_error) y += 1.0;
    }
    p = binomial_cdf(y - 1.0, n, p0) + binomial_upper(x - 1.0, n, p0);
  }
  result.p = std::min(1.0, p);
  return result;
}

RateRatio poisson_rate_ratio(double events1, double exposure1, double events2, double exposure2,
                             double confidence) {
  if (!(exposure1 > 0.0) || !(exposure2 > 0.0) || !std::isfinite(exposure1) ||
      !std::isfinite(exposure2)) {
    throw Error(ErrorCode::kInvalidInput, "poisson_rate_ratio: exposures must be > 0");
  }
  check_counts(events1, events1 + events2, confidence, "poisson_rate_ratio");
  check_counts(events2, events1 + events2, confidence, "poisson_rate_ratio");
  const double total = events1 + events2;
  const BinomialTest conditional =
      binomial_test(events1, total, exposure1 / (exposure1 + exposure2), confidence);
  RateRatio result;
  if (events2 == 0.0) {
    result.estimate = events1 == 0.0 ? kNaN : kInf;
  } else {
    result.estimate = (events1 / exposure1) / (events2 / exposure2);
  }
  auto to_ratio = [&](double q) {
    return q >= 1.0 ? kInf : q / (1.0 - q) * exposure2 / exposure1;
  };
  result.lower = to_ratio(conditional.lower);
  result.upper = to_ratio(conditional.upper);
  result.p = conditional.p;
  return result;
}

}  // namespace ticketlens::stats
