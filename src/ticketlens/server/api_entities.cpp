// /api/accounts, /api/accounts/{id}, /api/tickets, /api/tickets/{id}: the rows behind the numbers.
// Lists come from the cost analysis (the CLI's `cost --accounts` and `cost --tickets`); the account
// page from analysis::account_timeline.
#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "ticketlens/analysis/account_timeline.hpp"
#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/model/schema.hpp"
#include "ticketlens/server/api.hpp"
#include "ticketlens/server/params.hpp"

namespace ticketlens::server {
namespace {

using analysis::Dimension;

std::string vocab(std::span<const std::string_view> words, std::uint8_t code) {
  return code < words.size() ? std::string(words[code]) : std::string();
}

nlohmann::json optional_int(std::int64_t v) { return v < 0 ? nlohmann::json() : nlohmann::json(v); }

std::uint32_t find_account(const model::World& world, const std::string& id) {
  const auto code = world.accounts.ids.find(id);
  if (!code || *code == model::kNone)
    throw HttpError(404, "not_found", fmt::format("no account with account_id '{}'", id));
  return *code;
}

/// One ticket as a list row: what it is and what it cost.
nlohmann::json ticket_row_json(const model::World& world, const analysis::TicketCost& c) {
  const auto& t = world.tickets;
  const auto r = c.row;
  return {{"ticket_id", t.ids.at(t.id[r])},
          {"account_id", world.accounts.ids.at(t.account[r])},
          {"created_at", format_timestamp(t.created_at[r])},
          {"solved_at", time_json(t.solved_at[r])},
          {"status", t.statuses.at(t.status[r])},
          {"channel", analysis::dimension_value(world, Dimension::kChannel, r)},
          {"priority", analysis::dimension_value(world, Dimension::kPriority, r)},
          {"category", analysis::dimension_value(world, Dimension::kCategory, r)},
          {"product_area", analysis::dimension_value(world, Dimension::kProductArea, r)},
          {"root_cause", analysis::dimension_value(world, Dimension::kRootCause, r)},
          {"handle_minutes", c.handle_minutes},
          {"estimated", c.estimated()},
          {"cost", c.total()}};
}


/// The dimension filters of /api/tickets: `category=billing&priority=high`...
std::vector<std::pair<Dimension, std::string>> dimension_filters(const Request& request) {
  std::vector<std::pair<Dimension, std::string>> out;
  for (const auto name : analysis::dimension_names())
    if (auto v = request.param(std::string(name))) out.emplace_back(analysis::parse_dimension(name), *v);
  return out;
}

void check_list_params(const Request& request, bool with_dimensions) {
  for (const auto& [name, value] : request.query) {
    bool ok = name == "limit" || name == "offset" || name == "account";
    for (auto p : kPeriodParams) ok = ok || name == p;
    if (with_dimensions)
      for (auto d : analysis::dimension_names()) ok = ok || name == d;
    if (!ok)
      throw HttpError(400, "bad_request",
                      fmt::format("unknown parameter '{}'; this route takes week, month, from, to, limit, "
                                  "offset{}", name, with_dimensions ? ", account and any dimension name "
                                                                      "(category=..., channel=..., ...)" : ""));
  }
}

std::string query_key(const Request& request) {
  std::string key;
  for (const auto& [k, v] : request.query) key += fmt::format("{}={}&", k.size(), k + v);  // unambiguous
  return key;
}

}  // namespace

nlohmann::json account_brief_json(const model::World& world, std::uint32_t a) {
  const auto& acc = world.accounts;
  return {{"account_id", acc.ids.at(a)},
          {"name", acc.names[a]},
          {"tier", analysis::account_dimension_value(world, Dimension::kTier, a)},
          {"region", analysis::account_dimension_value(world, Dimension::kRegion, a)},
          {"industry", acc.industries.at(acc.industry[a])},
          {"signup_at", format_timestamp(acc.signup_at[a])}};
}

Response get_accounts(Workspace& ws, const Request& request) {
  check_list_params(request, false);
  if (request.param("account")) throw HttpError(400, "bad_request", "use /api/accounts/{id} for one account");
  const auto limit = int_param(request, "limit", 1, 10000, 100);
  const auto offset = int_param(request, "offset", 0, 100'000'000, 0);
  return Response::json_text(ws.cached("accounts?" + query_key(request), [&](const model::World& world,
                                                                               const model::Config& config,
                                                                               store::Store&) {
    const auto period = period_param(request, world);
    const auto report = analysis::compute_costs(world, config, period);
    nlohmann::json j;
    j["period"] = period_json(period);
    j["currency"] = config.currency;
    j["total"] = report.accounts.size();
    j["accounts"] = nlohmann::json::array();
    for (std::size_t i = static_cast<std::size_t>(offset);
         i < report.accounts.size() && j["accounts"].size() < static_cast<std::size_t>(limit); ++i) {
      const auto& a = report.accounts[i];
      auto row = account_brief_json(world, a.account);
      row["tickets"] = a.totals.tickets;
      row["cost"] = a.totals.total;
      row["arr"] = a.arr;
      row["cost_pct_of_arr"] = a.pct_of_arr;
      j["accounts"].push_back(std::move(row));
    }
    return j.dump();
  }));
}

Response get_tickets(Workspace& ws, const Request& request) {
  check_list_params(request, true);
  const auto limit = int_param(request, "limit", 1, 10000, 200);
  const auto offset = int_param(request, "offset", 0, 100'000'000, 0);
  const auto filters = dimension_filters(request);
  const auto account = request.param("account");
  if (account) id_value(*account, "account");
  return Response::json_text(ws.cached("tickets?" + query_key(request), [&](const model::World& world,
                                                                              const model::Config& config,
                                                                              store::Store&) {
    const auto period = period_param(request, world);
    std::optional<std::uint32_t> account_index;
    if (account) account_index = find_account(world, *account);
    const auto report = analysis::compute_costs(world, config, period);
    nlohmann::json j;
    j["period"] = period_json(period);
    j["currency"] = config.currency;
    j["filters"] = nlohmann::json::object();
    for (const auto& [d, v] : filters) j["filters"][std::string(analysis::dimension_name(d))] = v;
    if (account) j["filters"]["account"] = *account;
    j["tickets"] = nlohmann::json::array();
    std::int64_t matched = 0;
    double cost = 0;
    for (const auto& c : report.tickets) {
      if (account_index && world.tickets.account[c.row] != *account_index) continue;
      bool keep = true;
      for (const auto& [d, v] : filters) keep = keep && analysis::dimension_value(world, d, c.row) == v;
      if (!keep) continue;
      if (matched >= offset && j["tickets"].size() < static_cast<std::size_t>(limit))
        j["tickets"].push_back(ticket_row_json(world, c));
      ++matched;
      cost += c.total();
    }
    j["total"] = matched;
    j["total_cost"] = cost;
    return j.dump();
  }));
}

Response get_account(Workspace& ws, const Request& request) {
  check_params(request, {"from", "to"});
  const auto id = id_value(request.path_params.at("id"), "account id");
  return Response::json_text(ws.cached("account/" + id + "?" + period_key(request), [&](const model::World& world,
                                                                                        const model::Config& config,
                                                                                        store::Store&) {
    const auto a = find_account(world, id);
    const auto period = request.param("from") || request.param("to") ? period_param(request, world)
                                                                      : analysis::account_lifetime(world, a);
    const auto timeline = analysis::account_timeline(world, a, period);
    const auto costs = analysis::ticket_costs(world, config);
    nlohmann::json j;
    j["account"] = account_brief_json(world, a);
    j["period"] = period_json(timeline.period);
    j["currency"] = config.currency;
    j["churned_at"] = time_json(timeline.churned_at);
    nlohmann::json days = {{"day", nlohmann::json::array()},     {"events", nlohmann::json::array()},
                           {"errors", nlohmann::json::array()},  {"sessions", nlohmann::json::array()},
                           {"tickets", nlohmann::json::array()}};
    for (const auto& d : timeline.days) {
      days["day"].push_back(format_date(d.day));
      days["events"].push_back(d.events);
      days["errors"].push_back(d.errors);
      days["sessions"].push_back(d.sessions);
      days["tickets"].push_back(d.tickets);
    }
    j["days"] = std::move(days);
    j["mrr"] = nlohmann::json::array();
    for (const auto& m : timeline.mrr) j["mrr"].push_back({{"at", format_timestamp(m.at)}, {"mrr", m.mrr}});
    double mrr_now = 0;  // in force at the end of the period (later changes are in `mrr` too)
    for (const auto& m : timeline.mrr)
      if (m.at < timeline.period.to) mrr_now = m.mrr;
    j["mrr_now"] = mrr_now;
    const auto& s = world.subscriptions;
    j["subscriptions"] = nlohmann::json::array();
    for (auto r : timeline.subscriptions)
      j["subscriptions"].push_back({{"subscription_id", s.ids.at(s.id[r])}, {"plan", s.plans.at(s.plan[r])},
                                    {"started_at", format_timestamp(s.started_at[r])},
                                    {"ended_at", time_json(s.ended_at[r])}, {"mrr", s.mrr[r]}});
    j["tickets"] = nlohmann::json::array();
    analysis::CostTotals totals;
    for (auto r : timeline.tickets) {
      j["tickets"].push_back(ticket_row_json(world, costs[r]));
      totals.add(costs[r]);
    }
    j["ticket_count"] = totals.tickets;
    j["ticket_cost"] = totals.total;
    return j.dump();
  }));
}

Response get_ticket(Workspace& ws, const Request& request) {
  check_params(request, {});
  const auto id = id_value(request.path_params.at("id"), "ticket id");
  return Response::json_text(ws.cached("ticket/" + id, [&](const model::World& world, const model::Config& config,
                                                           store::Store&) {
    const auto& t = world.tickets;
    const auto code = t.ids.find(id);
    if (!code || *code == model::kNone) throw HttpError(404, "not_found", fmt::format("no ticket with ticket_id '{}'", id));
    const auto it = std::find(t.id.begin(), t.id.end(), *code);
    if (it == t.id.end()) throw HttpError(404, "not_found", fmt::format("no ticket with ticket_id '{}'", id));
    const auto r = static_cast<std::uint32_t>(it - t.id.begin());
    const auto costs = analysis::ticket_costs(world, config);
    const auto& c = costs[r];
    auto j = ticket_row_json(world, c);
    j["account"] = account_brief_json(world, t.account[r]);
    j["requester_id"] = world.user_ids.at(t.requester[r]);
    j["first_response_at"] = time_json(t.first_response_at[r]);
    j["escalated_to"] = vocab(model::kEscalations, t.escalated_to[r]);
    j["issue_id"] = t.issue[r] == model::kNone ? nlohmann::json() : nlohmann::json(world.issues.ids.at(t.issue[r]));
    j["assignee"] = t.assignees.at(t.assignee[r]);
    j["team"] = t.teams.at(t.team[r]);
    j["tags"] = t.tag_sets.at(t.tags[r]);
    j["reopens"] = optional_int(t.reopens[r]);
    j["replies"] = optional_int(t.replies[r]);
    j["csat"] = optional_int(t.csat[r]);
    j["currency"] = config.currency;
    j["cost_breakdown"] = {{"handle_minutes", c.handle_minutes},
                           {"handle_source", analysis::handle_source_name(c.handle_source)},
                           {"handling", c.handling}, {"escalation", c.escalation}, {"rehandle", c.rehandle},
                           {"direct", c.direct()}, {"allocated", c.allocated}, {"total", c.total()}};
    // The events before the ticket (the precursor window of the configuration).
    const Timestamp from = t.created_at[r] - config.precursor_window_hours * kSecondsPerHour;
    const auto& e = world.events;
    const auto a = t.account[r];
    j["precursor_window_hours"] = config.precursor_window_hours;
    j["events_before"] = nlohmann::json::array();
    j["events_scope"] = "account";
    if (e.account_offsets.size() > a + 1) {
      // The requester's events when it has any in the window, else the whole account's.
      auto in_window = [&](std::uint64_t i, bool requester_only) {
        return e.ts[i] >= from && e.ts[i] < t.created_at[r] && (!requester_only || e.user[i] == t.requester[r]);
      };
      bool requester_only = false;
      if (t.requester[r] != model::kNone)
        for (auto i = e.account_offsets[a]; i < e.account_offsets[a + 1] && !requester_only; ++i)
          requester_only = in_window(i, true);
      if (requester_only) j["events_scope"] = "requester";
      for (auto i = e.account_offsets[a]; i < e.account_offsets[a + 1]; ++i) {
        if (!in_window(i, requester_only)) continue;
        if (j["events_before"].size() >= 500) break;
        j["events_before"].push_back({{"ts", format_timestamp(e.ts[i])}, {"name", e.names.at(e.name[i])},
                                      {"user_id", world.user_ids.at(e.user[i])},
                                      {"product_area", e.product_area[i] == model::kNoArea
                                                           ? nlohmann::json()
                                                           : nlohmann::json(world.product_areas.at(e.product_area[i]))},
                                      {"is_error", e.is_error[i] == 1}});
      }
    }
    return j.dump();
  }));
}

}  // namespace ticketlens::server
