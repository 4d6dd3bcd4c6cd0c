// ticketlens retention: account survival, support contact and churn, the Cox model of churn.
// The analyses are in src/ticketlens/analysis/retention; this file parses options and renders.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "retention_output.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/analysis/retention/churn_cox.hpp"
#include "ticketlens/analysis/retention/support_contact.hpp"
#include "ticketlens/analysis/retention/survival_by_group.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

using nlohmann::json;
namespace rt = analysis::retention;

struct RetentionArgs {
  std::optional<std::string> as_of;
  std::string by = "all";
  std::string format = "table";
  double landmark_days = 90;
  std::string ties = "efron";
  std::string segment = "tier";
  int resamples = 1000;
};

struct Loaded {
  model::Config config;
  model::World world;
  rt::SurvivalData data;
};

Loaded load(const Context& ctx, const RetentionArgs& args) {
  auto store = store::Store::open(ctx.workspace);
  Loaded l;
  l.config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
  l.world = store::load_world(*store);
  l.data = rt::account_survival(l.world, rt::resolve_as_of(l.world, args.as_of));
  return l;
}

void add_common(CLI::App& sub, Context& ctx, RetentionArgs& args) {
  add_workspace_option(sub, ctx);
  sub.add_option("--as-of", args.as_of,
                 "Observe the data as of this date (default: the data's end); later churn is censored");
  add_format_option(sub, args.format);
}

void run_survival(const Context& ctx, const RetentionArgs& args) {
  const auto grouping = rt::parse_account_grouping(args.by);
  const auto l = load(ctx, args);
  print_survival(rt::survival_by_group(l.world, l.data, grouping), args.format);
}

void run_support(const Context& ctx, const RetentionArgs& args) {
  if (!(args.landmark_days > 0))
    throw Error(ErrorCode::kUsage, "--landmark must be a positive number of days, e.g. 90");
  const auto l = load(ctx, args);
  print_support(rt::support_comparison(l.world, l.data, args.landmark_days), args.format);
}

void run_cox(const Context& ctx, const RetentionArgs& args) {
  rt::ChurnCoxOptions options;
  if (args.ties == "breslow")
    options.ties = stats::CoxTies::kBreslow;
  else if (args.ties != "efron")
    throw Error(ErrorCode::kUsage, fmt::format("--ties '{}': use efron or breslow", args.ties));
  const auto l = load(ctx, args);
  print_churn_cox(rt::churn_cox(l.world, l.config, l.data, options), args.format);
}

void run_cohorts(const Context& ctx, const RetentionArgs& args) {
  const auto l = load(ctx, args);
  print_cohorts(rt::cohort_retention(l.world, l.data.as_of, args.segment), args.format);
}

void run_revenue(const Context& ctx, const RetentionArgs& args) {
  const auto l = load(ctx, args);
  print_revenue(rt::revenue_report(l.world, l.config, l.data.as_of), args.format);
}

void run_influence(const Context& ctx, const RetentionArgs& args) {
  const auto l = load(ctx, args);
  rt::InfluenceOptions options;
  options.resamples = args.resamples;
  print_influence(rt::support_influence(l.world, l.config, l.data, options), args.format);
}

}  // namespace

void register_retention(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand("retention", "Account retention: survival, support contact, churn model");
  cmd->require_subcommand(1);
  auto args = std::make_shared<RetentionArgs>();

  auto* survival = cmd->add_subcommand(
      "survival", "Kaplan-Meier survival of accounts from signup to churn per group, medians, log-rank test");
  add_common(*survival, ctx, *args);
  survival->add_option("--by", args->by, "Account dimension: all, tier, region, industry or cohort (signup month)")
      ->capture_default_str();
  survival->callback([&ctx, args] { run_survival(ctx, *args); });

  auto* support = cmd->add_subcommand(
      "support", "Churn with and without support contact: naive, time-varying (counting process) and landmark");
  add_common(*support, ctx, *args);
  support->add_option("--landmark", args->landmark_days, "Landmark in days after signup")->capture_default_str();
  support->callback([&ctx, args] { run_support(ctx, *args); });

  auto* cox = cmd->add_subcommand(
      "cox", "Cox model of churn on time-varying ticket, CSAT, tier, ARR and usage covariates");
  add_common(*cox, ctx, *args);
  cox->add_option("--ties", args->ties, "Tie handling: efron or breslow")->capture_default_str();
  cox->callback([&ctx, args] { run_cox(ctx, *args); });

  auto* cohorts = cmd->add_subcommand(
      "cohorts", "Logo and revenue retention at 6, 12 and 24 months by signup month and by segment");
  add_common(*cohorts, ctx, *args);
  cohorts->add_option("--segment", args->segment, "Segment: tier, region, industry or support (first ticket category)")
      ->capture_default_str();
  cohorts->callback([&ctx, args] { run_cohorts(ctx, *args); });

  auto* revenue = cmd->add_subcommand(
      "revenue", "MRR movements per month, gross and net revenue retention, ARPA and CLV");
  add_common(*revenue, ctx, *args);
  revenue->callback([&ctx, args] { run_revenue(ctx, *args); });

  auto* influence = cmd->add_subcommand(
      "influence", "Support-influenced CLV per ticket type: treated vs propensity-matched controls");
  add_common(*influence, ctx, *args);
  influence->add_option("--resamples", args->resamples, "Bootstrap resamples of the churn difference")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  influence->callback([&ctx, args] { run_influence(ctx, *args); });
}

}  // namespace ticketlens::app
