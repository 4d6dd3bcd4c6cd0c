// Section 3, cause: root-cause mix, escalations to Product, issue resolution, the cost Pareto.
#include <fmt/format.h>

#include "ticketlens/report/html_sections.hpp"
#include "ticketlens/report/svg_chart.hpp"

namespace ticketlens::report::html {
namespace {
// Cells of the cost Pareto shown (as in the Markdown); a longer Pareto is itself the finding.
constexpr std::size_t kParetoShown = 15;
}  // namespace

std::string cause_section(const json& s) {
  if (!s.contains("cause")) return "";
  const auto& cause = s["cause"];
  const auto& issues = cause["issue_resolution_days"];
  const std::string cur = text(s, "currency");
  std::string out = figures({
      {"Escalated to Product", fixed(cause["escalated_to_product_pct"], 1, "%"), "product or engineering"},
      {"Root-cause issues, median days", fixed(issues["median"], 1),
       fmt::format("{} resolved in 90 days; {} open", fixed(issues["resolved_90d"], 0), fixed(issues["open"], 0))},
  });
  Table mix("Root-cause mix", {"Root cause", ">Tickets", ">Share"});
  for (const auto& r : cause["root_causes"])
    mix.row({escape(text(r, "name")), fixed(r["count"], 0), fixed(r["pct"], 1, "%")});
  if (!mix.empty()) out += mix.str();

  const auto& pareto = cause["cost_pareto"];
  if (!pareto.empty()) {
    svg::BarChart bars;
    bars.id = "chart-pareto";
    bars.title = "Cost Pareto: the category × product area cells that make 80% of cost";
    bars.description =
        "Each bar is one category × product area cell's cost, costliest first; its text gives the cost, its "
        "share and the cumulative share.";
    svg::BarSeries cost{"cost", {}, {}, svg::Fill::kSolid};
    Table t("Cost Pareto", {"Category × product area", ">Tickets", ">Cost", ">Share", ">Cumulative"});
    for (std::size_t i = 0; i < pareto.size() && i < kParetoShown; ++i) {
      const auto& c = pareto[i];
      const std::string name = text(c, "category") + " × " + text(c, "product_area");
      bars.categories.push_back(name);
      cost.values.push_back(number(c["total"]));
      cost.labels.push_back(fmt::format("{} · {} (cum. {})", money(c["total"], cur), fixed(c["share_pct"], 0, "%"),
                                        fixed(c["cumulative_pct"], 0, "%")));
      t.row({escape(name), fixed(c["tickets"], 0), money(c["total"], cur), fixed(c["share_pct"], 1, "%"),
             fixed(c["cumulative_pct"], 1, "%")});
    }
    bars.series = {cost};
    out += "<h3>Cost Pareto</h3>\n" + svg::bar_chart(bars) + t.str();
    if (pareto.size() > kParetoShown)
      out += fmt::format("<p>The first {} of {} cells make {} of the cost: it is spread thinly, no few cells "
                         "dominate (every cell: the snapshot JSON, <code>cause.cost_pareto</code>).</p>\n",
                         kParetoShown, pareto.size(), fixed(pareto[kParetoShown - 1]["cumulative_pct"], 0, "%"));
  }
  return out;
}

}  // namespace ticketlens::report::html
