// ticketlens experiment NAME: the arms of an experiment compared on tickets, cost, activity and
// churn after assignment, with a verdict. The analysis is analysis/experiment.hpp.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "ticketlens/analysis/experiment.hpp"
#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct ExperimentArgs {
  std::string name;
  std::optional<std::string> as_of, control;
  std::optional<int> window;
  std::vector<std::string> categories;
  std::string format = "table";
};

report::Table arms_table(const analysis::ExperimentReport& r) {
  report::Table t;
  t.precision = 4;
  t.columns = {"arm", "accounts", "tickets", "exposure_days", "tickets_per_account", "tickets_per_account_month",
               "cost_per_account", "active_days_per_account_month", "subscribed", "churned", "survival_end",
               "survival_lower", "survival_upper"};
  for (const auto& a : r.arms)
    t.add_row({a.arm, a.accounts, a.tickets, a.exposure_days, a.tickets_per_account, a.tickets_per_account_month,
               a.cost_per_account, a.active_days_per_account_month, a.subscribed, a.churned, a.survival_end,
               a.survival_lower, a.survival_upper});
  return t;
}

report::Table comparison_table(const analysis::ExperimentReport& r) {
  report::Table t;
  t.precision = 4;
  t.columns = {"arm", "vs", "ticket_rate_ratio", "rr_lower", "rr_upper", "rr_p", "cost_difference", "cost_lower",
               "cost_upper", "activity_difference", "activity_lower", "activity_upper", "log_rank_p"};
  for (const auto& c : r.comparisons)
    t.add_row({c.arm, r.control, c.ticket_rate.estimate, c.ticket_rate.lower, c.ticket_rate.upper, c.ticket_rate.p,
               c.cost_difference.estimate, c.cost_difference.lower, c.cost_difference.upper,
               c.activity_difference.estimate, c.activity_difference.lower, c.activity_difference.upper, c.log_rank_p});
  return t;
}

}  // namespace

void register_experiment(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<ExperimentArgs>();
  auto* sub = root.add_subcommand(
      "experiment", "Arms of an experiment (assignments file) compared on tickets, cost, activity and churn");
  add_workspace_option(*sub, ctx);
  sub->add_option("name", args->name, "The experiment_id in the assignments")->required();
  sub->add_option("--as-of", args->as_of, "Observe the data as of this date (default: the data's end)");
  sub->add_option("--window", args->window, "Days of follow-up after assignment (default [experiments].window_days)");
  sub->add_option("--control", args->control, "The control arm (default: 'control', else the first arm by name)");
  sub->add_option("--category", args->categories, "Count only tickets of this category (repeatable)");
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    const auto format = report::parse_format(args->format);
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto world = store::load_world(*store);
    analysis::ExperimentOptions options;
    options.as_of = analysis::retention::resolve_as_of(world, args->as_of);
    options.window_days = args->window;
    options.control = args->control;
    options.categories = args->categories;
    const auto r = analysis::experiment_report(world, config, args->name, options);
    if (format == report::Format::kJson) {
      nlohmann::json verdicts = nlohmann::json::object();
      for (const auto& c : r.comparisons) verdicts[c.arm] = c.verdict;
      std::cout << nlohmann::json({{"experiment", r.name},
                                   {"control", r.control},
                                   {"window_days", r.window_days},
                                   {"as_of", format_timestamp(r.as_of)},
                                   {"categories", r.categories},
                                   {"arms", report::to_json(arms_table(r))},
                                   {"comparisons", report::to_json(comparison_table(r))},
                                   {"verdict", verdicts}})
                       .dump(2)
                << '\n';
      return;
    }
    if (format == report::Format::kCsv) {
      report::render(arms_table(r), format, std::cout);
      return;
    }
    std::cout << fmt::format("Experiment {}: {} days after assignment (cut at {}){}\n\n", r.name, r.window_days,
                             format_date(r.as_of),
                             r.categories.empty() ? "" : fmt::format(", tickets of {}", fmt::join(r.categories, ", ")));
    report::render(arms_table(r), format, std::cout);
    std::cout << '\n';
    report::render(comparison_table(r), format, std::cout);
    for (const auto& c : r.comparisons) {
      std::cout << fmt::format("\nVerdict, {} vs {}:\n", c.arm, r.control);
      for (const auto& v : c.verdict) std::cout << "  " << v << '\n';
    }
  });
}

}  // namespace ticketlens::app
