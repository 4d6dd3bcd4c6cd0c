#include "ticketlens/snapshot/linkage.hpp"

#include <fmt/format.h>

#include <cmath>

namespace ticketlens::snapshot {
namespace {

using nlohmann::json;

json num(double v) { return std::isfinite(v) ? json(v) : json(); }

json period_json(analysis::Period p) {
  return {{"start", format_timestamp(p.from)}, {"end", format_timestamp(p.to)}};
}

std::string text(const json& v, int decimals) {
  return v.is_number() ? fmt::format("{:.{}f}", v.get<double>(), decimals) : "n/a";
}

}  // namespace

json alerts_json(const analysis::AlertReport& report) {
  json out = json::array();
  for (const auto& a : report.alerts) {
    json numbers = json::object();
    for (const auto& [k, v] : a.numbers) numbers[k] = num(v);
    out.push_back({{"kind", a.kind},
                   {"title", a.title},
                   {"severity", num(a.severity)},
                   {"p", num(a.p)},
                   {"release_id", a.release_id},
                   {"product_area", a.product_area},
                   {"category", a.category},
                   {"observed", period_json(a.observed)},
                   {"baseline", period_json(a.baseline)},
                   {"numbers", numbers},
                   {"tickets", a.ticket_count},
                   {"ticket_ids", a.ticket_ids}});
  }
  return out;
}

json precursors_json(const analysis::PrecursorReport& report, std::size_t limit) {
  json pairs = json::array();
  for (const auto& p : analysis::top_precursors(report, limit))
    pairs.push_back({{"event", p.event},
                     {"category", p.category},
                     {"tickets", p.tickets},
                     {"tickets_with", p.tickets_with},
                     {"ticket_share", num(p.ticket_share)},
                     {"control_share", num(p.control_share)},
                     {"lift", num(p.lift)},
                     {"lift_lower", num(p.lift_lower)},
                     {"lift_upper", num(p.lift_upper)},
                     {"q", num(p.q)},
                     {"median_hours_before", num(p.median_hours_before)}});
  return {{"window_hours", static_cast<double>(report.options.window_seconds) / kSecondsPerHour},
          {"tickets", report.tickets},
          {"pairs_tested", report.pairs_tested},
          {"controls_drawn", report.controls_drawn},
          {"controls_missing", report.controls_missing},
          {"top", pairs}};
}

void add_linkage(json& doc, const model::World& world, const model::Config& config, analysis::Period period) {
  doc["signals"]["alerts"] = alerts_json(analysis::compute_alerts(world, config, period));
  const auto options = analysis::PrecursorOptions::from_config(config);
  doc["cause"]["precursors"] = precursors_json(analysis::analyze_precursors(world, period, options));
}

std::vector<std::string> alerts_markdown(const json& alerts) {
  std::vector<std::string> out;
  if (alerts.empty()) {
    out.emplace_back("- Alerts: none fired.");
    return out;
  }
  out.push_back(fmt::format("- Alerts: **{}** fired", alerts.size()));
  for (const auto& a : alerts) {
    std::string ids;
    for (const auto& id : a["ticket_ids"]) ids += (ids.empty() ? "" : ", ") + id.get<std::string>();
    out.push_back(fmt::format("  - `{}` {} — tickets: {}{}", a["kind"].get<std::string>(), a["title"].get<std::string>(),
                              ids.empty() ? "none" : ids,
                              a["tickets"].get<std::int64_t>() > static_cast<std::int64_t>(a["ticket_ids"].size()) ? ", …" : ""));
  }
  return out;
}

std::vector<std::string> precursors_markdown(const json& precursors) {
  std::vector<std::string> out;
  const auto& top = precursors["top"];
  out.push_back(fmt::format("- Precursor behaviours ({} h before tickets, {} pairs tested): {}",
                            text(precursors["window_hours"], 0), precursors["pairs_tested"].get<std::int64_t>(),
                            top.empty() ? "none significant" : fmt::format("{} significant", top.size())));
  if (top.empty()) return out;
  out.emplace_back();
  out.emplace_back("| Event | Ticket category | Tickets with it | Control share | Lift (95%) | Median hours before |");
  out.emplace_back("|---|---|---:|---:|---:|---:|");
  for (const auto& p : top)
    out.push_back(fmt::format("| {} | {} | {} of {} | {} | {} ({}–{}) | {} |", p["event"].get<std::string>(),
                              p["category"].get<std::string>(), p["tickets_with"].get<std::int64_t>(),
                              p["tickets"].get<std::int64_t>(), text(p["control_share"], 3), text(p["lift"], 1),
                              text(p["lift_lower"], 1), text(p["lift_upper"], 1), text(p["median_hours_before"], 1)));
  return out;
}

}  // namespace ticketlens::snapshot
