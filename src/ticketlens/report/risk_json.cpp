#include "ticketlens/report/risk_json.hpp"

#include <fmt/format.h>

#include "ticketlens/common/time.hpp"

#include <cmath>
#include <vector>

namespace ticketlens::report {
namespace {

namespace rk = analysis::risk;
using nlohmann::json;

std::vector<std::string> dates(const std::vector<Timestamp>& ts) {
  std::vector<std::string> out;
  for (auto t : ts) out.push_back(format_date(t));
  return out;
}

json finite(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

}  // namespace

std::string risk_reasons_text(const rk::RiskAccount& a) {
  std::string out;
  for (const auto& r : a.reasons) out += fmt::format("{}{}={:.4g}", out.empty() ? "" : "; ", r.feature, r.value);
  return out;
}

Table risk_accounts_table(const rk::RiskReport& r, std::size_t top) {
  Table t;
  t.precision = 3;
  t.columns = {"rank", "account_id", "probability", "arr", "risk_arr", "reasons", "play"};
  for (std::size_t i = 0; i < r.accounts.size() && i < top; ++i) {
    const auto& a = r.accounts[i];
    t.add_row({static_cast<std::int64_t>(i + 1), a.account_id, a.probability, a.arr, a.risk_arr, risk_reasons_text(a),
               a.play});
  }
  return t;
}

Table risk_evaluation_table(const rk::RiskReport& r) {
  Table t;
  t.precision = 3;
  t.columns = {"model", "test_rows", "positives", "auc", "auc_lower", "auc_upper", "precision_top5", "precision_top10",
               "base_rate", "brier"};
  for (const auto& e : r.evaluations)
    t.add_row({e.model, e.rows, e.positives, e.auc, e.auc_lower, e.auc_upper, e.precision_top5, e.precision_top10,
               e.base_rate, e.brier});
  return t;
}

Table risk_coefficient_table(const rk::RiskReport& r) {
  Table t;
  t.precision = 3;
  t.columns = {"feature", "coef_per_sd", "se", "z", "p", "mean", "sd"};
  t.add_row({"(Intercept)", r.model.intercept, std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{},
             std::monostate{}});
  for (std::size_t j = 0; j < r.model.names.size(); ++j)
    t.add_row({r.model.names[j], r.model.coef[j], r.model.se[j], r.model.z[j], r.model.p[j], r.model.mean[j],
               r.model.sd[j]});
  return t;
}

Table risk_calibration_table(const rk::ModelEvaluation& e) {
  Table t;
  t.precision = 3;
  t.columns = {"predicted_from", "predicted_to", "rows", "positives", "mean_predicted", "observed"};
  for (const auto& b : e.calibration)
    if (b.rows > 0) t.add_row({b.lower, b.upper, b.rows, b.positives, b.mean_predicted, b.observed});
  return t;
}

Table risk_importance_table(const rk::ModelEvaluation& e, std::size_t top) {
  Table t;
  t.precision = 3;
  t.columns = {"feature", "auc_drop"};
  for (std::size_t i = 0; i < e.importance.size() && i < top; ++i)
    t.add_row({e.importance[i].feature, e.importance[i].auc_drop});
  return t;
}

json risk_json(const rk::RiskReport& r, const model::World& world, std::size_t top, const std::string& saved) {
  const auto summaries = to_json(risk_evaluation_table(r));
  json evaluations = json::array();
  for (const auto& e : r.evaluations)
    evaluations.push_back({{"model", e.model},
                           {"summary", summaries[evaluations.size()]},
                           {"calibration", to_json(risk_calibration_table(e))},
                           {"importance", to_json(risk_importance_table(e, e.importance.size()))}});
  json accounts = json::array();
  for (std::size_t i = 0; i < r.accounts.size() && i < top; ++i) {
    const auto& a = r.accounts[i];
    json reasons = json::array();
    for (const auto& reason : a.reasons)
      reasons.push_back({{"feature", reason.feature}, {"value", finite(reason.value)},
                         {"contribution", finite(reason.contribution)}});
    const std::string name = a.account < world.accounts.names.size() ? world.accounts.names[a.account] : "";
    accounts.push_back({{"rank", i + 1},
                        {"account_id", a.account_id},
                        {"name", name},
                        {"probability", finite(a.probability)},
                        {"arr", finite(a.arr)},
                        {"risk_arr", finite(a.risk_arr)},
                        {"reasons", reasons},
                        {"play", a.play}});
  }
  return {{"target", std::string(rk::target_name(r.target))},
          {"as_of", format_timestamp(r.as_of)},
          {"horizon_days", r.horizon_days},
          {"evaluation",
           {{"train_cutoffs", dates(r.evaluation_train_cutoffs)},
            {"test_cutoff", r.evaluations.empty() ? json(nullptr) : json(format_date(r.evaluation_test_cutoff))},
            {"models", evaluations}}},
          {"model",
           {{"kind", "logistic"},
            {"train_cutoffs", dates(r.train_cutoffs)},
            {"train_rows", r.train_rows},
            {"train_positives", r.train_positives},
            {"converged", r.model.converged},
            {"coefficients", to_json(risk_coefficient_table(r))}}},
          {"saved_models", saved.empty() ? json(nullptr) : json(saved)},
          {"accounts_scored", r.accounts.size()},
          {"accounts", accounts}};
}

}  // namespace ticketlens::report
