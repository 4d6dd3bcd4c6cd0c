// The page around the sections: head, inline style sheet, title, table of contents, footer.
#include "ticketlens/report/html_report.hpp"

#include <fmt/format.h>

#include <array>

#include "ticketlens/report/html_sections.hpp"

namespace ticketlens::report {
namespace {

using html::escape;
using html::text;

// The sections in page order. Add a section here (see html_sections.hpp).
constexpr std::array<html::Section, 13> kSections{{
    {"summary", "This period's decision", html::decision_summary_section},
    {"targets", "Targets", html::targets_section},
    {"signals", "1. Signals", html::signals_section},
    {"themes", "1. Signals: emerging themes", html::themes_section},
    {"alerts", "1b. Alerts", html::alerts_section},
    {"impact", "2. Impact", html::impact_section},
    {"retention", "2. Impact: retention", html::retention_section},
    {"cause", "3. Cause", html::cause_section},
    {"precursors", "3b. Precursor behaviours", html::precursors_section},
    {"fixes", "3c. Fixes ranked by retention per cost", html::fixes_section},
    {"decision", "4. Decision: playbooks", html::playbooks_section},
    {"proactive", "4. Decision: proactive list", html::proactive_section},
    {"coverage", "Data coverage: what the data lacks", html::coverage_section},
}};

// Readable without colour: status is always a word (FIRED, met, missed) and charts carry text.
constexpr std::string_view kStyle = R"CSS(
:root { color-scheme: light; --ink: #1f2937; --muted: #5b6472; --line: #d5dae1; --accent: #2b5797;
        --fired-bg: #fff4e5; --ok-bg: #eaf6ec; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
header h1 { font-size: 1.5rem; margin: .5rem 0 .25rem; }
header p { margin: 0; color: var(--muted); }
nav ol { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; list-style: none; margin: .75rem 0; }
nav a { color: var(--accent); }
section { border-top: 2px solid var(--line); margin-top: 1.5rem; padding-top: .5rem; }
h2 { font-size: 1.25rem; margin: .5rem 0; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .5rem; margin: .5rem 0; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
.figure dt { font-size: .85rem; color: var(--muted); }
.figure dd { margin: 0; font-size: 1.25rem; font-weight: 650; }
.figure dd.note { font-size: .85rem; font-weight: 400; color: var(--muted); }
.table-wrap { overflow-x: auto; margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { border-bottom: 2px solid var(--ink); }
td code { overflow-wrap: anywhere; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart { display: block; max-width: 40rem; height: auto; margin: .5rem 0 1rem; }
.status { display: inline-block; font-weight: 700; border: 2px solid var(--ink); border-radius: 4px;
          padding: 0 .35rem; font-size: .85rem; letter-spacing: .03em; white-space: nowrap; }
.status.fired { background: var(--fired-bg); }
.status.met { background: var(--ok-bg); border-style: dashed; }
.status.quiet { color: var(--muted); border-color: var(--muted); }
.callout { border: 2px solid var(--ink); border-left-width: 8px; border-radius: 6px; padding: .5rem 1rem;
           background: var(--fired-bg); }
.callout.quiet { background: var(--ok-bg); border-style: dashed; }
.callout ul { padding-left: 1.25rem; margin: .25rem 0; }
footer { color: var(--muted); font-size: .85rem; margin: 2rem 0 1rem; }
@media (max-width: 40rem) { body { font-size: 15px; } main { padding: .5rem; } th, td { padding: .3rem; } }
@media print { nav { display: none; } section { break-inside: avoid-page; } }
)CSS";

}  // namespace

std::string render_html(const nlohmann::json& s) {
  const auto& period = s.contains("period") ? s["period"] : nlohmann::json::object();
  const std::string label = text(period, "label", "?");
  const std::string start = text(period, "start").substr(0, 10), end = text(period, "end").substr(0, 10);
  std::vector<std::pair<const html::Section*, std::string>> bodies;
  for (const auto& section : kSections) {
    std::string body = section.render(s);
    if (!body.empty()) bodies.emplace_back(&section, std::move(body));
  }
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Support snapshot {0}</title>\n<style>{1}</style>\n</head>\n<body>\n<main>\n"
      "<header><h1>Support snapshot {0}</h1><p>{2} to {3} (end exclusive) · schema version {4}</p></header>\n",
      escape(label), kStyle, escape(start), escape(end), s.value("schema_version", 0));
  out += "<nav aria-label=\"Sections\"><ol>";
  for (const auto& [section, body] : bodies)
    out += fmt::format("<li><a href=\"#{}\">{}</a></li>", section->id, escape(section->title));
  out += "</ol></nav>\n";
  for (const auto& [section, body] : bodies)
    out += fmt::format("<section id=\"{0}\" aria-labelledby=\"{0}-h\">\n<h2 id=\"{0}-h\">{1}</h2>\n{2}</section>\n",
                       section->id, escape(section->title), body);
  out += fmt::format(
      "<footer>Generated by ticketlens from the snapshot JSON (schema version {}). Definitions: "
      "docs/metrics.md; fields: docs/snapshot-schema.md.</footer>\n</main>\n</body>\n</html>\n",
      s.value("schema_version", 0));
  return out;
}

}  // namespace ticketlens::report
