// ticketlens demo: generate the demo company, write its canonical files, ingest them, and write
// the snapshots of the last full week and of the planted exposed-ARR week into WORKSPACE/reports/.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "command.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/demo/generator.hpp"
#include "ticketlens/analysis/period.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/snapshot_files.hpp"
#include "ticketlens/snapshot/history.hpp"
#include "ticketlens/snapshot/snapshot.hpp"
#include "ticketlens/snapshot/themes.hpp"
#include "ticketlens/store/ingest_writer.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/tokens.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {
struct DemoArgs {
  std::string size = "small";
  std::uint64_t seed = 42;
  std::string end;
  bool no_plant = false;
  bool no_serve = false;
  ServeOptions serve;
};

Timestamp current_week_monday() {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  return iso_week_start(iso_week_of(now));
}
}  // namespace

void register_demo(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<DemoArgs>();
  auto* sub = root.add_subcommand(
      "demo", "Generate a realistic B2B SaaS company with planted effects, write its canonical "
              "files to WORKSPACE/data/, and ingest them (creating the workspace if needed)");
  add_workspace_option(*sub, ctx);
  sub->add_option("--size", args->size, "small (~500 accounts), medium (~20k) or large (~100k)")
      ->check(CLI::IsMember({"small", "medium", "large"}))->capture_default_str();
  sub->add_option("--seed", args->seed, "Random seed: the same seed gives the same company")->capture_default_str();
  sub->add_option("--end", args->end, "Data ends at this date (default: Monday of this week)");
  sub->add_flag("--no-plant", args->no_plant, "Generate without the planted effects");
  sub->add_flag("--no-serve", args->no_serve,
                "Do not end by serving the dashboard (by default demo serves it until Ctrl-C)");
  add_serve_options(*sub, args->serve);
  sub->callback([&ctx, args] {
    const std::filesystem::path dir = ctx.workspace;
    std::filesystem::create_directories(dir);
    if (!std::filesystem::exists(dir / "ticketlens.toml")) {
      std::ofstream(dir / "ticketlens.toml") << model::default_config_toml();
    }
    auto store = store::Store::create(dir);
    demo::DemoOptions options;
    options.size = *demo::parse_size(args->size);
    options.seed = args->seed;
    options.plant_effects = !args->no_plant;
    if (args->end.empty()) {
      options.end = current_week_monday();
    } else {
      auto t = parse_timestamp(args->end);
      if (!t) throw Error(ErrorCode::kUsage, fmt::format("--end '{}' is not a date", args->end));
      options.end = *t;
    }
    const bool tty = isatty(STDERR_FILENO);
    int last_pct = -1;
    options.progress = [&](std::string_view stage, double fraction) {
      const int pct = static_cast<int>(fraction * 100);
      if (tty && pct / 10 != last_pct / 10) std::cerr << fmt::format("generating: {} {}%\n", stage, pct);
      last_pct = pct;
    };
    const auto data = dir / "data";
    const auto t0 = std::chrono::steady_clock::now();
    const auto summary = demo::generate_demo(options, data);
    const double gen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << fmt::format("generated the {} demo company (seed {}) in {:.1f} s into {}/\n", args->size,
                             args->seed, gen_s, data.string());
    std::vector<store::IngestInput> inputs;
    for (const auto& [file, rows] : summary.rows_per_file) {
      std::cout << fmt::format("  {:<18} {:>10} rows\n", file, rows);
      inputs.push_back(store::file_input(data / file, *model::kind_from_file_name(file)));
    }
    store::IngestOptions ingest_options;
    if (tty) ingest_options.progress = [](const std::string& m) { std::cerr << m << '\n'; };
    const auto result = store::ingest(*store, std::move(inputs), ingest_options);
    if (!result.committed) {
      for (const auto& r : result.first_rejects)
        std::cerr << fmt::format("{}:{}: {}: {}\n", r.file, r.line, r.field, r.reason);
      throw Error(ErrorCode::kInternal, "the demo's own files were rejected (a bug)");
    }
    std::int64_t inserted = 0, rows = 0;
    for (const auto& f : result.files) {
      inserted += f.inserted;
      rows += f.inserted + f.updated + f.unchanged;
    }
    std::cout << fmt::format("ingested {} rows ({} new) in {:.1f} s\n", rows, inserted, result.seconds);
    {  // the World is released before serving (the server loads its own)
      store::LoadInfo info;
      const auto world = store::load_world(*store, {}, &info);
      std::cout << fmt::format("built the World ({} accounts, {} tickets, {} events) in {:.1f} s\n",
                               world.accounts.size(), world.tickets.size(), world.events.size(), info.seconds);
      std::cout << "\nplanted effects (also in " << (data / "planted.json").string() << "):\n"
                << summary.planted.dump(2) << "\n\n";
      // The snapshots a user would look at first: the planted exposed-ARR week (stored first, so
      // that the last full week's snapshot shows its follow-up), then the last full week.
      const auto config = model::load_config(dir / "ticketlens.toml");
      snapshot::SnapshotHistory history(store->db());
      std::vector<analysis::Period> periods;
      const auto& planted_week = summary.planted["exposed_arr_week"];
      if (planted_week.is_object())
        if (const auto w = parse_iso_week(planted_week["week"].get<std::string>())) periods.push_back(analysis::week_period(*w));
      const auto last_week = analysis::last_full_week(world);
      if (periods.empty() || periods.front().from != last_week.from) periods.push_back(last_week);
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
      std::cout << fmt::format("snapshots written to {}/:\n", (dir / "reports").string());
      for (const auto& period : periods) {
        const auto texts = snapshot::themes_ticket_texts(*store, world, config, period);
        const auto snap = snapshot::build_snapshot(world, config, period, &history, texts);
        history.save(snapshot::to_stored(snap, now));
        const bool planted = period.from != last_week.from;
        std::cout << fmt::format("  {} ({}): {}\n", period.label(), planted ? "the planted exposed-ARR week" : "the last full week",
                                 snap.document["decision"]["summary"].get<std::string>());
        for (const auto& path : report::write_snapshot_files(snap.document, dir / "reports", {true, true, true}))
          std::cout << "    " << path.string() << '\n';
      }
      std::cout << '\n';
    }
    if (args->no_serve) {
      std::cout << fmt::format("next: ticketlens status --workspace {0}   ticketlens serve --workspace {0}\n",
                               dir.string());
      return;
    }
    // End by serving the dashboard with a fresh token (a new name each run: earlier ones stay valid).
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
    const auto secret = store::create_token(*store, fmt::format("demo-{}", now), now);
    store.reset();
    args->serve.workspace = dir.string();
    serve_dashboard(args->serve, fmt::format("\ndashboard token (paste it when the page asks): {}\n", secret));
  });
}

}  // namespace ticketlens::app
