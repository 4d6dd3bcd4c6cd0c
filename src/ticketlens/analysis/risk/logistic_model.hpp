#pragma once
// The logistic risk model: features standardised on the training rows (mean 0, sd 1, so the
// coefficients compare across features and IRLS is well conditioned), fitted by
// stats::logistic_regression. Constant training columns and aliased ones get coefficient 0.
// An account's reasons are the per-feature contributions coef × z to its log-odds against the
// training mean: the features that push its risk up most.
#include <cstdint>
#include <string>
#include <vector>

#include "ticketlens/stats/logistic.hpp"

namespace ticketlens::analysis::risk {

using Columns = std::vector<std::vector<double>>;  ///< one vector per feature, one value per row

struct LogisticRiskModel {
  std::vector<std::string> names;  ///< features, in column order of the inputs
  std::vector<double> mean, sd;    ///< of the training rows; sd 0 = left out
  double intercept = 0;
  std::vector<double> coef, se, z, p;  ///< per standardised feature (0 and NaN when left out)
  bool converged = false, separation = false;
  int iterations = 0;
};

/// Fits on `columns` (every feature) and 0/1 `outcome`. Error(kInvalidInput) from the stats layer
/// for empty or mismatched input.
LogisticRiskModel fit_logistic_risk(const std::vector<std::string>& names, const Columns& columns,
                                    const std::vector<std::uint8_t>& outcome);

/// Predicted probabilities of each row.
std::vector<double> predict(const LogisticRiskModel& model, const Columns& columns);

/// coef × (x − mean) / sd of one row's features.
std::vector<double> contributions(const LogisticRiskModel& model, const Columns& columns, std::size_t row);

}  // namespace ticketlens::analysis::risk
