// ticketlens kpi: the support KPIs of a period, overall or by dimensions.
#include <fmt/format.h>

#include <iostream>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/analysis/indicators.hpp"
#include "ticketlens/analysis/kpi.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct KpiArgs {
  PeriodOptions period;
  std::string by;
  std::string format = "table";
  bool indicators = false;
};

// One row per indicator (and per product area for the error rate).
report::Table indicators_table(const analysis::Indicators& ind) {
  report::Table t;
  t.precision = 2;
  t.columns = {"indicator", "kind", "product_area", "value"};
  auto row = [&](const char* name, const char* kind, std::string area, double v) {
    t.add_row({std::string(name), std::string(kind), std::move(area), v});
  };
  row("error_rate_pct", "leading", "(all)", ind.error_rate_pct);
  for (const auto& a : ind.error_rate_by_area) row("error_rate_pct", "leading", a.product_area, a.error_rate_pct);
  row("escalated_pct", "leading", "(all)", ind.escalated_pct);
  row("csat_mean", "leading", "(all)", ind.csat_mean);
  row("csat_satisfied_pct", "leading", "(all)", ind.csat_satisfied_pct);
  row("resolution_hours_median", "lagging", "(all)", ind.resolution_hours_median);
  row("cost_per_ticket", "lagging", "(all)", ind.cost_per_ticket);
  row("nrr_pct", "lagging", "(all)", ind.nrr_pct);
  return t;
}

void add_values(std::vector<report::Cell>& row, const analysis::KpiValues& v) {
  for (const auto& m : analysis::kpi_metrics()) {
    const double x = m.value(v);
    const std::string_view n = m.name;
    const bool count = n == "tickets" || n == "solved" || n == "reopens" || n == "backlog" ||
                       n.ends_with("_responses") || n.ends_with("_missing");
    if (count)
      row.emplace_back(static_cast<std::int64_t>(x));
    else
      row.emplace_back(x);
  }
}

}  // namespace

void register_kpi(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<KpiArgs>();
  auto* sub = root.add_subcommand("kpi", "Support KPIs of the tickets created in a period, overall or by dimensions");
  add_workspace_option(*sub, ctx);
  add_period_options(*sub, args->period);
  sub->add_option("--by", args->by,
                  "Break down by dimensions, comma-separated: category, product_area, channel, priority, "
                  "tier, region, root_cause, team, assignee, week");
  add_format_option(*sub, args->format);
  sub->add_flag("--indicators", args->indicators,
                "Print the leading (error rate by product area, escalation rate, CSAT) and lagging (resolution "
                "time, cost per ticket, net revenue retention) indicators instead");
  sub->callback([&ctx, args] {
    const auto by = analysis::parse_dimensions(args->by);
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto world = store::load_world(*store);
    const auto period = args->period.resolve(world);
    if (args->indicators) {
      const auto format = report::parse_format(args->format);
      if (format == report::Format::kTable)
        std::cout << fmt::format("Leading and lagging indicators of {} ({} to {}, end exclusive)\n", period.label(),
                                 format_timestamp(period.from), format_timestamp(period.to));
      report::render(indicators_table(analysis::compute_indicators(world, config, period)), format, std::cout);
      return;
    }
    const auto kpis = analysis::compute_kpis(world, config, period, by);
    report::Table table;
    table.precision = 2;
    for (auto d : by) table.columns.emplace_back(analysis::dimension_name(d));
    for (const auto& m : analysis::kpi_metrics()) table.columns.emplace_back(m.name);
    for (const auto& g : kpis.groups) {
      std::vector<report::Cell> row(g.key.begin(), g.key.end());
      add_values(row, g.values);
      table.add_row(std::move(row));
    }
    std::vector<report::Cell> total(by.size(), report::Cell(std::string("(all)")));
    add_values(total, kpis.overall);
    table.add_row(std::move(total));
    const auto format = report::parse_format(args->format);
    if (format == report::Format::kTable)
      std::cout << fmt::format("KPIs of tickets created in {} ({} to {}, end exclusive)\n", period.label(),
                               format_timestamp(period.from), format_timestamp(period.to));
    report::render(table, format, std::cout);
  });
}

}  // namespace ticketlens::app
