// Table and JSON of the alerts (analysis_json.hpp).
#include <fmt/format.h>

#include <cmath>

#include "ticketlens/report/analysis_json.hpp"
#include "ticketlens/snapshot/linkage.hpp"

namespace ticketlens::report {
std::string numbers_text(const std::map<std::string, double>& numbers) {
  std::string out;
  for (const auto& [k, v] : numbers) out += fmt::format("{}{}={:.4g}", out.empty() ? "" : " ", k, v);
  return out;
}

std::string join(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ";") + id;
  return out;
}

Table alerts_table(const analysis::AlertReport& r) {
  Table table;
  table.columns = {"rank", "kind", "severity", "release_id", "product_area", "category", "observed_from",
                   "observed_to", "baseline_from", "baseline_to", "p", "tickets", "title", "evidence", "ticket_ids"};
  std::int64_t rank = 0;
  for (const auto& a : r.alerts)
    table.add_row({++rank, a.kind, a.severity, a.release_id, a.product_area, a.category,
                   format_timestamp(a.observed.from), format_timestamp(a.observed.to),
                   format_timestamp(a.baseline.from), format_timestamp(a.baseline.to), a.p, a.ticket_count,
                   a.title, numbers_text(a.numbers), join(a.ticket_ids)});
  return table;
}

nlohmann::json alerts_json(const analysis::AlertReport& r) {
  return {{"period", r.period.label()}, {"alerts", snapshot::alerts_json(r)}};
}

}  // namespace ticketlens::report
