// ticketlens themes: emerging themes of a period — words and bigrams of ticket text whose share
// of the period's tickets rose significantly against the trailing weeks, grouped into themes.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "period_options.hpp"
#include "ticketlens/analysis/text/themes.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/snapshot/themes.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

struct ThemesArgs {
  PeriodOptions period;
  std::string format = "table";
};

}  // namespace

void register_themes(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<ThemesArgs>();
  auto* sub = root.add_subcommand(
      "themes",
      "Emerging themes: words and bigrams of ticket text whose share of the period's tickets rose significantly "
      "against the trailing weeks ([themes] in ticketlens.toml), grouped into themes");
  add_workspace_option(*sub, ctx);
  add_period_options(*sub, args->period);
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    auto store = store::Store::open(ctx.workspace);
    const auto config = model::load_config(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
    const auto format = report::parse_format(args->format);
    const auto world = store::load_world(*store);
    const auto period = args->period.resolve(world);
    const auto texts = snapshot::themes_ticket_texts(*store, world, config, period);
    const auto r = analysis::text::emerging_themes(world, config.themes, period, texts);
    if (format == report::Format::kJson) {
      std::cout << snapshot::themes_json(r, true).dump(2) << '\n';
      return;
    }
    report::Table table;
    table.columns = {"rank", "theme", "new", "tickets", "baseline_tickets", "share_pct", "baseline_share_pct",
                     "ratio", "q", "terms", "product_areas", "ticket_ids"};
    std::int64_t rank = 0;
    for (const auto& t : r.themes) {
      std::vector<std::string> terms, areas;
      for (const auto& term : t.terms) terms.push_back(term.term);
      for (const auto& [name, count] : t.product_areas) areas.push_back(fmt::format("{} {}", name, count));
      report::Cell ratio;
      if (std::isfinite(t.ratio)) ratio = t.ratio;
      table.add_row({++rank, t.label, std::string(t.is_new ? "yes" : "no"), t.tickets, t.baseline_tickets,
                     t.share_pct, t.baseline_share_pct, ratio, t.q, fmt::format("{}", fmt::join(terms, ";")),
                     fmt::format("{}", fmt::join(areas, ";")), fmt::format("{}", fmt::join(t.ticket_ids, ";"))});
    }
    if (format == report::Format::kCsv) {
      report::render(table, format, std::cout);
      return;
    }
    std::cout << fmt::format(
        "Emerging themes of {} ({} tickets with a subject) against {} to {} ({} tickets); {} terms tested: {}\n",
        period.label(), r.tickets, format_timestamp(r.baseline.from).substr(0, 10),
        format_timestamp(r.baseline.to).substr(0, 10), r.baseline_tickets, r.terms_tested,
        r.themes.empty() ? "none" : fmt::format("{} theme{}", r.themes.size(), r.themes.size() == 1 ? "" : "s"));
    if (r.tickets_without_text > 0)
      std::cout << fmt::format("({} tickets of the period have no subject or body and were left out)\n",
                               r.tickets_without_text);
    std::size_t n = 0;
    for (const auto& t : r.themes) {
      std::vector<std::string> terms, areas;
      for (const auto& term : t.terms)
        terms.push_back(fmt::format("{} {}/{}", term.term, term.tickets, term.baseline_tickets));
      for (const auto& [name, count] : t.product_areas) areas.push_back(fmt::format("{} {}", name, count));
      std::cout << fmt::format(
          "\n{}. {}{}\n   {} tickets ({:.1f}%) against {} ({:.1f}%) in the baseline; q {:.2g}\n   terms (period/baseline "
          "tickets): {}\n   product areas: {}\n   examples: {}\n",
          ++n, t.label, t.is_new ? " [new]" : "", t.tickets, t.share_pct, t.baseline_tickets, t.baseline_share_pct,
          t.q, fmt::join(terms, ", "), fmt::join(areas, ", "), fmt::join(t.ticket_ids, ", "));
    }
  });
}

}  // namespace ticketlens::app
