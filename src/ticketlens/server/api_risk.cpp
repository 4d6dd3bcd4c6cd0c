// /api/risk: the CLI's `ticketlens risk` (the same JSON as its `--format json`,
// report/risk_json.hpp), under the analysis time cap. The API never saves the models.
#include <fmt/format.h>

#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/analysis/risk/risk_report.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/report/risk_json.hpp"
#include "ticketlens/server/api.hpp"
#include "ticketlens/server/params.hpp"

namespace ticketlens::server {

Response get_risk(Workspace& ws, const Request& request) {
  namespace rk = analysis::risk;
  check_params(request, {"as_of", "target", "top"});
  const auto as_of = request.param("as_of");
  if (as_of && !parse_timestamp(*as_of))
    throw HttpError(400, "bad_request", fmt::format("as_of '{}' is not a date like 2026-11-02", *as_of));
  const std::string target_name = request.param("target").value_or("churn");
  rk::Target target{};
  try {
    target = rk::parse_target(target_name);
  } catch (const Error& e) {
    throw HttpError(400, "bad_request", fmt::format("target: {}", e.what()));
  }
  const auto top = static_cast<std::size_t>(int_param(request, "top", 1, 10000, 20));
  const auto key = fmt::format("risk?as_of={};target={};top={}", as_of.value_or(""), target_name, top);
  return Response::json_text(ws.cached_analysis(key, [=](const model::World& world, const model::Config& config) {
    rk::RiskOptions options;
    options.target = target;
    options.as_of = analysis::retention::resolve_as_of(world, as_of);
    const auto r = rk::risk_report(world, config, options);
    return report::risk_json(r, world, top, "").dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }));
}

}  // namespace ticketlens::server
