#pragma once
// Nonparametric bootstrap with percentile intervals, reproducible from a seed: resamples of
// n units drawn with replacement by std::mt19937_64 (indices by unbiased rejection sampling, so
// the draws do not depend on the standard library), the statistic evaluated on each, and the
// interval read off the replicates with R's default quantile (type 7).
//
// The statistic sees the resampled unit indices (so it can resample pairs, accounts, ...);
// replicates that come out NaN are dropped and counted. n = 0 or resamples < 1 throws
// Error(kInvalidInput); if every replicate is NaN the interval is NaN.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace ticketlens::stats {

struct BootstrapOptions {
  int resamples = 2000;
  double confidence = 0.95;
  std::uint64_t seed = 20240601;
};

struct BootstrapInterval {
  double estimate;  ///< the statistic on the original sample (indices 0..n-1)
  double lower, upper;
  double std_err;   ///< standard deviation of the replicates
  int resamples;    ///< replicates used (NaN ones dropped)
  int dropped;
};

using IndexStatistic = std::function<double(std::span<const std::size_t> indices)>;

BootstrapInterval bootstrap_percentile(std::size_t units, const IndexStatistic& statistic,
                                       const BootstrapOptions& options = {});

/// The same for a statistic of a plain sample of values.
BootstrapInterval bootstrap_percentile(std::span<const double> sample,
                                       const std::function<double(std::span<const double>)>& statistic,
                                       const BootstrapOptions& options = {});

/// R's quantile(x, p, type = 7) of unsorted values (NaN for empty input).
double quantile_type7(std::vector<double> values, double probability);

}  // namespace ticketlens::stats
