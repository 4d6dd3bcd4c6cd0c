#include "ticketlens/stats/log_rank.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/cholesky.hpp"
#include "ticketlens/stats/distributions.hpp"

namespace ticketlens::stats {

LogRankTest log_rank_test(std::span<const double> time, std::span<const std::uint8_t> event,
                          std::span<const std::int32_t> group, double rho, std::int32_t n_groups) {
  const std::size_t n = time.size();
  if (event.size() != n || group.size() != n) {
    throw Error(ErrorCode::kInvalidInput, "log_rank_test: time, event and group differ in length");
  }
  if (!std::isfinite(rho)) throw Error(ErrorCode::kInvalidInput, "log_rank_test: rho is not finite");
  std::int32_t k = n_groups;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(time[i])) throw Error(ErrorCode::kInvalidInput, "log_rank_test: bad time");
    if (event[i] > 1) throw Error(ErrorCode::kInvalidInput, "log_rank_test: event must be 0 or 1");
    if (group[i] < 0 || (n_groups > 0 && group[i] >= n_groups)) {
      throw Error(ErrorCode::kInvalidInput, "log_rank_test: group code out of range");
    }
    if (n_groups == 0) k = std::max(k, group[i] + 1);
  }
  const auto groups = static_cast<std::size_t>(k);

  LogRankTest result;
  result.rho = rho;
  result.groups.resize(groups);
  result.variance.assign(groups * groups, 0.0);
  for (std::size_t g = 0; g < groups; ++g) result.groups[g].group = static_cast<std::int32_t>(g);
  std::vector<double> at_risk(groups, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    ++result.groups[static_cast<std::size_t>(group[i])].n;
    at_risk[static_cast<std::size_t>(group[i])] += 1.0;
  }

  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return time[a] < time[b]; });
  std::vector<double> deaths(groups, 0.0);
  std::vector<double> leaving(groups, 0.0);
  double total_at_risk = static_cast<double>(n);
  double km = 1.0;  // pooled S(t-)
  for (std::size_t pos = 0; pos < n;) {
    const double t = time[order[pos]];
    std::fill(deaths.begin(), deaths.end(), 0.0);
    std::fill(leaving.begin(), leaving.end(), 0.0);
    double d = 0.0;
    for (; pos < n && time[order[pos]] == t; ++pos) {
      const auto g = static_cast<std::size_t>(group[order[pos]]);
      leaving[g] += 1.0;
      if (event[order[pos]] == 1) {
        deaths[g] += 1.0;
        d += 1.0;
      }
    }
    if (d > 0.0) {
      const double weight = rho == 0.0 ? 1.0 : std::pow(km, rho);
      const double r = total_at_risk;
      for (std::size_t g = 0; g < groups; ++g) {
        result.groups[g].observed += weight * deaths[g];
        result.groups[g].expected += weight * d * at_risk[g] / r;
      }
      if (r > 1.0) {
        const double scale = weight * weight * d * (r - d) / (r * (r - 1.0));
        for (std::size_t a = 0; a < groups; ++a) {
          result.variance[a * groups + a] += scale * at_risk[a];
          for (std::size_t b = 0; b < groups; ++b) {
            result.variance[a * groups + b] -= scale * at_risk[a] * at_risk[b] / r;
          }
        }
      }
      km *= (r - d) / r;
    }
    for (std::size_t g = 0; g < groups; ++g) at_risk[g] -= leaving[g];
    total_at_risk -= std::accumulate(leaving.begin(), leaving.end(), 0.0);
  }

  // As survdiff: keep the groups with expected > 0, drop the first of them, solve.
  std::vector<std::size_t> kept;
  for (std::size_t g = 0; g < groups; ++g) {
    if (result.groups[g].expected > 0.0) kept.push_back(g);
  }
  if (kept.size() < 2) {
    result.chisq = 0.0;
    result.df = 0;
    result.p = std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  const std::size_t m = kept.size() - 1;
  std::vector<double> v(m * m);
  std::vector<double> diff(m);
  for (std::size_t a = 0; a < m; ++a) {
    const std::size_t ga = kept[a + 1];
    diff[a] = result.groups[ga].observed - result.groups[ga].expected;
    for (std::size_t b = 0; b < m; ++b) v[a * m + b] = result.variance[ga * groups + kept[b + 1]];
  }
  std::vector<double> solved = diff;
  Cholesky(v, m, 1e-12).solve(solved);
  result.chisq = std::inner_product(diff.begin(), diff.end(), solved.begin(), 0.0);
  result.df = static_cast<int>(m);
  result.p = chi_square_sf(result.chisq, result.df);
  return result;
}

}  // namespace ticketlens::stats
