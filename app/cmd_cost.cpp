// ticketlens cost: what the tickets of a period cost, direct and allocated, by dimension, per
// ticket, per account and as a Pareto of category × product area.
#include <fmt/format.h>

#include <iostream>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct CostArgs {
  PeriodOptions period;
  std::string by;
  std::string format = "table";
  bool tickets = false, accounts = false, pareto = false;
};

const std::vector<std::string> kTotalColumns = {"tickets", "estimated", "handle_hours", "direct",
                                                "allocated", "total", "cost_per_ticket"};

void add_totals(std::vector<report::Cell>& row, const analysis::CostTotals& t) {
  row.insert(row.end(), {t.tickets, t.estimated, t.handle_hours, t.direct, t.allocated, t.total, t.per_ticket});
}

report::Table tickets_table(const model::World& world, const analysis::CostReport& r) {
  const auto& t = world.tickets;
  report::Table table;
  table.columns = {"ticket_id", "account_id", "created_at", "channel", "priority", "category", "product_area",
                   "handle_minutes", "handle_source", "handling", "escalation", "rehandle", "direct",
                   "allocated", "total"};
  for (const auto& c : r.tickets) {
    table.add_row({std::string(t.ids.at(t.id[c.row])), std::string(world.accounts.ids.at(t.account[c.row])),
                   format_timestamp(t.created_at[c.row]),
                   analysis::dimension_value(world, analysis::Dimension::kChannel, c.row),
                   analysis::dimension_value(world, analysis::Dimension::kPriority, c.row),
                   analysis::dimension_value(world, analysis::Dimension::kCategory, c.row),
                   analysis::dimension_value(world, analysis::Dimension::kProductArea, c.row), c.handle_minutes,
                   std::string(analysis::handle_source_name(c.handle_source)), c.handling, c.escalation,
                   c.rehandle, c.direct(), c.allocated, c.total()});
  }
  return table;
}

report::Table accounts_table(const analysis::CostReport& r) {
  report::Table table;
  table.columns = {"account_id"};
  table.columns.insert(table.columns.end(), kTotalColumns.begin(), kTotalColumns.end());
  table.columns.insert(table.columns.end(), {"arr", "pct_of_arr"});
  for (const auto& a : r.accounts) {
    std::vector<report::Cell> row{a.account_id};
    add_totals(row, a.totals);
    row.insert(row.end(), {a.arr, a.pct_of_arr});
    table.add_row(std::move(row));
  }
  return table;
}

report::Table pareto_table(const analysis::CostReport& r) {
  report::Table table;
  table.columns = {"category", "product_area", "tickets", "total", "share_pct", "cumulative_pct", "in_pareto"};
  for (const auto& c : r.pareto)
    table.add_row({c.category, c.product_area, c.tickets, c.total, c.share_pct, c.cumulative_pct,
                   std::string(c.in_pareto ? "yes" : "no")});
  return table;
}

report::Table summary_table(const analysis::CostReport& r) {
  report::Table table;
  for (auto d : r.by) table.columns.emplace_back(analysis::dimension_name(d));
  table.columns.insert(table.columns.end(), kTotalColumns.begin(), kTotalColumns.end());
  for (const auto& g : r.groups) {
    std::vector<report::Cell> row(g.key.begin(), g.key.end());
    add_totals(row, g.totals);
    table.add_row(std::move(row));
  }
  std::vector<report::Cell> total(r.by.size(), report::Cell(std::string("(all)")));
  add_totals(total, r.overall);
  table.add_row(std::move(total));
  return table;
}

}  // namespace

void register_cost(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<CostArgs>();
  auto* sub = root.add_subcommand(
      "cost", "The cost of the tickets created in a period: direct and allocated, by dimension, per ticket, "
              "per account (cost to serve, % of ARR) and the category x product area Pareto");
  add_workspace_option(*sub, ctx);
  add_period_options(*sub, args->period);
  sub->add_option("--by", args->by,
                  "Break down by dimensions, comma-separated: category, product_area, channel, priority, "
                  "tier, region, root_cause, team, assignee, week");
  sub->add_flag("--tickets", args->tickets, "One row per ticket");
  sub->add_flag("--accounts", args->accounts, "Cost to serve per account and as % of its ARR");
  sub->add_flag("--pareto", args->pareto, "The fewest category x product area cells making 80% of cost");
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    const auto by = analysis::parse_dimensions(args->by);
    if (args->tickets + args->accounts + args->pareto > 1)
      throw Error(ErrorCode::kUsage, "give at most one of --tickets, --accounts, --pareto");
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto world = store::load_world(*store);
    const auto period = args->period.resolve(world);
    const auto costs = analysis::compute_costs(world, config, period, by);
    report::Table table = args->tickets    ? tickets_table(world, costs)
                          : args->accounts ? accounts_table(costs)
                          : args->pareto   ? pareto_table(costs)
                                           : summary_table(costs);
    table.precision = 2;
    const auto format = report::parse_format(args->format);
    if (format == report::Format::kTable) {
      std::cout << fmt::format("Cost ({}) of tickets created in {} ({} to {}, end exclusive)\n", config.currency,
                               period.label(), format_timestamp(period.from), format_timestamp(period.to));
      if (args->pareto)
        std::cout << fmt::format("{} of {} cells make {:.0f}% of the cost\n", costs.pareto_cells,
                                 costs.pareto.size(), costs.pareto_target_pct);
    }
    report::render(table, format, std::cout);
  });
}

}  // namespace ticketlens::app
