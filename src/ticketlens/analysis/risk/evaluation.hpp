#pragma once
// How well a risk model's scores on the held-out (later) rows rank and calibrate
// (docs/metrics.md "Risk scores"): AUC with a percentile bootstrap interval over the rows,
// precision among the top 5% and 10%, Brier score, a calibration table, and the permutation
// importance of every feature (AUC lost when that feature's test values are shuffled).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ticketlens/analysis/risk/logistic_model.hpp"
#include "ticketlens/stats/classification.hpp"

namespace ticketlens::analysis::risk {

struct FeatureImportance {
  std::string feature;
  double auc_drop = 0;  ///< AUC with the feature intact minus AUC with it shuffled
};

struct ModelEvaluation {
  std::string model;  ///< "logistic", "xgboost", "baseline_ticket_count"
  std::int64_t rows = 0, positives = 0;
  double auc = 0, auc_lower = 0, auc_upper = 0;
  double precision_top5 = 0, precision_top10 = 0, base_rate = 0;
  double brier = 0;
  std::vector<stats::CalibrationBin> calibration;
  std::vector<FeatureImportance> importance;  ///< highest drop first; empty for the baseline
};

using Predictor = std::function<std::vector<double>(const Columns&)>;

/// Scores the test rows with `predict` and measures them. `names` label the columns; with
/// `importance` false the permutation importance is skipped.
ModelEvaluation evaluate_model(const std::string& model, const Predictor& predict, const std::vector<std::string>& names,
                               const Columns& test, const std::vector<std::uint8_t>& outcome, int resamples,
                               std::uint64_t seed, bool importance = true);

}  // namespace ticketlens::analysis::risk
