#pragma once
// Risk models saved in the workspace, versioned: DIR/models/risk-<target>-v<N>/ holds
// logistic.json (features, means, sds, coefficients), xgboost.json (XGBoost's model file, when
// fitted) and meta.json (target, as_of, horizon, training cut-offs, rows, the evaluation's AUCs,
// the world's data version). N is one more than the highest version present for that target.
#include <filesystem>

#include "ticketlens/analysis/risk/risk_report.hpp"

namespace ticketlens::analysis::risk {

/// Writes the report's models; returns the version folder. Error(kIo) when it cannot be written.
std::filesystem::path save_models(const std::filesystem::path& workspace, const RiskReport& report,
                                  std::int64_t data_version);

/// The highest saved version for the target (0 when none).
int latest_model_version(const std::filesystem::path& workspace, Target target);

}  // namespace ticketlens::analysis::risk
