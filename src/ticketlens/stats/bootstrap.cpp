#include "ticketlens/stats/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {
namespace {

// Uniform on [0, n) without modulo bias, identical on every platform.
std::size_t uniform_index(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                              std::numeric_limits<std::uint64_t>::max() % n;
  std::uint64_t draw = rng();
  while (draw >= limit) draw = rng();
  return static_cast<std::size_t>(draw % n);
}

}  // namespace

double quantile_type7(std::vector<double> values, double probability) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double h = (static_cast<double>(values.size()) - 1.0) * probability;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - std::floor(h)) * (values[hi] - values[lo]);
}

BootstrapInterval bootstrap_percentile(std::size_t units, const IndexStatistic& statistic,
                                       const BootstrapOptions& options) {
  if (units == 0 || options.resamples < 1 ||
      !(options.confidence > 0.0 && options.confidence < 1.0)) {
    throw Error(ErrorCode::kInvalidInput, "bootstrap_percentile: no units or invalid options");
  }
  std::vector<std::size_t> indices(units);
  std::iota(indices.begin(), indices.end(), std::size_t{0});
  BootstrapInterval result{};
  result.estimate = statistic(indices);
  std::mt19937_64 rng(options.seed);
  std::vector<double> replicates;
  replicates.reserve(static_cast<std::size_t>(options.resamples));
  for (int r = 0; r < options.resamples; ++r) {
    for (auto& index : indices) index = uniform_index(rng, units);
    const double value = statistic(indices);
    if (std::isnan(value)) {
      ++result.dropped;
    } else {
      replicates.push_back(value);
    }
  }
  result.resamples = static_cast<int>(replicates.size());
  const double alpha = (1.0 - options.confidence) / 2.0;
  result.lower = quantile_type7(replicates, alpha);
  result.upper = quantile_type7(replicates, 1.0 - alpha);
  if (replicates.size() > 1) {
    const double mean = std::accumulate(replicates.begin(), replicates.end(), 0.0) /
                        static_cast<double>(replicates.size());
    double sum_sq = 0.0;
    for (double v : replicates) sum_sq += (v - mean) * (v - mean);
    result.std_err = std::sqrt(sum_sq / static_cast<double>(replicates.size() - 1));
  } else {
    result.std_err = std::numeric_limits<double>::quiet_NaN();
  }
  return result;
}

BootstrapInterval bootstrap_percentile(std::span<const double> sample,
                                       const std::function<double(std::span<const double>)>& statistic,
                                       const BootstrapOptions& options) {
  std::vector<double> resample(sample.size());
  const IndexStatistic by_index = [&](std::span<const std::size_t> indices) {
    for (std::size_t i = 0; i < indices.size(); ++i) resample[i] = sample[indices[i]];
    return statistic(resample);
  };
  return bootstrap_percentile(sample.size(), by_index, options);
}

}  // namespace ticketlens::stats
