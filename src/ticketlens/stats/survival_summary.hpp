#pragma once
// Summaries of a Kaplan–Meier curve: quantiles (median, quartiles) with their confidence limits,
// and the restricted mean survival time. Both follow R survival 3.5 to the letter, because the
// conventions matter at flat stretches:
//  - quantile p is the first time at which 1 - S(t) >= p (R: quantile(fit, p)); when S sits at
//    exactly 1 - p (within sqrt(machine eps)) over a stretch, the value is the midpoint of that
//    stretch (to the last observed time if the curve ends there). Its limits apply the same rule
//    to the lower and upper bands of S. NaN when not reached.
//  - RMST up to tau is the area under S from min(0, first time) to tau, with the standard error of
//    R's print.survfit(fit, rmean = tau).
// An empty curve gives NaN quantiles and throws nothing.
#include <span>
#include <vector>

#include "ticketlens/stats/kaplan_meier.hpp"

namespace ticketlens::stats {

struct SurvivalQuantile {
  double probability;  ///< p: the quantile is where 1 - S reaches p (0.5 = median)
  double value, lower, upper;
};

/// Quantiles for each p in [0, 1] (throws Error(kInvalidInput) otherwise).
std::vector<SurvivalQuantile> survival_quantiles(const SurvivalCurve& curve,
                                                 std::span<const double> probabilities);
/// The median with its interval: survival_quantiles(curve, {0.5})[0].
SurvivalQuantile survival_median(const SurvivalCurve& curve);

struct RestrictedMean {
  double tau, value, std_err;
};
/// Restricted mean survival time up to `tau` (same unit as the curve's time). Throws
/// Error(kInvalidInput) for a NaN tau; an empty curve gives NaN value and std_err.
RestrictedMean restricted_mean(const SurvivalCurve& curve, double tau);

}  // namespace ticketlens::stats
