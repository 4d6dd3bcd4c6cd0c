#pragma once
// The G-rho family of k-sample tests for right-censored data, as R's survdiff(Surv(time, event)
// ~ group, rho = rho): rho = 0 is the log-rank test, rho = 1 the Peto–Peto modification of the
// Gehan–Wilcoxon test. Each death time is weighted by S(t-)^rho, S the Kaplan–Meier estimate of
// the pooled sample.
//
// Inputs: `time`, `event` (1 = event, 0 = censored) and `group` (codes 0 .. n_groups-1), equal
// length; n_groups = 0 means max(group) + 1. A group without observations (or without anyone at
// risk at a death time) has expected 0 and, as in R, is left out of the statistic: df = (groups
// with expected > 0) - 1. Fewer than two such groups gives chisq = 0, df = 0, p = NaN.
// Empty input likewise. Throws Error(kInvalidInput) on unequal lengths, a negative or too large
// group code, a non-finite time, or an event flag other than 0/1.
#include <cstdint>
#include <span>
#include <vector>

namespace ticketlens::stats {

struct LogRankGroup {
  std::int32_t group = 0;
  std::int64_t n = 0;
  double observed = 0;  ///< weighted number of events (a count when rho = 0)
  double expected = 0;  ///< weighted expected number of events under equal hazards
};

struct LogRankTest {
  double rho = 0;
  double chisq = 0;
  int df = 0;
  double p = 0;
  std::vector<LogRankGroup> groups;
  std::vector<double> variance;  ///< k x k row-major variance of observed - expected
};

LogRankTest log_rank_test(std::span<const double> time, std::span<const std::uint8_t> event,
                          std::span<const std::int32_t> group, double rho = 0.0,
                          std::int32_t n_groups = 0);

}  // namespace ticketlens::stats
