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
#include "ticketlens/report/risk_json.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

namespace rk = analysis::risk;

struct RiskArgs {
  std::optional<std::string> as_of;
  std::string target = "churn";
  int top = 20;
  std::string format = "table";
  bool no_save = false;
};

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
    std::cout << report::risk_json(r, world, top, saved).dump(2) << '\n';
    return;
  }
  if (format == report::Format::kCsv) {
    report::render(report::risk_accounts_table(r, top), format, std::cout);
    return;
  }
  std::cout << fmt::format("Risk of {} within {} days, as of {} ({} accounts scored)\n\n", rk::target_name(r.target),
                           r.horizon_days, format_timestamp(r.as_of), r.accounts.size());
  std::cout << fmt::format("Evaluation: trained on cut-offs {} to {}, tested on the accounts at {}\n",
                           format_date(r.evaluation_train_cutoffs.back()), format_date(r.evaluation_train_cutoffs.front()),
                           format_date(r.evaluation_test_cutoff));
  report::render(report::risk_evaluation_table(r), format, std::cout);
  for (const auto& e : r.evaluations) {
    if (e.importance.empty()) continue;
    std::cout << fmt::format("\nCalibration of the {} model on the test accounts\n", e.model);
    report::render(report::risk_calibration_table(e), format, std::cout);
    std::cout << fmt::format("\nFeature importance ({}; AUC lost when the feature is shuffled), top 10\n", e.model);
    report::render(report::risk_importance_table(e, 10), format, std::cout);
  }
  std::cout << fmt::format("\nLogistic model scoring {} ({} rows, {} positive, cut-offs {} to {}{}); coefficients per "
                           "standard deviation\n",
                           format_date(r.as_of), r.train_rows, r.train_positives, format_date(r.train_cutoffs.back()),
                           format_date(r.train_cutoffs.front()), r.model.converged ? "" : ", NOT converged");
  report::render(report::risk_coefficient_table(r), format, std::cout);
  std::cout << fmt::format("\nTop {} accounts by probability x ARR\n", std::min(top, r.accounts.size()));
  report::render(report::risk_accounts_table(r, top), format, std::cout);
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
