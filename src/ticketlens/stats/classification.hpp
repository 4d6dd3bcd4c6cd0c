#pragma once
// Measures of a binary classifier's scores against 0/1 outcomes: the area under the ROC curve
// (Mann–Whitney: the probability that a random positive scores above a random negative, ties
// counting 1/2), precision among the highest-scored fraction, the Brier score and a calibration
// table. Pure numerics: `score` and `outcome` of equal length (else Error(kInvalidInput));
// outcome values are 0 or 1. Undefined results are NaN (AUC without both classes, Brier of an
// empty sample).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace ticketlens::stats {

/// Area under the ROC curve; O(n log n); NaN unless both outcomes occur.
double roc_auc(std::span<const double> score, std::span<const std::uint8_t> outcome);

/// roc_auc of bootstrap resamples of one sample, without a sort per resample: the scores are
/// ordered once; a resample (row indices drawn with replacement) is counted in O(n). Gives
/// exactly roc_auc of the resampled scores and outcomes (the same mid-ranks, summed exactly).
class ResampledAuc {
 public:
  /// Checks as roc_auc does; keeps views of `score` and `outcome`, which must outlive it.
  ResampledAuc(std::span<const double> score, std::span<const std::uint8_t> outcome);
  /// AUC of the rows `rows` (each index < n, repeats allowed); NaN unless both outcomes occur.
  [[nodiscard]] double operator()(std::span<const std::size_t> rows) const;

 private:
  std::span<const std::uint8_t> outcome_;
  std::vector<std::size_t> order_;        ///< rows by ascending score
  std::vector<std::size_t> group_end_;    ///< per position in order_: end of its tie group
  mutable std::vector<std::uint32_t> count_;
};

/// Share of positives among the ceil(fraction × n) highest scores (ties broken by position);
/// NaN for an empty sample. fraction in (0, 1].
double precision_at(std::span<const double> score, std::span<const std::uint8_t> outcome, double fraction);

/// Mean of (score − outcome)²; scores are probabilities.
double brier_score(std::span<const double> score, std::span<const std::uint8_t> outcome);

struct CalibrationBin {
  double lower = 0, upper = 0;  ///< predicted-probability range [lower, upper) (last bin closed)
  std::int64_t rows = 0, positives = 0;
  double mean_predicted = 0;  ///< NaN when the bin is empty
  double observed = 0;        ///< positives / rows; NaN when empty
};

/// `bins` equal-width bins of predicted probability over [0, 1].
std::vector<CalibrationBin> calibration_table(std::span<const double> score, std::span<const std::uint8_t> outcome,
                                              int bins = 10);

}  // namespace ticketlens::stats
