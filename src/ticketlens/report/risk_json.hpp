#pragma once
// The tables and JSON document of `ticketlens risk`, shared by the CLI (`--format json|csv|table`)
// and the HTTP API (/api/risk), so both name their fields the same way.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "ticketlens/analysis/risk/risk_report.hpp"
#include "ticketlens/model/world.hpp"
#include "ticketlens/report/table.hpp"

namespace ticketlens::report {

/// The reasons of an account as `feature=value; …`.
std::string risk_reasons_text(const analysis::risk::RiskAccount& a);
/// rank, account_id, probability, arr, risk_arr, reasons (text), play: the first `top` accounts.
Table risk_accounts_table(const analysis::risk::RiskReport& r, std::size_t top);
/// model, test_rows, positives, auc and its interval, precision in the top 5% and 10%, base rate, Brier.
Table risk_evaluation_table(const analysis::risk::RiskReport& r);
/// The scoring model's coefficients per standard deviation.
Table risk_coefficient_table(const analysis::risk::RiskReport& r);
Table risk_calibration_table(const analysis::risk::ModelEvaluation& e);
Table risk_importance_table(const analysis::risk::ModelEvaluation& e, std::size_t top);

/// The whole report: target, as_of, horizon, evaluation, model, saved_models (null when `saved` is
/// empty), accounts_scored and the first `top` accounts, each with its name (from `world`), its
/// reasons as objects {feature, value, contribution} and its play.
nlohmann::json risk_json(const analysis::risk::RiskReport& r, const model::World& world, std::size_t top,
                         const std::string& saved);

}  // namespace ticketlens::report
