// ticketlens activity: weekly active accounts, events and active account-days, and how many of
// the week's tickets had product events of their account in the window before them. Its event
// reductions run where the events live: in memory, or in ClickHouse ([events] backend).
#include <fmt/format.h>

#include <iostream>
#include <limits>
#include <map>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/analysis/event_kernels.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/event_backend_settings.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/event_backend.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct ActivityArgs {
  PeriodOptions period;
  std::string window = "24h";
  std::string format = "table";
};

struct WeekRow {
  std::int64_t active_accounts = 0, events = 0, account_days = 0, tickets = 0, tickets_with_events = 0;
};

}  // namespace

void register_activity(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<ActivityArgs>();
  auto* sub = root.add_subcommand(
      "activity",
      "Weekly active accounts, events and active account-days, and the tickets preceded by product events of "
      "their account (computed in ClickHouse when the events live there)");
  add_workspace_option(*sub, ctx);
  add_open_period_options(*sub, args->period, "Weeks");
  sub->add_option("--window", args->window, "Window before each ticket, e.g. 1h, 24h, 7d")->capture_default_str();
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    const auto window = parse_duration(args->window);
    if (!window || *window < 0)
      throw Error(ErrorCode::kUsage, fmt::format("--window '{}': use a duration such as 30m, 24h or 7d", args->window));
    const std::filesystem::path dir(ctx.workspace);
    auto store = store::Store::open(dir);
    const auto settings = model::load_event_backend(dir / "ticketlens.toml");
    const auto clickhouse = store::clickhouse_event_kernels(*store, settings);
    const analysis::EmbeddedEventKernels embedded;
    const model::EventKernels& kernels =
        clickhouse ? *clickhouse : static_cast<const model::EventKernels&>(embedded);
    store::LoadOptions load;
    load.external_events = true;
    const auto world = store::load_world(*store, load);
    const auto period = args->period.resolve_open(world);

    std::map<Timestamp, WeekRow> weeks;
    for (const auto& w : kernels.weekly_activity(world, period.from, period.to)) {
      auto& row = weeks[w.week_start];
      ++row.active_accounts;
      row.events += w.events;
      row.account_days += w.active_days;
    }
    const auto before = kernels.events_before_tickets(world, *window);
    for (std::size_t r = 0; r < before.size(); ++r) {
      const Timestamp c = world.tickets.created_at[r];
      if (!period.contains(c)) continue;
      auto& row = weeks[analysis::week_start_utc(c)];
      ++row.tickets;
      row.tickets_with_events += before[r] > 0;
    }
    report::Table t;
    t.precision = 1;
    t.columns = {"week", "active_accounts", "events", "active_account_days", "tickets",
                 "tickets_with_events_before", "share_pct"};
    for (const auto& [week, row] : weeks)
      t.add_row({format_iso_week(iso_week_of(week)), row.active_accounts, row.events, row.account_days, row.tickets,
                 row.tickets_with_events,
                 row.tickets ? 100.0 * static_cast<double>(row.tickets_with_events) / static_cast<double>(row.tickets)
                             : std::numeric_limits<double>::quiet_NaN()});
    const auto format = report::parse_format(args->format);
    if (format == report::Format::kTable)
      std::cout << fmt::format("Activity by week, {} (events: {}; window before each ticket: {})\n", period.label(),
                               kernels.name(), args->window);
    report::render(t, format, std::cout);
  });
}

}  // namespace ticketlens::app
