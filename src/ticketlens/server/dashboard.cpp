#include "ticketlens/server/dashboard.hpp"

#include <fmt/format.h>

#include "ticketlens/server/api.hpp"

namespace ticketlens::server {
namespace {

void require_token(Workspace& ws, const Request& request) {
  const auto auth = request.header("authorization");
  if (!auth)
    throw HttpError(401, "unauthorized",
                    "this route needs a token: send 'Authorization: Bearer <token>' (create one with "
                    "`ticketlens token create NAME`)");
  constexpr std::string_view kBearer = "Bearer ";
  if (!auth->starts_with(kBearer))
    throw HttpError(401, "unauthorized", "the Authorization header must be 'Bearer <token>'");
  if (!ws.verify_token(std::string_view(*auth).substr(kBearer.size())))
    throw HttpError(401, "unauthorized", "the token is unknown or revoked");
}

}  // namespace

Dashboard::Dashboard(DashboardOptions options)
    : workspace_(options.workspace),
      assets_(options.assets.empty() ? default_assets_dir() : options.assets),
      http_(options.limits) {
  auto& ws = workspace_;
  ws.set_analysis_time_cap(options.limits.analysis_time_cap);
  auto api = [&ws](Response (*handler)(Workspace&, const Request&)) {
    return [&ws, handler](const Request& r) { return handler(ws, r); };
  };
  auto index_page = [this](const Request&) { return assets_.serve("index.html"); };
  auto asset_file = [this](const Request& r) { return assets_.serve("assets/" + r.path_params.at("*")); };
  // The route table: method, pattern, handler, description (docs/http-api.md has each in full).
  const std::vector<Route> table = {
      {"GET", "/api/status", api(get_status), "rows per entity, data range, the weeks with data, data version"},
      {"GET", "/api/snapshot", api(get_snapshot), "the four-layer snapshot of a week (or month, from/to)"},
      {"GET", "/api/kpi", api(get_kpi), "support KPIs of a period, overall and by dimensions"},
      {"GET", "/api/cost", api(get_cost), "cost of a period: direct and allocated, by dimension, Pareto"},
      {"GET", "/api/precursors", api(get_precursors), "events that precede tickets of each category: lift, paths, errors"},
      {"GET", "/api/alerts", api(get_alerts), "alerts of a week: cost spikes, ticket rates and retention after releases"},
      {"GET", "/api/retention", api(get_retention), "survival curves, support contact, Cox hazard ratios, cohorts"},
      {"GET", "/api/retention/accounts", api(get_retention_accounts), "the accounts behind a retention figure: a survival group, a cohort cell, a category HR"},
      {"GET", "/api/risk", api(get_risk), "accounts ranked by churn or costly-support risk x ARR, with reasons and plays"},
      {"GET", "/api/accounts", api(get_accounts), "accounts with tickets in a period, costliest first"},
      {"GET", "/api/accounts/{id}", api(get_account), "one account: events per day, tickets, MRR"},
      {"GET", "/api/tickets", api(get_tickets), "tickets of a period, filtered by dimension values or account"},
      {"GET", "/api/tickets/{id}", api(get_ticket), "one ticket: fields, cost breakdown, events before it"},
      {"POST", "/api/ingest/{kind}", api(post_ingest), "rows as JSON lines, as `ticketlens ingest` (atomic)"},
      {"GET", "/", index_page, "the dashboard (asks for a token, then calls the API)"},
      {"GET", "/assets/*", asset_file, "the dashboard's scripts and styles (built from web/)"},
  };
  for (auto route : table) http_.add(std::move(route));
  http_.set_guard([&ws](const Request& request, const Route& route) {
    if (route.pattern.starts_with("/api/")) require_token(ws, request);
  });
}

Dashboard::~Dashboard() = default;

int Dashboard::bind(const std::string& host, int port) { return http_.bind(host, port); }
void Dashboard::listen() { http_.listen(); }
void Dashboard::stop() { http_.stop(); }

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

}  // namespace ticketlens::server
