// ticketlens snapshot: the weekly four-layer snapshot with its playbooks, stored in the
// workspace's history and written as JSON and Markdown.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/snapshot/history.hpp"
#include "ticketlens/snapshot/markdown.hpp"
#include "ticketlens/snapshot/snapshot.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct SnapshotArgs {
  PeriodOptions period;
  std::string out;
  std::string formats = "json,md";
  bool no_store = false;
};

}  // namespace

void register_snapshot(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<SnapshotArgs>();
  auto* sub = root.add_subcommand(
      "snapshot", "The weekly snapshot: signals, impact, cause and the playbooks that fire; stored in the "
                  "workspace's history");
  add_workspace_option(*sub, ctx);
  add_period_options(*sub, args->period);
  sub->add_option("--out", args->out, "Write snapshot-<period>.json/.md into this folder (default: print)");
  sub->add_option("--format", args->formats, "Comma-separated: json, md")->capture_default_str();
  sub->add_flag("--no-store", args->no_store, "Do not record this snapshot in the history");
  sub->callback([&ctx, args] {
    bool json = false, md = false;
    std::string_view list = args->formats;
    while (!list.empty()) {
      const auto comma = list.find(',');
      const auto item = list.substr(0, comma);
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      if (item == "json") json = true;
      else if (item == "md") md = true;
      else throw Error(ErrorCode::kUsage, fmt::format("unknown snapshot format '{}': use json and/or md", item));
    }
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto world = store::load_world(*store);
    const auto period = args->period.resolve(world);
    snapshot::SnapshotHistory history(store->db());
    const auto snap = snapshot::build_snapshot(world, config, period, &history);
    if (!args->no_store) {
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
      history.save(snapshot::to_stored(snap, now));
    }
    const std::string stem = "snapshot-" + period.label();
    if (args->out.empty()) {
      if (md) std::cout << snapshot::render_markdown(snap.document);
      if (json) std::cout << snap.document.dump(2) << '\n';
      return;
    }
    const std::filesystem::path dir = args->out;
    std::filesystem::create_directories(dir);
    if (json) {
      std::ofstream(dir / (stem + ".json")) << snap.document.dump(2) << '\n';
      std::cout << (dir / (stem + ".json")).string() << '\n';
    }
    if (md) {
      std::ofstream(dir / (stem + ".md")) << snapshot::render_markdown(snap.document);
      std::cout << (dir / (stem + ".md")).string() << '\n';
    }
    std::cout << snap.document["decision"]["summary"].get<std::string>() << '\n';
  });
}

}  // namespace ticketlens::app
