// /api/precursors and /api/alerts: the CLI's precursors and alerts, the same JSON as their
// `--format json` (report/analysis_json.hpp). Each runs under the server's analysis time cap.
#include <fmt/format.h>

#include "ticketlens/analysis/alerts.hpp"
#include "ticketlens/analysis/precursors.hpp"
#include "ticketlens/report/analysis_json.hpp"
#include "ticketlens/server/api.hpp"
#include "ticketlens/server/params.hpp"

namespace ticketlens::server {

Response get_precursors(Workspace& ws, const Request& request) {
  check_params(request, {"from", "to", "window", "category", "controls", "seed", "all"});
  const auto from = request.param("from"), to = request.param("to");
  std::optional<Timestamp> window;
  if (auto w = request.param("window")) {
    window = parse_duration(*w);
    if (!window || *window <= 0)
      throw HttpError(400, "bad_request", fmt::format("window '{}' is not a duration; write e.g. 24h, 90m or 2d", *w));
  }
  std::optional<std::string> category;
  if (auto c = request.param("category")) category = id_value(*c, "category");
  const auto controls = request.param("controls") ? std::optional(int_param(request, "controls", 0, 100, 0)) : std::nullopt;
  const auto seed = request.param("seed") ? std::optional(int_param(request, "seed", 0, INT64_MAX, 0)) : std::nullopt;
  const bool all = int_param(request, "all", 0, 1, 0) == 1;
  const auto key = fmt::format("precursors?from={};to={};window={};category={};controls={};seed={};all={}",
                               from.value_or(""), to.value_or(""), window.value_or(0), category.value_or(""),
                               controls.value_or(-1), seed.value_or(-1), all);
  return Response::json_text(ws.cached_analysis(key, [=](const model::World& world, const model::Config& config) {
    const auto period = analysis::resolve_open_period(world, from, to);
    auto options = analysis::PrecursorOptions::from_config(config);
    if (window) options.window_seconds = *window;
    if (controls) options.controls = static_cast<int>(*controls);
    if (seed) options.seed = static_cast<std::uint64_t>(*seed);
    options.category = category;
    const auto r = analysis::analyze_precursors(world, period, options);
    return report::precursors_json(r, period, options, all).dump();
  }));
}

Response get_alerts(Workspace& ws, const Request& request) {
  check_params(request, kPeriodParams);
  const Request params = request;  // the analysis may outlive this request (time cap)
  return Response::json_text(ws.cached_analysis("alerts?" + period_key(request),
                                                [params](const model::World& world, const model::Config& config) {
    const auto period = period_param(params, world);
    auto j = report::alerts_json(analysis::compute_alerts(world, config, period));
    j["period"] = period_json(period);
    return j.dump();
  }));
}

}  // namespace ticketlens::server
