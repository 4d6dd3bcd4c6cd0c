// ticketlens precursors: which product behaviour precedes which kind of ticket (lift of events in
// the window before tickets against control windows of the same accounts), with the last-k paths
// and error events before tickets.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/analysis/precursors.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/analysis_json.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct PrecursorArgs {
  PeriodOptions period;
  std::optional<std::string> window, category;
  std::optional<int> controls;
  std::optional<std::uint64_t> seed;
  std::string format = "table";
  bool all = false;
};

}  // namespace

void register_precursors(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<PrecursorArgs>();
  auto* sub = root.add_subcommand(
      "precursors", "Product events that precede tickets of each category: lift against control windows of the "
                    "same accounts, Fisher's test, BH-adjusted, with last-k paths and error events");
  add_workspace_option(*sub, ctx);
  add_open_period_options(*sub, args->period, "Tickets created");
  sub->add_option("--window", args->window,
                  "Window before each ticket, e.g. 24h, 90m, 2d (default: [windows].precursor_window_hours)");
  sub->add_option("--category", args->category, "Only tickets of this category");
  sub->add_option("--controls", args->controls, "Control windows per ticket (default: [precursors].controls)")
      ->check(CLI::Range(0, 100));
  sub->add_option("--seed", args->seed, "Seed of the control draw (default: [precursors].seed)");
  sub->add_flag("--all", args->all, "List every tested pair, not only the significant ones");
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    auto options = analysis::PrecursorOptions::from_config(config);
    if (args->window) {
      const auto w = parse_duration(*args->window);
      if (!w || *w == 0)
        throw Error(ErrorCode::kUsage,
                    fmt::format("--window '{}' is not a duration; write e.g. 24h, 90m or 2d", *args->window));
      options.window_seconds = *w;
    }
    if (args->controls) options.controls = *args->controls;
    if (args->seed) options.seed = *args->seed;
    options.category = args->category;
    const auto format = report::parse_format(args->format);
    const auto world = store::load_world(*store);
    if (world.tickets.size() == 0)
      throw Error(ErrorCode::kNotFound, "the workspace has no tickets; ingest tickets.csv first");
    const auto period = args->period.resolve_open(world);
    const auto r = analysis::analyze_precursors(world, period, options);
    const auto pairs = report::precursor_pairs_table(r, args->all);
    if (format == report::Format::kCsv) {
      report::render(pairs, format, std::cout);
      return;
    }
    if (format == report::Format::kJson) {
      std::cout << report::precursors_json(r, period, options, args->all).dump(2) << '\n';
      return;
    }
    std::cout << fmt::format(
        "Precursors of {} tickets created {} to {} (end exclusive); window {:g} h before created_at, "
        "[created_at - window, created_at)\n",
        r.tickets, format_timestamp(period.from), format_timestamp(period.to),
        static_cast<double>(options.window_seconds) / kSecondsPerHour);
    std::cout << fmt::format(
        "{} control windows drawn ({} per ticket, seed {}); {} could not be drawn (no free week); {} tickets "
        "left out (window before the data's first event); {} pairs tested, {} significant (BH q < {:g}, lift > 1)\n\n",
        r.controls_drawn, options.controls, options.seed, r.controls_missing, r.windows_truncated, r.pairs_tested,
        analysis::top_precursors(r, SIZE_MAX).size(), options.fdr);
    report::render(pairs, format, std::cout);
    std::cout << "\nMost common last-" << options.path_length << " event paths before tickets\n";
    report::render(report::precursor_paths_table(r), format, std::cout);
    std::cout << "\nError events in the windows before tickets\n";
    report::render(report::precursor_errors_table(r), format, std::cout);
    std::cout << "\nWindows per category\n";
    report::render(report::precursor_windows_table(r), format, std::cout);
  });
}

}  // namespace ticketlens::app
