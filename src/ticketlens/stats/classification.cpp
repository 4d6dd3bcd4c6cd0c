#include "ticketlens/stats/classification.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "ticketlens/common/error.hpp"

namespace ticketlens::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check(std::span<const double> score, std::span<const std::uint8_t> outcome) {
  if (score.size() != outcome.size())
    throw Error(ErrorCode::kInvalidInput, "classifier scores and outcomes must have equal length");
  for (auto y : outcome)
    if (y > 1) throw Error(ErrorCode::kInvalidInput, "classifier outcomes must be 0 or 1");
  for (double s : score)
    if (std::isnan(s)) throw Error(ErrorCode::kInvalidInput, "classifier scores must not be NaN");
}

}  // namespace

double roc_auc(std::span<const double> score, std::span<const std::uint8_t> outcome) {
  check(score, outcome);
  std::vector<std::size_t> order(score.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return score[a] < score[b]; });
  // Sum of the positives' mid-ranks (ties share their average rank).
  double rank_sum = 0;
  double positives = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && score[order[j]] == score[order[i]]) ++j;
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k)
      if (outcome[order[k]]) {
        rank_sum += mid_rank;
        positives += 1;
      }
    i = j;
  }
  const double negatives = static_cast<double>(score.size()) - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  return (rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

ResampledAuc::ResampledAuc(std::span<const double> score, std::span<const std::uint8_t> outcome)
    : outcome_(outcome), order_(score.size()), group_end_(score.size()), count_(score.size(), 0) {
  check(score, outcome);
  std::iota(order_.begin(), order_.end(), 0);
  std::sort(order_.begin(), order_.end(), [&](auto a, auto b) { return score[a] < score[b]; });
  for (std::size_t i = 0; i < order_.size();) {
    std::size_t j = i;
    while (j < order_.size() && score[order_[j]] == score[order_[i]]) ++j;
    for (std::size_t k = i; k < j; ++k) group_end_[k] = j;
    i = j;
  }
}

double ResampledAuc::operator()(std::span<const std::size_t> rows) const {
  for (std::size_t r : rows)
    if (r >= count_.size()) throw Error(ErrorCode::kInvalidInput, "ResampledAuc: row index out of range");
  for (std::size_t r : rows) ++count_[r];
  // As roc_auc on the resample: a tie group of g resampled rows starting at rank `start` + 1
  // shares the mid-rank (start + 1 + start + g) / 2. Half-integers below 2^52: the sums are exact.
  const std::size_t* order = order_.data();
  const std::uint32_t* count = count_.data();
  double rank_sum = 0;
  double positives = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < order_.size();) {
    const std::size_t end = group_end_[i];
    std::size_t in_group = 0, positive_in_group = 0;
    for (std::size_t k = i; k < end; ++k) {
      in_group += count[order[k]];
      if (outcome_[order[k]]) positive_in_group += count[order[k]];
    }
    if (positive_in_group > 0) {
      const double mid_rank = (static_cast<double>(start + 1) + static_cast<double>(start + in_group)) / 2.0;
      rank_sum += mid_rank * static_cast<double>(positive_in_group);
      positives += static_cast<double>(positive_in_group);
    }
    start += in_group;
    i = end;
  }
  for (std::size_t r : rows) count_[r] = 0;
  const double negatives = static_cast<double>(rows.size()) - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  return (rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

double precision_at(std::span<const double> score, std::span<const std::uint8_t> outcome, double fraction) {
  check(score, outcome);
  if (!(fraction > 0 && fraction <= 1))
    throw Error(ErrorCode::kInvalidInput, "precision_at: fraction must be in (0, 1]");
  if (score.empty()) return kNaN;
  const auto k = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(score.size())));
  std::vector<std::size_t> order(score.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return score[a] > score[b]; });
  double hits = 0;
  for (std::size_t i = 0; i < k; ++i) hits += outcome[order[i]];
  return hits / static_cast<double>(k);
}

double brier_score(std::span<const double> score, std::span<const std::uint8_t> outcome) {
  check(score, outcome);
  if (score.empty()) return kNaN;
  double sum = 0;
  for (std::size_t i = 0; i < score.size(); ++i) sum += (score[i] - outcome[i]) * (score[i] - outcome[i]);
  return sum / static_cast<double>(score.size());
}

std::vector<CalibrationBin> calibration_table(std::span<const double> score, std::span<const std::uint8_t> outcome,
                                              int bins) {
  check(score, outcome);
  if (bins < 1) throw Error(ErrorCode::kInvalidInput, "calibration_table: bins must be at least 1");
  std::vector<CalibrationBin> out(static_cast<std::size_t>(bins));
  std::vector<double> sums(out.size(), 0.0);
  for (std::size_t b = 0; b < out.size(); ++b) {
    out[b].lower = static_cast<double>(b) / bins;
    out[b].upper = static_cast<double>(b + 1) / bins;
  }
  for (std::size_t i = 0; i < score.size(); ++i) {
    const double p = std::clamp(score[i], 0.0, 1.0);
    auto b = static_cast<std::size_t>(p * bins);
    if (b >= out.size()) b = out.size() - 1;
    ++out[b].rows;
    out[b].positives += outcome[i];
    sums[b] += score[i];
  }
  for (std::size_t b = 0; b < out.size(); ++b) {
    const auto n = static_cast<double>(out[b].rows);
    out[b].mean_predicted = out[b].rows ? sums[b] / n : kNaN;
    out[b].observed = out[b].rows ? static_cast<double>(out[b].positives) / n : kNaN;
  }
  return out;
}

}  // namespace ticketlens::stats
