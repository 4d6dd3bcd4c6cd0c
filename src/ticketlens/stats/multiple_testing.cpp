#include "ticketlens/stats/multiple_testing.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {

std::vector<double> benjamini_hochberg(std::span<const double> p_values) {
  std::vector<double> adjusted(p_values.begin(), p_values.end());
  std::vector<std::size_t> present;
  for (std::size_t i = 0; i < p_values.size(); ++i) {
    const double p = p_values[i];
    if (std::isnan(p)) continue;
    if (p < 0.0 || p > 1.0) {
      throw Error(ErrorCode::kInvalidInput, "benjamini_hochberg: p-value outside [0, 1]");
    }
    present.push_back(i);
  }
  // Largest first, ties in input order (R's order(p, decreasing = TRUE) is stable).
  std::stable_sort(present.begin(), present.end(), [&](std::size_t a, std::size_t b) {
    return p_values[a] > p_values[b];
  });
  const auto n = static_cast<double>(present.size());
  double running_min = 1.0;
  for (std::size_t r = 0; r < present.size(); ++r) {
    const double rank = n - static_cast<double>(r);  // rank among ascending p-values
    running_min = std::min(running_min, n / rank * p_values[present[r]]);
    adjusted[present[r]] = running_min;
  }
  return adjusted;
}

}  // namespace ticketlens::stats
