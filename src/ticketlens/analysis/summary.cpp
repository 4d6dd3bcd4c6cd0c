#include "ticketlens/analysis/summary.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ticketlens::analysis {

double quantile_type7(std::vector<double>& values, double p) {
  if (values.empty()) return kNaN;
  std::sort(values.begin(), values.end());
  const double h = static_cast<double>(values.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

Summary summarize(std::vector<double> values) {
  Summary s;
  s.n = static_cast<std::int64_t>(values.size());
  if (values.empty()) return s;
  s.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  s.median = quantile_type7(values, 0.5);
  s.p90 = quantile_type7(values, 0.9);
  return s;
}

double percent(double part, double whole) noexcept { return whole == 0 ? kNaN : 100.0 * part / whole; }

}  // namespace ticketlens::analysis
