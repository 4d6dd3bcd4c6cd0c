// The Breslow-type baseline cumulative hazard of a fitted Cox model at covariates = 0, with the
// fit's tie method (Efron increments sum_k 1 / S0_k for an Efron fit), per stratum, at every
// distinct stop time: R's basehaz(fit, centered = FALSE).
#include <algorithm>
#include <cmath>
#include <vector>

#include "ticketlens/stats/cox_risk_set.hpp"

namespace ticketlens::stats::detail {

BaselineHazard cox_baseline_hazard(const CoxProblem& problem, std::span<const double> beta) {
  // exp(-beta . mean) turns hazards at the centered origin into hazards at x = 0.
  double beta_dot_mean = 0.0;
  for (std::size_t j = 0; j < problem.p; ++j) {
    beta_dot_mean += beta[j] * problem.scale[j] * problem.mean[j];
  }
  struct Increment {
    std::int32_t stratum;
    double time, hazard;
  };
  std::vector<Increment> increments;  // in sweep order: stratum ascending, time descending
  const std::function<void(const EventTimeTerms&)> observer = [&](const EventTimeTerms& t) {
    increments.push_back({t.stratum, t.time, t.hazard * std::exp(-t.log_shift - beta_dot_mean)});
  };
  evaluate_cox(problem, beta, &observer);

  BaselineHazard baseline;
  // Positions are sorted by (stratum, stop descending): walk each stratum backwards.
  std::size_t begin = 0;
  std::size_t next_increment = 0;
  while (begin < problem.n) {
    std::size_t end = begin;
    while (end < problem.n && problem.stratum[end] == problem.stratum[begin]) ++end;
    std::size_t increments_end = next_increment;
    while (increments_end < increments.size() &&
           increments[increments_end].stratum == problem.stratum[begin]) {
      ++increments_end;
    }
    std::size_t pending = increments_end;  // walks this stratum's increments backwards
    double cumulative = 0.0;
    for (std::size_t k = end; k-- > begin;) {
      if (k + 1 < end && problem.stop[k] == problem.stop[k + 1]) continue;
      if (pending > next_increment && increments[pending - 1].time == problem.stop[k]) {
        cumulative += increments[--pending].hazard;
      }
      baseline.stratum.push_back(problem.stratum[k]);
      baseline.time.push_back(problem.stop[k]);
      baseline.cumhaz.push_back(cumulative);
    }
    begin = end;
    next_increment = increments_end;
  }
  return baseline;
}

}  // namespace ticketlens::stats::detail
