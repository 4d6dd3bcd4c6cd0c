#pragma once
// Summaries of a sample used by the ticket measures: count, median, 90th percentile and mean,
// with R's default quantile (type 7: linear interpolation between order statistics).
#include <cstdint>
#include <limits>
#include <vector>

namespace ticketlens::analysis {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Summary {
  std::int64_t n = 0;
  double median = kNaN, p90 = kNaN, mean = kNaN;  ///< NaN when n = 0
};

/// R's quantile(x, p, type = 7); NaN for an empty sample. Sorts `values`.
double quantile_type7(std::vector<double>& values, double p);
/// n, median, p90 and mean of the values (NaN values are not expected; the caller filters).
Summary summarize(std::vector<double> values);
/// 100 × part / whole, NaN when whole is 0.
double percent(double part, double whole) noexcept;

}  // namespace ticketlens::analysis
