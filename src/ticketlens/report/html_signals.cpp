// Section 1, signals: ticket volume (8-period trend, by product area against the previous
// period), response and resolution times, recurrence, cost.
#include <fmt/format.h>

#include "ticketlens/report/html_sections.hpp"
#include "ticketlens/report/svg_chart.hpp"

namespace ticketlens::report::html {
namespace {

std::string volume_table(const std::string& caption, std::string_view dimension, const json& rows) {
  Table t(caption, {dimension, ">Tickets", ">Previous", ">Change"});
  for (const auto& r : rows)
    t.row({escape(text(r, "name")), fixed(r["count"], 0), fixed(r["prev_count"], 0), change(r["change_pct"])});
  return t.str();
}

}  // namespace

std::string signals_section(const json& s) {
  if (!s.contains("signals")) return "";
  const auto& sig = s["signals"];
  const auto& tickets = sig["tickets"];
  const std::string cur = text(s, "currency");
  const std::string unit = text(s, "kind") == "week" ? "week" : text(s, "kind") == "month" ? "month" : "period";
  std::string out = figures({
      {"Tickets", fixed(tickets["count"], 0),
       fmt::format("previous {} ({})", fixed(tickets["prev_count"], 0), change(tickets["change_pct"]))},
      {"First response, median", fixed(sig["first_response_hours"]["median"], 1, " h"),
       "p90 " + fixed(sig["first_response_hours"]["p90"], 1, " h")},
      {"Resolution, median", fixed(sig["resolution_hours"]["median"], 1, " h"),
       "p90 " + fixed(sig["resolution_hours"]["p90"], 1, " h")},
      {"Recurrent tickets", fixed(sig["recurrent_pct"], 1, "%"), "previous " + fixed(sig["prev_recurrent_pct"], 1, "%")},
      {"Cost", money(sig["cost"]["total"], cur),
       fmt::format("{} per ticket; direct {}, allocated {}", money(sig["cost"]["per_ticket"], cur),
                   money(sig["cost"]["direct"], cur), money(sig["cost"]["allocated"], cur))},
      {"CSAT, mean", fixed(sig["csat_mean"], 2), fmt::format("backlog {} open", fixed(sig["backlog"], 0))},
  });

  svg::LineChart trend;
  trend.id = "chart-trend";
  trend.title = fmt::format("Tickets per {}, last {} {}s", unit, tickets["trend"].size(), unit);
  std::string points;
  for (const auto& p : tickets["trend"]) {
    trend.x_labels.push_back(short_period(text(p, "period")));
    trend.values.push_back(number(p["count"]));
    trend.value_labels.push_back(fixed(p["count"], 0));
    points += fmt::format("{}{} {}", points.empty() ? "" : ", ", text(p, "period"), fixed(p["count"], 0));
  }
  trend.description = "Tickets created per period, oldest first: " + points + ".";
  out += "<h3>Ticket volume trend</h3>\n" + svg::line_chart(trend);

  const auto& areas = tickets["by_product_area"];
  if (!areas.empty()) {
    svg::BarChart bars;
    bars.id = "chart-areas";
    // A chart of dozens of areas reads as noise: the busiest kChartAreas, the table below has all.
    constexpr std::size_t kChartAreas = 12;
    bars.title = areas.size() > kChartAreas
                     ? fmt::format("Tickets in the {} busiest of {} product areas, this {} against the previous",
                                   kChartAreas, areas.size(), unit)
                     : fmt::format("Tickets by product area, this {} against the previous", unit);
    bars.description = fmt::format("Solid bars: this {}; hatched bars: the previous {}. Values as text.", unit, unit);
    svg::BarSeries now{"this " + unit, {}, {}, svg::Fill::kSolid};
    svg::BarSeries before{"previous", {}, {}, svg::Fill::kHatched};
    for (std::size_t i = 0; i < areas.size() && i < kChartAreas; ++i) {
      const auto& a = areas[i];
      bars.categories.push_back(text(a, "name"));
      now.values.push_back(number(a["count"]));
      now.labels.push_back(fmt::format("{} ({})", fixed(a["count"], 0), change(a["change_pct"])));
      before.values.push_back(number(a["prev_count"]));
      before.labels.push_back(fixed(a["prev_count"], 0));
    }
    bars.series = {now, before};
    out += "<h3>Volume by product area</h3>\n" + svg::bar_chart(bars);
    out += volume_table("Tickets by product area", "Product area", areas);
  }
  if (!tickets["by_category"].empty()) out += volume_table("Tickets by category", "Category", tickets["by_category"]);
  if (sig.contains("indicators")) {
    const auto& lead = sig["indicators"]["leading"];
    const auto& lag = sig["indicators"]["lagging"];
    Table t("Leading and lagging indicators", {"Indicator", "Kind", ">This period", ">Previous"});
    t.row({"Product error rate (error events / events)", "leading", fixed(lead["error_rate_pct"], 2, "%"),
           fixed(lead["prev_error_rate_pct"], 2, "%")});
    t.row({"Escalation rate", "leading", fixed(lead["escalated_pct"], 1, "%"), "–"});
    t.row({"CSAT, mean (share 4–5)", "leading",
           fmt::format("{} ({})", fixed(lead["csat_mean"], 2), fixed(lead["csat_satisfied_pct"], 0, "%")), "–"});
    t.row({"Resolution time, median", "lagging", fixed(lag["resolution_hours_median"], 1, " h"),
           fixed(sig["resolution_hours"]["prev_median"], 1, " h")});
    t.row({"Cost per ticket", "lagging", money(lag["cost_per_ticket"], cur), "–"});
    t.row({"Net revenue retention, 12 months", "lagging", fixed(lag["nrr_pct"], 1, "%"), fixed(lag["prev_nrr_pct"], 1, "%")});
    out += t.str();
    Table areas_t("Product error rate by area", {"Product area", ">Events", ">Errors", ">Error rate"});
    for (const auto& a : lead["error_rate_by_product_area"])
      areas_t.row({escape(text(a, "name")), fixed(a["events"], 0), fixed(a["errors"], 0), fixed(a["error_rate_pct"], 2, "%")});
    if (!areas_t.empty()) out += areas_t.str();
  }
  return out;
}

}  // namespace ticketlens::report::html
