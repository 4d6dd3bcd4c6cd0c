// Section "Retention": the churn hazard ratios of the Cox model, Kaplan–Meier survival from day
// 90 of accounts with and without a ticket of the most corrosive type, and logo retention by
// signup cohort. Each chart is followed by the same numbers as a table.
#include <fmt/format.h>

#include <cmath>

#include "ticketlens/report/html_sections.hpp"
#include "ticketlens/report/svg_chart.hpp"

namespace ticketlens::report::html {
namespace {

std::string hazard_ratios(const json& top) {
  if (!top.is_array() || top.empty()) return "";
  Table t("Churn hazard ratios with p < 0.05 (Cox model, highest first)",
          {"Covariate", ">Hazard ratio", ">95% interval", ">p"});
  for (const auto& h : top)
    t.row({fmt::format("<code>{}</code>", escape(text(h, "name"))), fixed(h["hr"], 2),
           fmt::format("{} to {}", fixed(h["lower"], 2), fixed(h["upper"], 2)), p_value(h["p"])});
  return "<h3>What raises the hazard of churn</h3>\n" + t.str();
}

std::string landmark(const json& r) {
  const auto& lm = r["landmark"];
  if (!lm.is_object() || !lm.contains("groups")) return "";
  const auto& worst = r["worst_ticket_type"];
  const std::string category = text(lm, "category");
  svg::StepChart chart;
  chart.id = "chart-km";
  chart.title = fmt::format("Survival from day {} by a {} ticket in the first {} days", fixed(lm["landmark_days"], 0),
                            category, fixed(lm["landmark_days"], 0));
  chart.description = fmt::format(
      "Kaplan–Meier share of accounts still subscribed, months after day {} since signup, for accounts alive "
      "then with and without a {} ticket before it; shaded: 95% intervals.",
      fixed(lm["landmark_days"], 0), category);
  chart.x_label = fmt::format("months since day {}", fixed(lm["landmark_days"], 0));
  for (int m = 0; m <= 24; m += 6) {
    chart.x_ticks.push_back(m);
    chart.x_tick_labels.push_back(std::to_string(m));
  }
  std::string tables;
  bool dashed = false;
  for (const auto& g : lm["groups"]) {
    svg::StepSeries s;
    s.name = text(g, "group");
    s.dashed = dashed;
    dashed = true;
    Table t(fmt::format("{}: {} accounts, {} churned", text(g, "group"), fixed(g["accounts"], 0),
                        fixed(g["churned"], 0)),
            {">Months", ">At risk", ">Survival", ">95% interval"});
    for (std::size_t i = 0; i < g["months"].size(); ++i) {
      const auto value = [](const json& v) { return number(v).value_or(std::nan("")); };
      s.x.push_back(value(g["months"][i]));
      s.y.push_back(value(g["surv"][i]));
      s.lower.push_back(value(g["lower"][i]));
      s.upper.push_back(value(g["upper"][i]));
      if (i % 3 == 0 || i + 1 == g["months"].size())
        t.row({fixed(g["months"][i], 0), fixed(g["n_risk"][i], 0), fixed(value(g["surv"][i]) * 100, 1, "%"),
               fmt::format("{} to {}", fixed(value(g["lower"][i]) * 100, 1, "%"),
                           fixed(value(g["upper"][i]) * 100, 1, "%"))});
    }
    chart.series.push_back(std::move(s));
    tables += t.str();
  }
  const auto& lr = lm["log_rank"];
  const auto& hr = lm["hazard_ratio"];
  std::string out = fmt::format("<h3>Survival with and without a <code>{}</code> ticket</h3>\n", escape(category));
  out += fmt::format(
      "<p>The Cox model ranks <code>{}</code> the ticket type most corrosive to retention (adjusted hazard ratio {}, "
      "95% interval {} to {}). Accounts alive {} days after signup, split by such a ticket before then: hazard "
      "ratio from day {} {} ({} to {}); log-rank p = {}.</p>\n",
      escape(category), fixed(worst["hr"], 2), fixed(worst["lower"], 2), fixed(worst["upper"], 2),
      fixed(lm["landmark_days"], 0), fixed(lm["landmark_days"], 0), fixed(hr["hr"], 2), fixed(hr["lower"], 2),
      fixed(hr["upper"], 2), lr.is_object() ? p_value(lr["p"]) : std::string("n/a"));
  return out + svg::step_chart(chart) + tables;
}

std::string cohorts(const json& rows) {
  if (!rows.is_array() || rows.empty()) return "";
  svg::Heatmap map;
  map.id = "chart-cohorts";
  map.title = "Logo retention by signup month at 6, 12 and 24 months";
  map.description =
      "Share of each signup month's accounts subscribed 6, 12 and 24 months after signup; a dash where the "
      "cohort is not that old yet. Darker is higher.";
  map.min = 0;
  map.max = 100;
  Table t("Logo retention by signup month", {"Signup month", ">Accounts", ">6 months", ">12 months", ">24 months"});
  for (const auto& h : rows[0]["horizons"]) map.column_labels.push_back(fmt::format("{} months", fixed(h["months"], 0)));
  for (const auto& r : rows) {
    map.row_labels.push_back(text(r, "cohort"));
    std::vector<std::optional<double>> values;
    std::vector<std::string> labels;
    std::vector<std::string> cells{escape(text(r, "cohort")), fixed(r["accounts"], 0)};
    for (const auto& h : r["horizons"]) {
      values.push_back(number(h["logo_pct"]));
      labels.push_back(fixed(h["logo_pct"], 0, "%"));
      cells.push_back(number(h["logo_pct"])
                          ? fmt::format("{} ({} of {})", fixed(h["logo_pct"], 1, "%"), fixed(h["retained"], 0),
                                        fixed(h["eligible"], 0))
                          : std::string("–"));
    }
    while (cells.size() < 5) cells.emplace_back("–");
    map.values.push_back(std::move(values));
    map.labels.push_back(std::move(labels));
    t.row(std::move(cells));
  }
  return "<h3>Cohort retention</h3>\n" + svg::heatmap(map) + t.str();
}

}  // namespace

std::string retention_section(const json& s) {
  if (!s.contains("retention")) return "";
  const auto& r = s["retention"];
  const json top = s.contains("impact") ? s["impact"].value("top_hazard_ratios", json::array()) : json::array();
  std::string out = hazard_ratios(top) + landmark(r) + cohorts(r["cohorts"]);
  if (out.empty()) return "";
  return fmt::format("<p>{} accounts, {} churned, as of the period's end.{}</p>\n", fixed(r["accounts"], 0),
                     fixed(r["churned"], 0),
                     r.value("cox_converged", false) ? "" : " The Cox model of churn did not converge: no hazard ratios.") +
         out;
}

}  // namespace ticketlens::report::html
