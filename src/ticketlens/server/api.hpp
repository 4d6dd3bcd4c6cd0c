#pragma once
// The handlers of the JSON API (docs/http-api.md). Each calls the same analysis functions as the
// CLI command of the same name and renders their result as JSON; none holds analysis logic.
// The route table that maps methods and paths to them is in dashboard.cpp.
#include <string>

#include <nlohmann/json.hpp>

#include "ticketlens/analysis/period.hpp"
#include "ticketlens/server/http.hpp"
#include "ticketlens/server/workspace.hpp"

namespace ticketlens::server {

// api_analysis.cpp
Response get_status(Workspace& ws, const Request& request);
Response get_snapshot(Workspace& ws, const Request& request);
Response get_kpi(Workspace& ws, const Request& request);
Response get_cost(Workspace& ws, const Request& request);
// api_link.cpp
Response get_precursors(Workspace& ws, const Request& request);
Response get_alerts(Workspace& ws, const Request& request);
// api_retention.cpp
Response get_retention(Workspace& ws, const Request& request);
// api_risk.cpp
Response get_risk(Workspace& ws, const Request& request);
// api_retention_accounts.cpp
Response get_retention_accounts(Workspace& ws, const Request& request);
// api_entities.cpp
Response get_accounts(Workspace& ws, const Request& request);
Response get_account(Workspace& ws, const Request& request);
Response get_tickets(Workspace& ws, const Request& request);
Response get_ticket(Workspace& ws, const Request& request);
// api_ingest.cpp
Response post_ingest(Workspace& ws, const Request& request);

/// `{"label", "start", "end"}` of a period (end exclusive).
nlohmann::json period_json(const analysis::Period& period);
/// ISO-8601 UTC, or null for model::kNoTime.
nlohmann::json time_json(Timestamp t);
/// An account's id, name, tier, region, industry and signup_at (api_entities.cpp).
nlohmann::json account_brief_json(const model::World& world, std::uint32_t account);

}  // namespace ticketlens::server
