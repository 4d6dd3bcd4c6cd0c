#include "ticketlens/stats/survival_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// R's approx(y, seq_along(y), p, method = "constant", f = 1)$y on pairs with a finite y: the
// position of the smallest y that is >= p, or none when p lies outside [min y, max y].
std::ptrdiff_t right_step_index(const std::vector<double>& y, double p) {
  double best = std::numeric_limits<double>::infinity();
  std::ptrdiff_t best_index = -1;
  double smallest = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (std::isnan(y[i])) continue;
    smallest = std::min(smallest, y[i]);
    if (y[i] >= p && y[i] < best) {
      best = y[i];
      best_index = static_cast<std::ptrdiff_t>(i);
    }
  }
  if (p < smallest) return -1;
  return best_index;
}

// survival:::findq: x = (0, times), y = (0, 1 - curve) for one probability.
double find_quantile(const std::vector<double>& x_all, const std::vector<double>& y_all, double p) {
  const double tolerance = std::sqrt(std::numeric_limits<double>::epsilon());
  double largest = -std::numeric_limits<double>::infinity();
  for (double y : y_all) {
    if (!std::isnan(y)) largest = std::max(largest, y);
  }
  if (largest < p) return kNaN;
  const double x_max = x_all.back();
  // Keep the first occurrence of each y value (R's duplicated(), NA counting as one value).
  std::vector<double> x;
  std::vector<double> y;
  bool seen_nan = false;
  for (std::size_t i = 0; i < y_all.size(); ++i) {
    const double value = y_all[i];
    bool duplicate = false;
    if (std::isnan(value)) {
      duplicate = seen_nan;
      seen_nan = true;
    } else {
      duplicate = std::find(y.begin(), y.end(), value) != y.end();
    }
    if (duplicate) continue;
    x.push_back(x_all[i]);
    y.push_back(value);
  }
  std::vector<double> shifted_up(y.size());
  std::vector<double> shifted_down(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) {
    shifted_up[i] = y[i] + tolerance;
    shifted_down[i] = y[i] - tolerance;
  }
  const std::ptrdiff_t first = right_step_index(shifted_up, p);
  const std::ptrdiff_t second = right_step_index(shifted_down, p);
  double quantile = first < 0 || second < 0 ? kNaN
                                            : (x[static_cast<std::size_t>(first)] +
                                               x[static_cast<std::size_t>(second)]) / 2.0;
  if (p == 0.0) quantile = x.front();
  const double last_y = y.back();
  if (!std::isnan(last_y) && std::fabs(p - last_y) < tolerance) {
    quantile = first < 0 ? kNaN : (x[static_cast<std::size_t>(first)] + x_max) / 2.0;
  }
  return quantile;
}

}  // namespace

std::vector<SurvivalQuantile> survival_quantiles(const SurvivalCurve& curve,
                                                 std::span<const double> probabilities) {
  std::vector<SurvivalQuantile> result;
  for (double p : probabilities) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw Error(ErrorCode::kInvalidInput, "survival_quantiles: probability outside [0, 1]");
    }
  }
  if (curve.time.empty()) {
    for (double p : probabilities) result.push_back({p, kNaN, kNaN, kNaN});
    return result;
  }
  std::vector<double> x{0.0};
  x.insert(x.end(), curve.time.begin(), curve.time.end());
  auto complement = [&](const std::vector<double>& s) {
    std::vector<double> y{0.0};
    for (double v : s) y.push_back(1.0 - v);
    return y;
  };
  const std::vector<double> y_surv = complement(curve.survival);
  const std::vector<double> y_lower = complement(curve.lower);
  const std::vector<double> y_upper = complement(curve.upper);
  for (double p : probabilities) {
    result.push_back({p, find_quantile(x, y_surv, p), find_quantile(x, y_lower, p),
                      find_quantile(x, y_upper, p)});
  }
  return result;
}

SurvivalQuantile survival_median(const SurvivalCurve& curve) {
  const double half[] = {0.5};
  return survival_quantiles(curve, half).front();
}

RestrictedMean restricted_mean(const SurvivalCurve& curve, double tau) {
  if (std::isnan(tau)) throw Error(ErrorCode::kInvalidInput, "restricted_mean: tau is NaN");
  if (curve.time.empty()) return {tau, kNaN, kNaN};
  const double start = std::min(0.0, curve.time.front());
  // Steps up to tau, then a closing step at tau carrying the last survival forward.
  std::vector<double> step_time;
  std::vector<double> step_surv;
  std::vector<double> step_hazard;  // d / (n (n - d)), 0 when everyone at risk fails
  for (std::size_t i = 0; i < curve.time.size() && curve.time[i] <= tau; ++i) {
    const auto n = static_cast<double>(curve.n_risk[i]);
    const auto d = static_cast<double>(curve.n_event[i]);
    step_time.push_back(curve.time[i]);
    step_surv.push_back(curve.survival[i]);
    step_hazard.push_back(n - d == 0.0 ? 0.0 : d / (n * (n - d)));
  }
  step_surv.push_back(step_surv.empty() ? 1.0 : step_surv.back());
  step_time.push_back(tau);
  step_hazard.push_back(0.0);
  const std::size_t m = step_time.size();
  std::vector<double> rectangle(m);
  double previous_time = start;
  for (std::size_t i = 0; i < m; ++i) {
    const double height = i == 0 ? 1.0 : step_surv[i - 1];
    rectangle[i] = (step_time[i] - previous_time) * height;
    previous_time = step_time[i];
  }
  const double mean = std::accumulate(rectangle.begin(), rectangle.end(), 0.0) + start;
  // Each event time i contributes (area after it)^2 * d / (n (n - d)).
  double variance = 0.0;
  double area_after = 0.0;
  for (std::size_t i = m - 1; i-- > 0;) {
    area_after += rectangle[i + 1];
    variance += area_after * area_after * step_hazard[i];
  }
  return {tau, mean, std::sqrt(variance)};
}

}  // namespace ticketlens::stats
