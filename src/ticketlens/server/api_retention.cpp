// /api/retention: the CLI's `retention survival`, `support`, `cox` and `cohorts` in one document
// (the same JSON as their `--format json`, report/analysis_json.hpp), under the analysis time cap.
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/report/analysis_json.hpp"
#include "ticketlens/server/api.hpp"
#include "ticketlens/server/params.hpp"

namespace ticketlens::server {

Response get_retention(Workspace& ws, const Request& request) {
  namespace rt = analysis::retention;
  check_params(request, {"as_of", "by", "segment", "landmark"});
  const auto as_of = request.param("as_of");
  if (as_of && !parse_timestamp(*as_of))
    throw HttpError(400, "bad_request", fmt::format("as_of '{}' is not a date like 2026-11-02", *as_of));
  const std::string by_name = request.param("by").value_or("tier");
  rt::AccountGrouping by{};
  try {
    by = rt::parse_account_grouping(by_name);
  } catch (const Error& e) {
    throw HttpError(400, "bad_request", fmt::format("by: {}", e.what()));
  }
  const std::string segment = request.param("segment").value_or("support");
  if (segment != "tier" && segment != "region" && segment != "industry" && segment != "support")
    throw HttpError(400, "bad_request",
                    fmt::format("segment '{}': use tier, region, industry or support (first ticket category)", segment));
  const auto landmark = int_param(request, "landmark", 1, 3650, 90);
  const auto key = fmt::format("retention?as_of={};by={};segment={};landmark={}", as_of.value_or(""), by_name,
                               segment, landmark);
  return Response::json_text(ws.cached_analysis(key, [=](const model::World& world, const model::Config& config) {
    const auto data = rt::account_survival(world, rt::resolve_as_of(world, as_of));
    nlohmann::json j;
    j["as_of"] = format_timestamp(data.as_of);
    j["survival"] = report::survival_json(rt::survival_by_group(world, data, by));
    j["support"] = report::support_json(rt::support_comparison(world, data, static_cast<double>(landmark)));
    j["cox"] = report::churn_cox_json(rt::churn_cox(world, config, data));
    j["cohorts"] = report::cohorts_json(rt::cohort_retention(world, data.as_of, segment));
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }));
}

}  // namespace ticketlens::server
