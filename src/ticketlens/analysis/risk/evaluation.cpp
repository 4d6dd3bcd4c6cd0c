#include "ticketlens/analysis/risk/evaluation.hpp"

#include <algorithm>
#include <random>

#include "ticketlens/stats/bootstrap.hpp"

namespace ticketlens::analysis::risk {

ModelEvaluation evaluate_model(const std::string& model, const Predictor& predict, const std::vector<std::string>& names,
                               const Columns& test, const std::vector<std::uint8_t>& outcome, int resamples,
                               std::uint64_t seed, bool importance) {
  ModelEvaluation e;
  e.model = model;
  const auto scores = predict(test);
  e.rows = static_cast<std::int64_t>(outcome.size());
  for (auto y : outcome) e.positives += y;
  e.base_rate = e.rows ? static_cast<double>(e.positives) / static_cast<double>(e.rows) : 0;
  e.auc = stats::roc_auc(scores, outcome);
  e.precision_top5 = stats::precision_at(scores, outcome, 0.05);
  e.precision_top10 = stats::precision_at(scores, outcome, 0.10);
  e.brier = stats::brier_score(scores, outcome);
  e.calibration = stats::calibration_table(scores, outcome, 10);
  if (!outcome.empty()) {
    stats::BootstrapOptions options;
    options.resamples = resamples;
    options.seed = seed;
    // The scores are sorted once, not once per resample: the same AUC of each resample.
    const stats::ResampledAuc resampled_auc(scores, outcome);
    const auto interval = stats::bootstrap_percentile(
        outcome.size(), [&](std::span<const std::size_t> idx) { return resampled_auc(idx); }, options);
    e.auc_lower = interval.lower;
    e.auc_upper = interval.upper;
  }
  if (importance && !outcome.empty()) {
    std::mt19937_64 rng(seed);
    Columns shuffled = test;
    for (std::size_t j = 0; j < test.size(); ++j) {
      auto& col = shuffled[j];
      // Fisher–Yates written out, so the permutation does not depend on the standard library.
      for (std::size_t i = col.size(); i > 1; --i) std::swap(col[i - 1], col[rng() % i]);
      e.importance.push_back({names[j], e.auc - stats::roc_auc(predict(shuffled), outcome)});
      col = test[j];
    }
    std::stable_sort(e.importance.begin(), e.importance.end(),
                     [](const auto& a, const auto& b) { return a.auc_drop > b.auc_drop; });
  }
  return e;
}

}  // namespace ticketlens::analysis::risk
