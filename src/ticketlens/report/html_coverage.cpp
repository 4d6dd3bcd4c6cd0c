// What the data lacks (data_coverage): snapshot/coverage.hpp.
#include <fmt/format.h>

#include "ticketlens/report/html_sections.hpp"

namespace ticketlens::report::html {

std::string coverage_section(const json& s) {
  if (!s.contains("data_coverage")) return "";
  const auto& c = s["data_coverage"];
  std::string out;
  const auto& gaps = c["gaps"];
  if (gaps.empty()) {
    out += fmt::format("<p>Every ticket field the report reads is present on the {} tickets, and every table has rows.</p>\n",
                       c.value("tickets", 0));
  } else {
    out += "<p>What the data behind this report lacks, and what that does to the figures above:</p>\n<ul>\n";
    for (const auto& g : gaps) out += "<li>" + escape(text(g, "text")) + "</li>\n";
    out += "</ul>\n";
  }
  Table t(c.value("scope", "") == "period" ? "Ticket fields present on the period's tickets"
                                           : "Ticket fields present on the tickets before the period's end",
          {"Field", ">Present", ">Tickets", ">Share"});
  for (const auto& f : c["ticket_fields"])
    t.row({escape(text(f, "field")), fixed(f["present"], 0), fixed(f["tickets"], 0), fixed(f["present_pct"], 1, "%")});
  return out + t.str();
}

}  // namespace ticketlens::report::html
