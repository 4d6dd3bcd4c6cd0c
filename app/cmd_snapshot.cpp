// ticketlens snapshot: the weekly four-layer snapshot with its playbooks, stored in the
// workspace's history and written as JSON, Markdown and HTML.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/net/webhook.hpp"
#include "ticketlens/report/snapshot_files.hpp"
#include "ticketlens/snapshot/history.hpp"
#include "ticketlens/snapshot/snapshot.hpp"
#include "ticketlens/snapshot/themes.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct SnapshotArgs {
  PeriodOptions period;
  std::string out;
  std::string formats = "json,md";
  bool no_store = false;
  bool no_notify = false;
};

}  // namespace

void register_snapshot(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<SnapshotArgs>();
  auto* sub = root.add_subcommand(
      "snapshot", "The weekly snapshot: signals, impact, cause and the playbooks that fire; stored in the "
                  "workspace's history");
  add_workspace_option(*sub, ctx);
  add_period_options(*sub, args->period);
  sub->add_option("--out", args->out, "Write snapshot-<period>.json/.md/.html into this folder (default: print)");
  sub->add_option("--format", args->formats, "Comma-separated: json, md, html")->capture_default_str();
  sub->add_flag("--no-store", args->no_store, "Do not record this snapshot in the history");
  sub->add_flag("--no-notify", args->no_notify, "Do not POST fired playbooks to their notify URLs, nor alerts to [notify].alerts");
  sub->callback([&ctx, args] {
    const auto formats = report::parse_snapshot_formats(args->formats);
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto world = store::load_world(*store);
    const auto period = args->period.resolve(world);
    snapshot::SnapshotHistory history(store->db());
    const auto texts = snapshot::themes_ticket_texts(*store, world, config, period);
    auto snap = snapshot::build_snapshot(world, config, period, &history, texts);
    if (!args->no_notify) {
      // A failed webhook is reported and recorded in the snapshot; it never fails the command.
      const net::WebhookOptions options{config.notify_timeout_seconds, config.notify_retries,
                                        config.notify_retry_delay_ms};
      auto deliveries = net::notify_fired_playbooks(snap.document, options);
      if (!config.notify_alerts_url.empty())
        for (auto& d : net::notify_snapshot_alerts(snap.document, config.notify_alerts_url, options))
          deliveries.push_back(std::move(d));
      for (const auto& d : deliveries)
        if (!d.delivered)
          std::cerr << fmt::format("warning: webhook {} not delivered after {} attempt{}: {}\n", d.url, d.attempts,
                                   d.attempts == 1 ? "" : "s", d.error);
    }
    if (!args->no_store) {
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
      history.save(snapshot::to_stored(snap, now));
    }
    if (args->out.empty()) {
      if (formats.markdown) std::cout << report::render_snapshot(snap.document, "md");
      if (formats.json) std::cout << report::render_snapshot(snap.document, "json");
      if (formats.html) std::cout << report::render_snapshot(snap.document, "html");
      return;
    }
    for (const auto& path : report::write_snapshot_files(snap.document, args->out, formats))
      std::cout << path.string() << '\n';
    std::cout << snap.document["decision"]["summary"].get<std::string>() << '\n';
  });
}

}  // namespace ticketlens::app
