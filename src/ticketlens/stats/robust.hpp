#pragma once
// Robust location and scale: the median and the median absolute deviation scaled by 1.4826 to
// estimate the standard deviation under normality (R's median and mad), and robust z-scores
// (x - median) / MAD for outlier alerts.
//
// NaN values are ignored (R's na.rm = TRUE). No values left: median and MAD are NaN. A MAD of 0
// (more than half the values equal) gives z = 0 for a value at the median and +/-inf otherwise.
// Nothing throws.
#include <span>
#include <vector>

namespace ticketlens::stats {

/// The median; the mean of the two middle values for an even count.
double median(std::span<const double> values);

struct RobustScale {
  double median, mad;
};
/// Median and 1.4826 * median(|x - median|).
RobustScale robust_scale(std::span<const double> values);
/// (value - scale.median) / scale.mad with the MAD = 0 rule above.
double robust_z(double value, const RobustScale& scale);
/// Robust z-score of every value against the sample itself (NaN stays NaN).
std::vector<double> robust_z_scores(std::span<const double> values);

}  // namespace ticketlens::stats
