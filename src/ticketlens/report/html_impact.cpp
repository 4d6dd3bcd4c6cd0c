// Section 2, impact: ARR exposed (and its accounts), 90-day churn with and without support,
// time to value by signup cohort.
#include <fmt/format.h>

#include "ticketlens/report/html_sections.hpp"
#include "ticketlens/report/svg_chart.hpp"

namespace ticketlens::report::html {

std::string impact_section(const json& s) {
  if (!s.contains("impact")) return "";
  const auto& imp = s["impact"];
  const auto& ex = imp["exposed_arr"];
  const auto& churn = imp["churn_90d"];
  const std::string cur = text(s, "currency");
  const auto threshold = fixed(ex["threshold_tickets"], 0);
  std::string out = figures({
      {"ARR exposed", money(ex["amount"], cur),
       fmt::format("{} of {} total ARR", fixed(ex["pct"], 1, "%"), money(imp["total_arr"], cur))},
      {"Exposed accounts", std::to_string(ex["accounts"].size()),
       fmt::format("more than {} tickets in {} days", threshold, fixed(ex["window_days"], 0))},
      {"90-day churn, supported", fixed(churn["supported"], 1, "%"),
       fmt::format("of {} accounts", fixed(churn["supported_detail"]["accounts"], 0))},
      {"90-day churn, unsupported", fixed(churn["unsupported"], 1, "%"),
       fmt::format("of {} accounts", fixed(churn["unsupported_detail"]["accounts"], 0))},
      {"Time to value, median", fixed(imp["ttv_days_median"], 1, " days"),
       fmt::format("signup to first {}, last 90 days", text(imp, "activation_event"))},
  });
  if (!ex["accounts"].empty()) {
    Table t("Exposed accounts (largest ARR first)", {"Account", "Id", ">Tickets (30 days)", ">ARR"});
    for (const auto& a : ex["accounts"])
      t.row({escape(text(a, "name")), escape(text(a, "account_id")), fixed(a["tickets_30d"], 0), money(a["arr"], cur)});
    out += t.str();
  }

  const auto& cohorts = imp["ttv_days_by_cohort"];
  if (!cohorts.empty()) {
    svg::BarChart bars;
    bars.id = "chart-ttv";
    bars.title = "Time to value by signup cohort (median days)";
    bars.description = fmt::format(
        "Median days from signup to the first {} per signup month, oldest first; n/a where no account of "
        "the cohort has activated. Recent cohorts are still activating.",
        text(imp, "activation_event"));
    svg::BarSeries days{"median days", {}, {}, svg::Fill::kSolid};
    Table t("Time to value by signup cohort", {"Signup cohort", ">Accounts", ">Activated", ">Median days"});
    for (const auto& c : cohorts) {
      bars.categories.push_back(text(c, "cohort"));
      days.values.push_back(number(c["median_days"]));
      days.labels.push_back(fmt::format("{} days ({} of {} activated)", fixed(c["median_days"], 1),
                                        fixed(c["activated"], 0), fixed(c["accounts"], 0)));
      t.row({escape(text(c, "cohort")), fixed(c["accounts"], 0), fixed(c["activated"], 0), fixed(c["median_days"], 1)});
    }
    bars.series = {days};
    out += "<h3>Time to value by cohort</h3>\n" + svg::bar_chart(bars) + t.str();
  }
  return out;
}

}  // namespace ticketlens::report::html
