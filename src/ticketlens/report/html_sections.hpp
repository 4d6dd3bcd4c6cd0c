#pragma once
// The sections of the HTML report and the helpers they share. A section is a function from the
// snapshot document to an HTML fragment (empty when its data is absent); the page lists them in
// one table, kSections in html_report.cpp.
//
// To add a section (e.g. retention): write `std::string retention_section(const json&)` in
// report/html_retention.cpp using the helpers below and svg_chart.hpp, declare it here, add
// `{"retention", "Retention", retention_section}` to kSections where it belongs, and list the
// file in report/sources.cmake. tests/report/html_report_test.cpp shows how to check it.
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens::report::html {

using nlohmann::json;

struct Section {
  std::string_view id;     ///< the anchor, `#signals`
  std::string_view title;  ///< the heading and the table-of-contents entry
  std::string (*render)(const json& snapshot);  ///< the section's body; "" leaves it out
};

// The sections of the snapshot (one file each).
std::string decision_summary_section(const json& s);  // html_decision.cpp: what fired, up top
std::string targets_section(const json& s);           // html_decision.cpp
std::string signals_section(const json& s);           // html_signals.cpp
std::string themes_section(const json& s);            // html_themes.cpp: part of signals
std::string impact_section(const json& s);            // html_impact.cpp
std::string cause_section(const json& s);             // html_cause.cpp
std::string alerts_section(const json& s);            // html_linkage.cpp: signals.alerts
std::string precursors_section(const json& s);        // html_linkage.cpp: cause.precursors
std::string retention_section(const json& s);         // html_retention.cpp
std::string playbooks_section(const json& s);         // html_decision.cpp
std::string fixes_section(const json& s);             // html_proactive.cpp: cause.fixes
std::string proactive_section(const json& s);         // html_proactive.cpp: decision.proactive
std::string coverage_section(const json& s);          // html_coverage.cpp: data_coverage

// Shared helpers (html_format.cpp).
std::string escape(std::string_view text);
/// The number at `j`, nullopt for null, missing or non-finite.
std::optional<double> number(const json& j);
/// `12.3 h` at fixed decimals; "n/a" when undefined.
std::string fixed(const json& j, int decimals = 1, std::string_view unit = "");
/// A p-value: 4 decimals, or scientific below 1e-4 (never a bare `0.0000`); "n/a" when undefined.
std::string p_value(const json& p);
/// `USD 12,345` (whole units, thousands separators); "n/a" when undefined.
std::string money(const json& j, std::string_view currency);
/// `+12%` / `−3%`; "–" when undefined.
std::string change(const json& j);
/// The string at `key` of `j`, else `fallback`.
std::string text(const json& j, std::string_view key, std::string_view fallback = "");
/// `2026-W47` -> `W47`; other labels unchanged (axis labels stay short).
std::string short_period(std::string_view label);

/// A table in a horizontally scrolling wrapper; cells are HTML already escaped by the caller.
/// Columns named with a leading '>' are right-aligned numbers (the '>' is not shown).
class Table {
 public:
  Table(std::string caption, std::initializer_list<std::string_view> columns);
  Table& row(std::vector<std::string> cells);
  [[nodiscard]] std::string str() const;
  [[nodiscard]] bool empty() const { return rows_.empty(); }

 private:
  std::string caption_;
  std::vector<std::string> columns_;
  std::vector<bool> numeric_;
  std::vector<std::vector<std::string>> rows_;
};

/// `<div class="kpis">` of labelled figures: {label, value, note}.
struct Figure {
  std::string label, value, note;
};
std::string figures(const std::vector<Figure>& items);

}  // namespace ticketlens::report::html
