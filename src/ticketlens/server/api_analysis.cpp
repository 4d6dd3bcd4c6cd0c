// /api/status, /api/snapshot, /api/kpi, /api/cost: the CLI's status, snapshot, kpi and cost.
#include <fmt/format.h>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/kpi.hpp"
#include "ticketlens/server/api.hpp"
#include "ticketlens/server/params.hpp"
#include "ticketlens/snapshot/history.hpp"
#include "ticketlens/snapshot/snapshot.hpp"
#include "ticketlens/snapshot/themes.hpp"

namespace ticketlens::server {

nlohmann::json period_json(const analysis::Period& period) {
  return {{"label", period.label()}, {"start", format_timestamp(period.from)}, {"end", format_timestamp(period.to)}};
}

nlohmann::json time_json(Timestamp t) {
  if (t == model::kNoTime) return nullptr;
  return format_timestamp(t);
}

namespace {

nlohmann::json kpi_values_json(const analysis::KpiValues& v) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& m : analysis::kpi_metrics()) j[std::string(m.name)] = m.value(v);
  return j;
}

nlohmann::json cost_totals_json(const analysis::CostTotals& t) {
  return {{"tickets", t.tickets},     {"estimated", t.estimated}, {"handle_hours", t.handle_hours},
          {"handling", t.handling},   {"escalation", t.escalation}, {"rehandle", t.rehandle},
          {"direct", t.direct},       {"allocated", t.allocated}, {"total", t.total},
          {"per_ticket", t.per_ticket}};
}

nlohmann::json dims_json(const std::vector<analysis::Dimension>& by) {
  nlohmann::json j = nlohmann::json::array();
  for (auto d : by) j.push_back(analysis::dimension_name(d));
  return j;
}

nlohmann::json key_json(const std::vector<analysis::Dimension>& by, const std::vector<std::string>& key) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t i = 0; i < by.size(); ++i) j[std::string(analysis::dimension_name(by[i]))] = key[i];
  return j;
}

}  // namespace

Response get_status(Workspace& ws, const Request& request) {
  check_params(request, {});
  return Response::json_text(ws.cached("status", [&](const model::World& world, const model::Config& config,
                                                      store::Store& store) {
    nlohmann::json j;
    j["workspace"] = ws.dir().string();
    j["schema_version"] = store.schema_version();
    j["data_version"] = store.data_version();
    j["rows"] = store.row_counts();
    j["currency"] = config.currency;
    j["data_start"] = time_json(world.data_start);
    j["data_end"] = time_json(world.data_end);
    const auto log = store.ingest_log(1);
    if (log.empty()) {
      j["last_ingest"] = nullptr;
    } else {
      j["last_ingest"] = {{"command_id", log[0].command_id}, {"file", log[0].path}, {"kind", log[0].kind},
                          {"status", log[0].status}, {"ended_at", format_timestamp(log[0].ended_at)}};
    }
    j["weeks"] = nlohmann::json::array();  // the weeks with data, newest first (the week picker)
    j["last_full_week"] = nullptr;
    if (world.data_end != model::kNoTime) {
      const auto last = analysis::last_full_week(world);
      j["last_full_week"] = last.label();
      for (Timestamp w = last.from; w + 7 * kSecondsPerDay > world.data_start && j["weeks"].size() < 520;
           w -= 7 * kSecondsPerDay)
        j["weeks"].push_back(format_iso_week(iso_week_of(w)));
    }
    j["dimensions"] = nlohmann::json::array();
    for (auto d : analysis::dimension_names()) j["dimensions"].push_back(d);
    return j.dump();
  }));
}

Response get_snapshot(Workspace& ws, const Request& request) {
  check_params(request, kPeriodParams);
  return Response::json_text(ws.cached("snapshot?" + period_key(request), [&](const model::World& world,
                                                                              const model::Config& config,
                                                                              store::Store& store) {
    const auto period = period_param(request, world);
    // The stored history gives prev() and follow-ups, as in the CLI; the API never writes it.
    snapshot::SnapshotHistory history(store.db());
    const auto texts = snapshot::themes_ticket_texts(store, world, config, period);
    return snapshot::build_snapshot(world, config, period, &history, texts).document.dump();
  }));
}

Response get_kpi(Workspace& ws, const Request& request) {
  check_params(request, kPeriodParams, {"by"});
  const auto by = dimensions_param(request);
  return Response::json_text(ws.cached("kpi?" + period_key(request) + "by=" + request.param("by").value_or(""),
                                       [&](const model::World& world, const model::Config& config, store::Store&) {
    const auto period = period_param(request, world);
    const auto report = analysis::compute_kpis(world, config, period, by);
    nlohmann::json j;
    j["period"] = period_json(period);
    j["by"] = dims_json(by);
    j["overall"] = kpi_values_json(report.overall);
    j["groups"] = nlohmann::json::array();
    for (const auto& g : report.groups)
      j["groups"].push_back({{"key", key_json(by, g.key)}, {"values", kpi_values_json(g.values)}});
    j["metrics"] = nlohmann::json::array();
    for (const auto& m : analysis::kpi_metrics())
      j["metrics"].push_back({{"name", m.name}, {"description", m.description}});
    return j.dump();
  }));
}

Response get_cost(Workspace& ws, const Request& request) {
  check_params(request, kPeriodParams, {"by"});
  const auto by = dimensions_param(request);
  return Response::json_text(ws.cached("cost?" + period_key(request) + "by=" + request.param("by").value_or(""),
                                       [&](const model::World& world, const model::Config& config, store::Store&) {
    const auto period = period_param(request, world);
    const auto report = analysis::compute_costs(world, config, period, by);
    nlohmann::json j;
    j["period"] = period_json(period);
    j["currency"] = config.currency;
    j["by"] = dims_json(by);
    j["overall"] = cost_totals_json(report.overall);
    j["groups"] = nlohmann::json::array();
    for (const auto& g : report.groups)
      j["groups"].push_back({{"key", key_json(by, g.key)}, {"totals", cost_totals_json(g.totals)}});
    j["pareto_target_pct"] = report.pareto_target_pct;
    j["pareto_cells"] = report.pareto_cells;
    j["pareto"] = nlohmann::json::array();
    for (const auto& c : report.pareto)
      j["pareto"].push_back({{"category", c.category}, {"product_area", c.product_area}, {"tickets", c.tickets},
                             {"total", c.total}, {"share_pct", c.share_pct}, {"cumulative_pct", c.cumulative_pct},
                             {"in_pareto", c.in_pareto}});
    return j.dump();
  }));
}

}  // namespace ticketlens::server
