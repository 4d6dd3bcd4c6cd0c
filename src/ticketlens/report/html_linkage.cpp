// The alerts of the period (signals.alerts, with their webhook deliveries) and the top precursor
// behaviours (cause.precursors) as tables.
#include <fmt/format.h>

#include "ticketlens/report/html_sections.hpp"

namespace ticketlens::report::html {
namespace {

std::string evidence(const json& numbers) {
  std::string out;
  for (const auto& [name, value] : numbers.items())
    out += fmt::format("{}{} = {}", out.empty() ? "" : "; ", escape(name),
                       value.is_number_integer() ? fixed(value, 0) : fixed(value, 3));
  return out.empty() ? "–" : out;
}

}  // namespace

std::string alerts_section(const json& s) {
  if (!s.contains("signals") || !s["signals"].contains("alerts")) return "";
  const auto& alerts = s["signals"]["alerts"];
  if (alerts.empty()) return "<p>No alert fired in this period.</p>\n";
  Table t(fmt::format("{} alert{} fired, most severe first", alerts.size(), alerts.size() == 1 ? "" : "s"),
          {">#", "Kind", "Alert", "Release / area / category", "Observed", "Against", "Evidence", ">p", ">Tickets",
           "First tickets"});
  std::size_t rank = 0;
  for (const auto& a : alerts) {
    std::string where;
    for (const char* key : {"release_id", "product_area", "category"})
      if (!text(a, key).empty()) where += (where.empty() ? "" : " · ") + escape(text(a, key));
    std::string ids;
    const auto& ticket_ids = a.contains("ticket_ids") ? a["ticket_ids"] : json::array();
    for (std::size_t i = 0; i < ticket_ids.size() && i < 5; ++i)
      ids += (i ? ", " : "") + escape(ticket_ids[i].get<std::string>());
    auto span = [](const json& p) {
      return fmt::format("{} to {}", escape(text(p, "start").substr(0, 10)), escape(text(p, "end").substr(0, 10)));
    };
    t.row({std::to_string(++rank), escape(text(a, "kind")), escape(text(a, "title")), where.empty() ? "–" : where,
           span(a["observed"]), span(a["baseline"]), evidence(a.value("numbers", json::object())), p_value(a["p"]),
           fixed(a["tickets"], 0), ids.empty() ? "–" : ids});
  }
  std::string out = t.str();
  if (s["signals"].contains("alert_notifications")) {
    Table n("Alert webhooks", {"Alert", "URL", "Delivered", ">Attempts", "Error"});
    for (const auto& d : s["signals"]["alert_notifications"])
      n.row({escape(text(d, "title")), escape(text(d, "url")), d.value("delivered", false) ? "delivered" : "FAILED",
             fixed(d["attempts"], 0), escape(text(d, "error", "–"))});
    if (!n.empty()) out += n.str();
  }
  return out;
}

std::string precursors_section(const json& s) {
  if (!s.contains("cause") || !s["cause"].contains("precursors")) return "";
  const auto& p = s["cause"]["precursors"];
  std::string out = fmt::format(
      "<p>Events in the {} h before each of the period's {} tickets against {} control windows of the same accounts "
      "({} could not be drawn); {} event × category pairs tested, significant when the Benjamini–Hochberg q is "
      "below 0.05 and the lift above 1.</p>\n",
      fixed(p["window_hours"], 0), fixed(p["tickets"], 0), fixed(p["controls_drawn"], 0),
      fixed(p["controls_missing"], 0), fixed(p["pairs_tested"], 0));
  const auto& top = p.value("top", json::array());
  if (top.empty()) return out + "<p>No behaviour precedes tickets significantly in this period.</p>\n";
  Table t("Behaviours that precede tickets, ranked",
          {">#", "Event", "Category", ">Tickets", ">With the event", ">Controls with it", ">Lift (95%)", ">q",
           ">Median hours before"});
  std::size_t rank = 0;
  for (const auto& r : top) {
    const auto share = [](const json& v) {
      const auto x = number(v);
      return x ? fmt::format("{:.1f}%", 100 * *x) : std::string("n/a");
    };
    t.row({std::to_string(++rank), escape(text(r, "event")), escape(text(r, "category")), fixed(r["tickets"], 0),
           share(r["ticket_share"]), share(r["control_share"]),
           fmt::format("{} ({}–{})", fixed(r["lift"], 2), fixed(r["lift_lower"], 2), fixed(r["lift_upper"], 2)),
           p_value(r["q"]), fixed(r["median_hours_before"], 1)});
  }
  return out + t.str();
}

}  // namespace ticketlens::report::html
