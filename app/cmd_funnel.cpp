// ticketlens funnel NAME: conversion through a configured funnel, and what the users who dropped
// at each step wrote to support.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/analysis/funnel.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/ticket_text.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct FunnelArgs {
  std::string name;
  PeriodOptions period;
  std::string by;
  std::string format = "table";
};

std::string counts_text(const std::vector<analysis::Count>& counts) {
  std::string out;
  for (const auto& c : counts) out += fmt::format("{}{} ({})", out.empty() ? "" : ", ", c.name, c.count);
  return out;
}

}  // namespace

void register_funnel(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<FunnelArgs>();
  auto* sub = root.add_subcommand(
      "funnel", "Conversion through a [[funnels]] entry by step, and the tickets of the users who dropped at each step");
  add_workspace_option(*sub, ctx);
  sub->add_option("name", args->name, "The funnel's name in ticketlens.toml")->required();
  add_open_period_options(*sub, args->period, "Users entering");
  sub->add_option("--by", args->by, "Group conversion by week (of entry) or cohort (the account's signup month)");
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    const auto grouping = analysis::parse_funnel_grouping(args->by);
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto format = report::parse_format(args->format);
    const auto world = store::load_world(*store);
    const auto period = args->period.resolve_open(world);
    const auto r = analysis::analyze_funnel(world, config, args->name, period, grouping);
    report::Table steps;
    steps.precision = 3;
    steps.columns = {args->by.empty() ? "group" : args->by, "step", "event", "users", "conversion_pct",
                     "step_conversion_pct"};
    for (const auto& row : r.rows)
      steps.add_row({row.group, static_cast<std::int64_t>(row.step + 1), row.event, row.users, row.conversion_pct,
                     row.step_conversion_pct});
    report::Table drops;
    drops.precision = 3;
    drops.columns = {"dropped_after_step", "event", "users", "with_ticket_7d", "share_pct", "lower_pct", "upper_pct",
                     "top_categories", "top_tags", "top_words"};
    for (const auto& d : r.drops) {
      std::vector<std::string> ids;
      for (auto row : d.ticket_rows) ids.emplace_back(world.tickets.ids.at(world.tickets.id[row]));
      const auto texts = store::ticket_texts(*store, ids);
      drops.add_row({static_cast<std::int64_t>(d.step + 1), d.event, d.users, d.with_ticket, 100 * d.share,
                     100 * d.lower, 100 * d.upper, counts_text(d.categories), counts_text(d.tags),
                     counts_text(analysis::top_words(texts, 8))});
    }
    if (format == report::Format::kCsv) {
      report::render(steps, format, std::cout);
      return;
    }
    if (format == report::Format::kJson) {
      std::cout << nlohmann::json({{"funnel", r.name},
                                   {"steps", r.steps},
                                   {"within_days", r.within_days},
                                   {"period", {{"start", format_timestamp(period.from)}, {"end", format_timestamp(period.to)}}},
                                   {"step_events_without_user", r.users_without_id},
                                   {"conversion", report::to_json(steps)},
                                   {"drop_offs", report::to_json(drops)}})
                       .dump(2)
                << '\n';
      return;
    }
    std::cout << fmt::format("Funnel {} ({} steps within {:g} days of entering), users entering {} to {}\n", r.name,
                             r.steps.size(), r.within_days, format_timestamp(period.from), format_timestamp(period.to));
    if (r.users_without_id > 0)
      std::cout << fmt::format("{} step events without a user id are not in the funnel\n", r.users_without_id);
    report::render(steps, format, std::cout);
    std::cout << "\nUsers who dropped after each step, and their tickets in the 7 days after their last step\n";
    report::render(drops, format, std::cout);
  });
}

}  // namespace ticketlens::app
