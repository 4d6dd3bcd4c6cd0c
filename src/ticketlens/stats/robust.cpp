#include "ticketlens/stats/robust.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ticketlens::stats {
namespace {

constexpr double kMadConstant = 1.4826;

std::vector<double> finite_or_infinite(std::span<const double> values) {
  std::vector<double> kept;
  kept.reserve(values.size());
  for (double v : values) {
    if (!std::isnan(v)) kept.push_back(v);
  }
  return kept;
}

double median_in_place(std::vector<double>& values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  const std::size_t half = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half), values.end());
  const double upper = values[half];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(),
                                         values.begin() + static_cast<std::ptrdiff_t>(half));
  return (lower + upper) / 2.0;
}

}  // namespace

double median(std::span<const double> values) {
  std::vector<double> kept = finite_or_infinite(values);
  return median_in_place(kept);
}

RobustScale robust_scale(std::span<const double> values) {
  std::vector<double> kept = finite_or_infinite(values);
  const double center = median_in_place(kept);
  for (double& v : kept) v = std::fabs(v - center);
  return {center, kMadConstant * median_in_place(kept)};
}

double robust_z(double value, const RobustScale& scale) {
  if (std::isnan(value) || std::isnan(scale.median) || std::isnan(scale.mad)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const double deviation = value - scale.median;
  if (scale.mad == 0.0) {
    if (deviation == 0.0) return 0.0;
    return deviation > 0.0 ? std::numeric_limits<double>::infinity()
                           : -std::numeric_limits<double>::infinity();
  }
  return deviation / scale.mad;
}

std::vector<double> robust_z_scores(std::span<const double> values) {
  const RobustScale scale = robust_scale(values);
  std::vector<double> z;
  z.reserve(values.size());
  for (double v : values) z.push_back(robust_z(v, scale));
  return z;
}

}  // namespace ticketlens::stats
