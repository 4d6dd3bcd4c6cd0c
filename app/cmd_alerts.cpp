// ticketlens alerts: the alerts of a week (cost spikes per category, ticket rates after releases,
// retention after releases), each with its evidence.
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/analysis/alerts.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/net/webhook.hpp"
#include "ticketlens/report/analysis_json.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct AlertArgs {
  PeriodOptions period;
  std::string format = "table";
  bool no_notify = false;
};

}  // namespace

void register_alerts(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<AlertArgs>();
  auto* sub = root.add_subcommand(
      "alerts", "Alerts of a week: cost per category beyond a robust z-score, ticket rates and retention after releases");
  add_workspace_option(*sub, ctx);
  add_period_options(*sub, args->period);
  add_format_option(*sub, args->format);
  sub->add_flag("--no-notify", args->no_notify, "Do not POST the alerts to [notify].alerts");
  sub->callback([&ctx, args] {
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto format = report::parse_format(args->format);
    const auto world = store::load_world(*store);
    const auto period = args->period.resolve(world);
    const auto r = analysis::compute_alerts(world, config, period);
    if (!args->no_notify && !config.notify_alerts_url.empty()) {
      // A failed webhook is reported on stderr; it never fails the command.
      const net::WebhookOptions options{config.notify_timeout_seconds, config.notify_retries,
                                        config.notify_retry_delay_ms};
      for (const auto& d : net::notify_alerts(report::alerts_json(r)["alerts"], period.label(),
                                              config.notify_alerts_url, options))
        if (!d.delivered)
          std::cerr << fmt::format("warning: alert webhook {} not delivered after {} attempt{}: {}\n", d.url,
                                   d.attempts, d.attempts == 1 ? "" : "s", d.error);
    }
    if (format == report::Format::kJson) {
      std::cout << report::alerts_json(r).dump(2) << '\n';
      return;
    }
    if (format == report::Format::kCsv) {
      report::render(report::alerts_table(r), format, std::cout);
      return;
    }
    std::cout << fmt::format("Alerts of {} ({} to {}, end exclusive): {}\n", period.label(),
                             format_timestamp(period.from), format_timestamp(period.to),
                             r.alerts.empty() ? "none fired" : fmt::format("{} fired", r.alerts.size()));
    std::size_t n = 0;
    for (const auto& a : r.alerts) {
      std::cout << fmt::format("\n{}. [{}] {}\n   evidence: {}\n   observed {} to {}; baseline {} to {}; p {:.3g}\n",
                               ++n, a.kind, a.title,
                               report::numbers_text(a.numbers), format_timestamp(a.observed.from),
                               format_timestamp(a.observed.to), format_timestamp(a.baseline.from),
                               format_timestamp(a.baseline.to), a.p);
      std::cout << fmt::format("   {} tickets: {}{}\n", a.ticket_count, report::join(a.ticket_ids),
                               a.ticket_count > static_cast<std::int64_t>(a.ticket_ids.size()) ? " ..." : "");
    }
  });
}

}  // namespace ticketlens::app
