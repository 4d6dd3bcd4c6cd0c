// ticketlens risk: churn or costly-support risk per account, the model's coefficients and its
// evaluation on a time split against the ticket-count baseline. The analysis is in
// src/ticketlens/analysis/risk; this file parses options and renders.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/analysis/risk/model_files.hpp"
#include "ticketlens/analysis/risk/risk_report.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

using nlohmann::json;
namespace rk = analysis::risk;

struct RiskArgs {
  std::optional<std::string> as_of;
  std::string target = "churn";
  int top = 20;
  std::string format = "table";
  bool no_save = false;
};

std::string reasons_text(const rk::RiskAccount& a) {
  std::string out;
  for (const auto& r : a.reasons) out += fmt::format("{}{}={:.4g}", out.empty() ? "" : "; ", r.feature, r.value);
  return out;
}

report::Table accounts_table(const rk::RiskReport& r, std::size_t top) {
  report::Table t;
  t.precision = 3;
  t.columns = {"rank", "account_id", "probability", "arr", "risk_arr", "reasons", "play"};
  for (std::size_t i = 0; i < r.accounts.size() && i < top; ++i) {
    const auto& a = r.accounts[i];
    t.add_row({static_cast<std::int64_t>(i + 1), a.account_id, a.probability, a.arr, a.risk_arr, reasons_text(a), a.play});
  }
  return t;
}

report::Table evaluation_table(const rk::RiskReport& r) {
  report::Table t;
  t.precision = 3;
  t.columns = {"model", "test_rows", "positives", "auc", "auc_lower", "auc_upper", "precision_top5", "precision_top10",
               "base_rate", "brier"};
  for (const auto& e : r.evaluations)
    t.add_row({e.model, e.rows, e.positives, e.auc, e.auc_lower, e.auc_upper, e.precision_top5, e.precision_top10,
               e.base_rate, e.brier});
  return t;
}

report::Table coefficient_table(const rk::RiskReport& r) {
  report::Table t;
  t.precision = 3;
  t.columns = {"feature", "coef_per_sd", "se", "z", "p", "mean", "sd"};
  t.add_row({"(Intercept)", r.model.intercept, std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{},
             std::monostate{}});
  for (std::size_t j = 0; j < r.model.names.size(); ++j)
    t.add_row({r.model.names[j], r.model.coef[j], r.model.se[j], r.model.z[j], r.model.p[j], r.model.mean[j],
               r.model.sd[j]});
  return t;
}

report::Table calibration_table(const rk::ModelEvaluation& e) {
  report::Table t;
  t.precision = 3;
  t.columns = {"predicted_from", "predicted_to", "rows", "positives", "mean_predicted", "observed"};
  for (const auto& b : e.calibration)
    if (b.rows > 0) t.add_row({b.lower, b.upper, b.rows, b.positives, b.mean_predicted, b.observed});
  return t;
}

report::Table importance_table(const rk::ModelEvaluation& e, std::size_t top) {
  report::Table t;
  t.precision = 3;
  t.columns = {"feature", "auc_drop"};
  for (std::size_t i = 0; i < e.importance.size() && i < top; ++i)
    t.add_row({e.importance[i].feature, e.importance[i].auc_drop});
  return t;
}

std::vector<std::string> dates(const std::vector<Timestamp>& ts) {
  std::vector<std::string> out;
  for (auto t : ts) out.push_back(format_date(t));
  return out;
}

json report_json(const rk::RiskReport& r, std::size_t top, const std::string& saved) {
  json evaluations = json::array();
  for (const auto& e : r.evaluations)
    evaluations.push_back({{"model", e.model},
                           {"summary", report::to_json(evaluation_table(r))[evaluations.size()]},
                           {"calibration", report::to_json(calibration_table(e))},
                           {"importance", report::to_json(importance_table(e, e.importance.size()))}});
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
            {"coefficients", report::to_json(coefficient_table(r))}}},
          {"saved_models", saved.empty() ? json(nullptr) : json(saved)},
          {"accounts_scored", r.accounts.size()},
          {"accounts", report::to_json(accounts_table(r, top))}};
}

void run(const Context& ctx, const RiskArgs& args) {
  const auto target = rk::parse_target(args.target);
  const auto format = report::parse_format(args.format);
  if (args.top < 1) throw Error(ErrorCode::kUsage, "--top must be at least 1");
  auto store = store::Store::open(ctx.workspace);
  const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
  const auto world = store::load_world(*store);
  rk::RiskOptions options;
  options.target = target;
  options.as_of = analysis::retention::resolve_as_of(world, args.as_of);
  const auto r = rk::risk_report(world, config, options);
  const auto top = static_cast<std::size_t>(args.top);
  const std::string saved =
      args.no_save ? std::string() : rk::save_models(ctx.workspace, r, world.data_version).string();
  if (format == report::Format::kJson) {
    std::cout << report_json(r, top, saved).dump(2) << '\n';
    return;
  }
  if (format == report::Format::kCsv) {
    report::render(accounts_table(r, top), format, std::cout);
    return;
  }
  std::cout << fmt::format("Risk of {} within {} days, as of {} ({} accounts scored)\n\n", rk::target_name(r.target),
                           r.horizon_days, format_timestamp(r.as_of), r.accounts.size());
  std::cout << fmt::format("Evaluation: trained on cut-offs {} to {}, tested on the accounts at {}\n",
                           format_date(r.evaluation_train_cutoffs.back()), format_date(r.evaluation_train_cutoffs.front()),
                           format_date(r.evaluation_test_cutoff));
  report::render(evaluation_table(r), format, std::cout);
  for (const auto& e : r.evaluations) {
    if (e.importance.empty()) continue;
    std::cout << fmt::format("\nCalibration of the {} model on the test accounts\n", e.model);
    report::render(calibration_table(e), format, std::cout);
    std::cout << fmt::format("\nFeature importance ({}; AUC lost when the feature is shuffled), top 10\n", e.model);
    report::render(importance_table(e, 10), format, std::cout);
  }
  std::cout << fmt::format("\nLogistic model scoring {} ({} rows, {} positive, cut-offs {} to {}{}); coefficients per "
                           "standard deviation\n",
                           format_date(r.as_of), r.train_rows, r.train_positives, format_date(r.train_cutoffs.back()),
                           format_date(r.train_cutoffs.front()), r.model.converged ? "" : ", NOT converged");
  report::render(coefficient_table(r), format, std::cout);
  std::cout << fmt::format("\nTop {} accounts by probability x ARR\n", std::min(top, r.accounts.size()));
  report::render(accounts_table(r, top), format, std::cout);
  if (!saved.empty()) std::cout << fmt::format("\nModels saved in {}\n", saved);
}

}  // namespace

void register_risk(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<RiskArgs>();
  auto* sub = root.add_subcommand(
      "risk", "Accounts ranked by churn or costly-support risk x ARR, with reasons and plays; model evaluation");
  add_workspace_option(*sub, ctx);
  sub->add_option("--as-of", args->as_of, "Score the accounts as of this date (default: the data's end)");
  sub->add_option("--target", args->target, "churn (within [risk].churn_horizon_days) or costly (ticket cost above "
                                            "[risk].costly_percentile)")
      ->capture_default_str();
  sub->add_option("--top", args->top, "Accounts to list")->capture_default_str();
  sub->add_flag("--no-save", args->no_save, "Do not save the models in the workspace (models/risk-<target>-v<N>/)");
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] { run(ctx, *args); });
}

}  // namespace ticketlens::app
