// ticketlens aftermath: what requesters do after their tickets are solved, against before.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/analysis/aftermath.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct AftermathArgs {
  PeriodOptions period;
  std::string by;
  std::string format = "table";
};

report::Table groups_table(const analysis::AftermathReport& r, const std::string& by) {
  report::Table table;
  table.precision = 3;
  table.columns = {by.empty() ? "group" : by, "tickets", "sessions_before_28d", "sessions_after_7d",
                   "sessions_after_28d", "active_days_before_28d", "active_days_after_7d", "active_days_after_28d",
                   "days_per_week_before", "days_per_week_w1_2", "days_per_week_w9_12", "change_w1_2", "change_w9_12",
                   "disengaged_n", "disengaged_pct", "engaged_w9_12_n", "engaged_w9_12_pct"};
  auto add = [&](const std::string& key, const analysis::AftermathValues& v) {
    table.add_row({key, v.tickets, v.sessions_before_28d.mean, v.sessions_after_7d.mean, v.sessions_after_28d.mean,
                   v.active_days_before_28d.mean, v.active_days_after_7d.mean, v.active_days_after_28d.mean,
                   v.active_days_per_week_before.mean, v.active_days_per_week_w1_2.mean,
                   v.active_days_per_week_w9_12.mean, v.change_w1_2.mean, v.change_w9_12.mean, v.disengaged.n,
                   100 * v.disengaged.share, v.engaged_w9_12.n, 100 * v.engaged_w9_12.share});
  };
  for (const auto& g : r.groups) add(g.key, g.values);
  add("(all)", r.overall);
  return table;
}

report::Table tasks_table(const analysis::AftermathReport& r) {
  report::Table table;
  table.precision = 3;
  table.columns = {"task", "failure", "success", "within_hours", "tickets_with_failure", "observed", "completed",
                   "completed_pct", "lower_pct", "upper_pct"};
  for (const auto& t : r.tasks)
    table.add_row({t.name, t.failure, t.success, t.within_hours, t.tickets_with_failure, t.completed.n,
                   t.completed.yes, 100 * t.completed.share, 100 * t.completed.lower, 100 * t.completed.upper});
  return table;
}

}  // namespace

void register_aftermath(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<AftermathArgs>();
  auto* sub = root.add_subcommand(
      "aftermath", "What requesters do after a ticket is solved: sessions, active days, disengagement and task "
                   "completion, against the 28 days before it");
  add_workspace_option(*sub, ctx);
  add_open_period_options(*sub, args->period, "Tickets created");
  sub->add_option("--by", args->by,
                  "Group by one of category, product_area, channel, priority, tier, region, root_cause, team, "
                  "assignee, week, first_response_band");
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    const auto grouping = analysis::parse_aftermath_grouping(args->by);
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto format = report::parse_format(args->format);
    const auto world = store::load_world(*store);
    if (world.tickets.size() == 0)
      throw Error(ErrorCode::kNotFound, "the workspace has no tickets; ingest tickets.csv first");
    const auto period = args->period.resolve_open(world);
    const auto r = analysis::analyze_aftermath(world, config, period, grouping);
    const auto groups = groups_table(r, args->by);
    const auto& f = r.fast_response;
    if (format == report::Format::kCsv) {
      report::render(groups, format, std::cout);
      return;
    }
    if (format == report::Format::kJson) {
      nlohmann::json j;
      j["period"] = {{"start", format_timestamp(period.from)}, {"end", format_timestamp(period.to)}};
      j["groups"] = report::to_json(groups);
      j["tasks"] = report::to_json(tasks_table(r));
      auto share = [](const analysis::ShareWithInterval& s) {
        return nlohmann::json{{"n", s.n}, {"engaged", s.yes}, {"share", std::isfinite(s.share) ? nlohmann::json(s.share) : nlohmann::json()}};
      };
      auto num = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); };
      j["fast_first_response"] = {{"fast_hours", f.fast_hours}, {"fast", share(f.fast)}, {"slow", share(f.slow)},
                                  {"ratio", num(f.ratio)}, {"ratio_lower", num(f.ratio_lower)},
                                  {"ratio_upper", num(f.ratio_upper)}, {"p", num(f.p)}};
      std::cout << j.dump(2) << '\n';
      return;
    }
    std::cout << fmt::format("After the {} solved tickets created {} to {} (end exclusive); each measure counts the "
                             "tickets whose window lies inside the data\n\n",
                             r.overall.tickets, format_timestamp(period.from), format_timestamp(period.to));
    report::render(groups, format, std::cout);
    std::cout << "\nTask completion (a failure in the precursor window, then the success within `within` hours)\n";
    report::render(tasks_table(r), format, std::cout);
    std::cout << fmt::format(
        "\nFast first response (<= {:g} h) and lasting engagement (any event in weeks 9-12): fast {:.1f}% of {} "
        "(95% {:.1f}-{:.1f}), slower {:.1f}% of {} (95% {:.1f}-{:.1f}); ratio {:.3f} (95% {:.3f}-{:.3f}), Fisher p "
        "{:.3g}\n",
        f.fast_hours, 100 * f.fast.share, f.fast.n, 100 * f.fast.lower, 100 * f.fast.upper, 100 * f.slow.share,
        f.slow.n, 100 * f.slow.lower, 100 * f.slow.upper, f.ratio, f.ratio_lower, f.ratio_upper, f.p);
  });
}

}  // namespace ticketlens::app
