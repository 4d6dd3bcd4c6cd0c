// The fixes ranked by retention per cost (cause.fixes) and the proactive list
// (decision.proactive): snapshot/proactive.hpp.
#include <fmt/format.h>

#include "ticketlens/report/html_sections.hpp"

namespace ticketlens::report::html {

std::string fixes_section(const json& s) {
  if (!s.contains("cause") || !s["cause"].contains("fixes")) return "";
  const auto& f = s["cause"]["fixes"];
  if (!f.value("available", false)) return "<p>Not available: " + escape(text(f, "reason")) + "</p>\n";
  const std::string cur = text(s, "currency");
  std::string out = fmt::format(
      "<p>Per product area × category: the yearly ticket cost, the ARR whose churn the retention Cox model attributes "
      "to the category (yearly churn p0 = {}), and the fix cost; a fix saves {} of the ticket cost and {} of that "
      "ARR. Ranked by (ticket cost saved + ARR retained) / fix cost.{}</p>\n",
      fixed(f["yearly_churn"], 3), fixed(json(100 * f.value("ticket_reduction", 0.0)), 0, "%"),
      fixed(json(100 * f.value("churn_reduction", 0.0)), 0, "%"),
      f.value("cox_converged", false) ? "" : " The Cox fit did not converge: read the HRs with care.");
  Table t("Fixes ranked by retention gained per unit of cost",
          {"Product area × category", ">Tickets / year", ">Ticket cost / year", ">HR", ">ARR at risk", ">Fix cost",
           ">Value per cost"});
  for (const auto& x : f["items"])
    t.row({escape(text(x, "product_area") + " × " + text(x, "category")), fixed(x["tickets_year"], 0),
           money(x["ticket_cost_year"], cur), fixed(x["hazard_ratio"], 2), money(x["arr_at_risk"], cur),
           money(x["fix_cost"], cur) + (x.value("fix_cost_default", true) ? " (default)" : ""),
           fixed(x["value_per_cost"], 2)});
  return out + t.str();
}

std::string proactive_section(const json& s) {
  if (!s.contains("decision") || !s["decision"].contains("proactive")) return "";
  const auto& p = s["decision"]["proactive"];
  if (!p.value("available", false)) return "<p>Not available: " + escape(text(p, "reason")) + "</p>\n";
  const std::string cur = text(s, "currency");
  std::string out = fmt::format(
      "<p>Accounts by churn probability within {} days × ARR: the logistic risk model (trained on {} account "
      "snapshots, {} churned). Reasons are the features that push each account's risk up most.</p>\n",
      p.value("horizon_days", 0), fixed(p["model"]["train_rows"], 0), fixed(p["model"]["train_positives"], 0));
  Table t("Proactive list", {"Account", ">Churn probability", ">ARR", ">Risk × ARR", "Reasons", "Play"});
  for (const auto& a : p["accounts"]) {
    std::string reasons;
    for (const auto& r : a["reasons"])
      reasons += (reasons.empty() ? "" : "<br>") + escape(text(r, "feature")) + " = " + fixed(r["value"], 2);
    t.row({escape(text(a, "name")) + " (" + escape(text(a, "account_id")) + ")", fixed(a["churn_probability"], 3),
           money(a["arr"], cur), money(a["risk_arr"], cur), reasons.empty() ? "–" : reasons, escape(text(a, "play"))});
  }
  return out + t.str();
}

}  // namespace ticketlens::report::html
