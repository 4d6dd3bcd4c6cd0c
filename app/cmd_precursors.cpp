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

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

report::Table pairs_table(const analysis::PrecursorReport& r, bool all) {
  report::Table table;
  table.precision = 4;
  table.columns = {"rank", "event", "category", "tickets", "tickets_with", "ticket_share", "controls",
                   "controls_with", "control_share", "lift", "lift_lower", "lift_upper", "p", "q",
                   "significant", "same_session_share", "median_hours_before"};
  std::int64_t rank = 0;
  for (const auto& p : r.pairs) {
    if (!all && !p.significant) continue;
    table.add_row({++rank, p.event, p.category, p.tickets, p.tickets_with, p.ticket_share, p.controls,
                   p.controls_with, p.control_share, p.lift, p.lift_lower, p.lift_upper, p.p, p.q,
                   std::string(p.significant ? "yes" : "no"), p.same_session_share, p.median_hours_before});
  }
  return table;
}

report::Table paths_table(const analysis::PrecursorReport& r) {
  report::Table table;
  table.columns = {"category", "path", "tickets", "share"};
  for (const auto& p : r.paths) table.add_row({p.category, join(p.events, " > "), p.tickets, p.share});
  return table;
}

report::Table errors_table(const analysis::PrecursorReport& r) {
  report::Table table;
  table.columns = {"category", "error_event", "product_area", "tickets", "share"};
  for (const auto& e : r.errors) table.add_row({e.category, e.event, e.product_area, e.tickets, e.share});
  return table;
}

report::Table windows_table(const analysis::PrecursorReport& r) {
  report::Table table;
  table.columns = {"category", "tickets", "empty_windows", "controls", "controls_missing"};
  for (const auto& c : r.categories)
    table.add_row({c.category, c.tickets, c.empty_windows, c.controls, c.controls_missing});
  return table;
}

}  // namespace

void register_precursors(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<PrecursorArgs>();
  auto* sub = root.add_subcommand(
      "precursors", "Product events that precede tickets of each category: lift against control windows of the "
                    "same accounts, Fisher's test, BH-adjusted, with last-k paths and error events");
  add_workspace_option(*sub, ctx);
  sub->add_option("--from", args->period.from, "Tickets created from this date (inclusive; default: all tickets)");
  sub->add_option("--to", args->period.to, "Tickets created before this date (exclusive)");
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
    analysis::Period period{world.data_start, world.data_end + 1};
    if (args->period.from || args->period.to) {
      const auto p = args->period.resolve(world);
      period = {args->period.from ? p.from : period.from, args->period.to ? p.to : period.to};
    }
    const auto r = analysis::analyze_precursors(world, period, options);
    const auto pairs = pairs_table(r, args->all);
    if (format == report::Format::kCsv) {
      report::render(pairs, format, std::cout);
      return;
    }
    if (format == report::Format::kJson) {
      nlohmann::json j;
      j["period"] = {{"start", format_timestamp(period.from)}, {"end", format_timestamp(period.to)}};
      j["window_hours"] = static_cast<double>(options.window_seconds) / kSecondsPerHour;
      j["controls_per_ticket"] = options.controls;
      j["seed"] = options.seed;
      j["tickets"] = r.tickets;
      j["windows_truncated"] = r.windows_truncated;
      j["controls_drawn"] = r.controls_drawn;
      j["controls_missing"] = r.controls_missing;
      j["pairs_tested"] = r.pairs_tested;
      j["categories"] = report::to_json(windows_table(r));
      j["pairs"] = report::to_json(pairs);
      j["paths"] = report::to_json(paths_table(r));
      j["errors"] = report::to_json(errors_table(r));
      std::cout << j.dump(2) << '\n';
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
    report::render(paths_table(r), format, std::cout);
    std::cout << "\nError events in the windows before tickets\n";
    report::render(errors_table(r), format, std::cout);
    std::cout << "\nWindows per category\n";
    report::render(windows_table(r), format, std::cout);
  });
}

}  // namespace ticketlens::app
