// Tables and JSON of the precursor analysis (analysis_json.hpp).
#include <string>
#include <string_view>

#include "ticketlens/report/analysis_json.hpp"

namespace ticketlens::report {
namespace {

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

}  // namespace

Table precursor_pairs_table(const analysis::PrecursorReport& r, bool all) {
  Table table;
  table.precision = 4;
  table.columns = {"rank", "event", "category", "tickets", "tickets_with", "ticket_share", "controls",
                   "controls_with", "control_share", "lift", "lift_lower", "lift_upper", "p", "q",
                   "significant", "same_session_share", "median_hours_before"};
  std::int64_t rank = 0;
  for (const auto& p : r.pairs) {
    if (!all && !p.significant) continue;
    table.add_row({++rank, p.event, p.category, p.tickets, p.tickets_with, p.ticket_share, p.controls,
                   p.controls_with, p.control_share, p.lift, p.lift_lower, p.lift_upper, p.p, p.q,
                   std::string(p.significant ? "yes" : "no"), p.same_session_share, p.median_hours_before});
  }
  return table;
}

Table precursor_paths_table(const analysis::PrecursorReport& r) {
  Table table;
  table.columns = {"category", "path", "tickets", "share"};
  for (const auto& p : r.paths) table.add_row({p.category, join(p.events, " > "), p.tickets, p.share});
  return table;
}

Table precursor_errors_table(const analysis::PrecursorReport& r) {
  Table table;
  table.columns = {"category", "error_event", "product_area", "tickets", "share"};
  for (const auto& e : r.errors) table.add_row({e.category, e.event, e.product_area, e.tickets, e.share});
  return table;
}

Table precursor_windows_table(const analysis::PrecursorReport& r) {
  Table table;
  table.columns = {"category", "tickets", "empty_windows", "controls", "controls_missing"};
  for (const auto& c : r.categories)
    table.add_row({c.category, c.tickets, c.empty_windows, c.controls, c.controls_missing});
  return table;
}

nlohmann::json precursors_json(const analysis::PrecursorReport& r, const analysis::Period& period,
                               const analysis::PrecursorOptions& options, bool all) {
  nlohmann::json j;
  j["period"] = {{"start", format_timestamp(period.from)}, {"end", format_timestamp(period.to)}};
  j["window_hours"] = static_cast<double>(options.window_seconds) / kSecondsPerHour;
  j["controls_per_ticket"] = options.controls;
  j["seed"] = options.seed;
  j["category"] = options.category ? nlohmann::json(*options.category) : nlohmann::json();
  j["tickets"] = r.tickets;
  j["windows_truncated"] = r.windows_truncated;
  j["controls_drawn"] = r.controls_drawn;
  j["controls_missing"] = r.controls_missing;
  j["pairs_tested"] = r.pairs_tested;
  j["categories"] = to_json(precursor_windows_table(r));
  j["pairs"] = to_json(precursor_pairs_table(r, all));
  j["paths"] = to_json(precursor_paths_table(r));
  j["errors"] = to_json(precursor_errors_table(r));
  return j;
}

}  // namespace ticketlens::report
