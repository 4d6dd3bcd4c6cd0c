// Section "Emerging themes" (part of the Signals layer): terms whose share of the period's
// tickets rose significantly against the trailing weeks, grouped into themes.
#include <fmt/format.h>

#include "ticketlens/report/html_sections.hpp"

namespace ticketlens::report::html {

std::string themes_section(const json& s) {
  if (!s.contains("signals") || !s["signals"].contains("themes")) return "";
  const auto& th = s["signals"]["themes"];
  if (!th.value("text_available", false))
    return "<p>Not computed: no ticket text was loaded for this snapshot.</p>\n";
  if (th.value("tickets", 0) == 0 && th.value("tickets_without_text", 0) > 0)
    return fmt::format("<p>Not computed: none of the period's {} tickets has a subject.</p>\n",
                       fixed(th["tickets_without_text"], 0));
  std::string out = fmt::format(
      "<p>Words and bigrams whose share of this period's {} tickets rose against the {} tickets of {} to {} "
      "(one-sided exact Poisson test, Benjamini–Hochberg over {} terms tested).</p>\n",
      fixed(th["tickets"], 0), fixed(th["baseline_tickets"], 0), escape(text(th["baseline"], "start").substr(0, 10)),
      escape(text(th["baseline"], "end").substr(0, 10)), fixed(th["terms_tested"], 0));
  const auto& themes = th["themes"];
  if (themes.empty()) return out + "<p>No emerging theme this period.</p>\n";
  Table t("Emerging themes", {"Theme", "Terms", ">Tickets", ">Share", ">Baseline share", ">q", "Product areas", "Examples"});
  for (const auto& theme : themes) {
    std::string terms, areas, ids;
    for (const auto& term : theme["terms"]) terms += (terms.empty() ? "" : ", ") + escape(text(term, "term"));
    for (const auto& a : theme["product_areas"])
      areas += fmt::format("{}{} {}", areas.empty() ? "" : ", ", escape(text(a, "name")), fixed(a["count"], 0));
    for (const auto& id : theme["ticket_ids"]) ids += (ids.empty() ? "" : ", ") + escape(id.get<std::string>());
    const auto q = number(theme["q"]);
    t.row({escape(text(theme, "label")) + (theme.value("new", false) ? " <strong>new</strong>" : ""), terms,
           fixed(theme["tickets"], 0), fixed(theme["share_pct"], 1, "%"), fixed(theme["baseline_share_pct"], 1, "%"),
           q ? fmt::format("{:.2g}", *q) : "n/a", areas, ids});
  }
  return out + t.str();
}

}  // namespace ticketlens::report::html
