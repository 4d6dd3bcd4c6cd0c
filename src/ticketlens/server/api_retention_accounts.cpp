// /api/retention/accounts: the accounts behind a number of /api/retention — a Kaplan–Meier group,
// a cohort cell or a ticket category's hazard ratio — selected by the same definitions as the
// figure (analysis/retention/members.hpp, cohort_members), under the analysis time cap.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <string>

#include "ticketlens/analysis/retention/account_survival.hpp"
#include "ticketlens/analysis/retention/cohorts.hpp"
#include "ticketlens/analysis/retention/members.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/server/api.hpp"
#include "ticketlens/server/params.hpp"

namespace ticketlens::server {
namespace {

namespace rt = analysis::retention;
using nlohmann::json;

[[noreturn]] void bad(const std::string& detail) { throw HttpError(400, "bad_request", detail); }

struct Selection {
  std::string kind;  ///< group, cohort, segment or category
  rt::AccountGrouping by = rt::AccountGrouping::kAll;
  std::string by_name, value, segment;
  int horizon = 0;  ///< months; 0: every member of the row
};

Selection selection_param(const Request& request) {
  const auto by = request.param("by"), group = request.param("group"), cohort = request.param("cohort");
  const auto segment = request.param("segment"), key = request.param("key"), category = request.param("category");
  const int kinds = (by || group) + cohort.has_value() + (segment || key) + category.has_value();
  if (kinds != 1)
    bad("give one selection: by=&group= (a survival group), cohort=YYYY-MM (a signup month), segment=&key= (a "
        "cohort segment) or category= (a ticket category's hazard ratio)");
  Selection s;
  if (by || group) {
    if (!by || !group) bad("give both by= (tier, region, industry, cohort or all) and group=");
    try {
      s.by = rt::parse_account_grouping(*by);
    } catch (const Error& e) {
      bad(fmt::format("by: {}", e.what()));
    }
    s.kind = "group";
    s.by_name = *by;
    s.value = id_value(*group, "group");
  } else if (cohort) {
    s.kind = "cohort";
    s.value = id_value(*cohort, "cohort");
  } else if (segment || key) {
    if (!segment || !key) bad("give both segment= (tier, region, industry or support) and key=");
    if (*segment != "tier" && *segment != "region" && *segment != "industry" && *segment != "support")
      bad(fmt::format("segment '{}': use tier, region, industry or support (first ticket category)", *segment));
    s.kind = "segment";
    s.segment = *segment;
    s.value = id_value(*key, "key");
  } else {
    s.kind = "category";
    s.value = id_value(*category, "category");
  }
  if (request.param("horizon")) {
    if (s.kind != "cohort" && s.kind != "segment") bad("horizon= applies to cohort= or segment=&key= only");
    s.horizon = static_cast<int>(int_param(request, "horizon", 0, 1000, 0));
    if (std::find(std::begin(rt::kCohortHorizons), std::end(rt::kCohortHorizons), s.horizon) ==
        std::end(rt::kCohortHorizons))
      bad(fmt::format("horizon '{}': use 6, 12 or 24 (months)", s.horizon));
  }
  return s;
}

json churn_json(const model::World& world, std::uint32_t account, Timestamp as_of) {
  const auto churn = rt::first_churn(world, account, as_of);
  return churn ? json(format_timestamp(*churn)) : json(nullptr);
}

[[noreturn]] void no_such(const std::string& what, const std::string& value, const std::set<std::string>& known) {
  throw HttpError(404, "not_found",
                  fmt::format("no {} '{}'; there are: {}", what, value, known.empty() ? "none" : fmt::format("{}", fmt::join(known, ", "))));
}

json compute(const model::World& world, const model::Config& config, const Selection& s, Timestamp as_of) {
  json j;
  j["as_of"] = format_timestamp(as_of);
  json accounts = json::array();
  std::int64_t churned = 0;
  if (s.kind == "group" || s.kind == "category") {
    const auto data = rt::account_survival(world, as_of);
    auto spell_json = [&](const rt::AccountSpell& sp) {
      auto a = account_brief_json(world, sp.account);
      a["entry"] = format_timestamp(sp.entry);
      a["churned"] = sp.churned;
      a["churned_at"] = sp.churned ? json(format_timestamp(sp.exit)) : json(nullptr);
      a["days"] = sp.days;
      churned += sp.churned;
      return a;
    };
    if (s.kind == "group") {
      j["selection"] = {{"by", s.by_name}, {"group", s.value}};
      const auto members = rt::survival_group_members(world, data, s.by, s.value);
      if (members.empty()) {
        std::set<std::string> known;
        for (const auto& sp : data.spells) known.insert(rt::account_group(world, s.by, sp.account, sp.entry));
        no_such(fmt::format("group of {}", s.by_name), s.value, known);
      }
      for (auto i : members) accounts.push_back(spell_json(data.spells[i]));
    } else {
      j["selection"] = {{"category", s.value}};
      const auto intervals = rt::churn_intervals(world, config, data);
      std::int64_t while_exposed = 0;
      for (const auto& e : rt::category_exposure(intervals, s.value)) {
        auto a = spell_json(data.spells[e.spell]);
        a["first_exposed_days"] = e.first_exposed_days;
        a["exposed_days"] = e.exposed_days;
        a["churned_while_exposed"] = e.churned_while_exposed;
        while_exposed += e.churned_while_exposed;
        accounts.push_back(std::move(a));
      }
      j["churned_while_exposed"] = while_exposed;
    }
  } else {
    const auto members = rt::cohort_members(world, as_of, s.kind == "segment" ? s.segment : "tier");
    if (s.kind == "cohort")
      j["selection"] = {{"cohort", s.value}};
    else
      j["selection"] = {{"segment", s.segment}, {"key", s.value}};
    if (s.horizon) j["selection"]["horizon"] = s.horizon;
    std::set<std::string> known;
    std::int64_t retained = 0;
    const std::size_t h = s.horizon == 0 ? 0
                                         : static_cast<std::size_t>(std::find(std::begin(rt::kCohortHorizons),
                                                                              std::end(rt::kCohortHorizons), s.horizon) -
                                                                    std::begin(rt::kCohortHorizons));
    for (const auto& m : members) {
      const bool in_row = s.kind == "cohort" ? m.month == s.value : (m.in_segment && m.segment == s.value);
      if (s.kind == "cohort") known.insert(m.month);
      else if (m.in_segment) known.insert(m.segment);
      if (!in_row || (s.horizon && !m.at[h].eligible)) continue;
      auto a = account_brief_json(world, m.account);
      a["entry"] = format_timestamp(m.entry);
      a["churned_at"] = churn_json(world, m.account, as_of);
      a["churned"] = !a["churned_at"].is_null();
      churned += a["churned"].get<bool>();
      a["mrr_start"] = m.mrr_start;
      json by_horizon = json::object();
      for (std::size_t k = 0; k < m.at.size(); ++k)
        by_horizon[std::to_string(rt::kCohortHorizons[k])] = m.at[k].eligible ? json(m.at[k].retained) : json(nullptr);
      a["retained"] = by_horizon;
      if (s.horizon) {
        a["mrr_then"] = m.at[h].mrr;
        retained += m.at[h].retained;
      }
      accounts.push_back(std::move(a));
    }
    if (!known.contains(s.value)) no_such(s.kind == "cohort" ? "signup month" : fmt::format("{} segment", s.segment), s.value, known);
    if (s.horizon) {
      j["eligible"] = accounts.size();
      j["retained"] = retained;
    }
  }
  j["total"] = accounts.size();
  j["churned"] = churned;
  // Churned accounts first (the ones to look at), each group in account order.
  std::stable_sort(accounts.begin(), accounts.end(),
                   [](const json& a, const json& b) { return a["churned"].get<bool>() > b["churned"].get<bool>(); });
  j["accounts"] = std::move(accounts);
  return j;
}

}  // namespace

Response get_retention_accounts(Workspace& ws, const Request& request) {
  check_params(request, {"as_of", "by", "group", "cohort", "segment", "key", "category", "horizon", "limit", "offset"});
  const auto as_of = request.param("as_of");
  if (as_of && !parse_timestamp(*as_of)) bad(fmt::format("as_of '{}' is not a date like 2026-11-02", *as_of));
  const auto s = selection_param(request);
  const auto limit = static_cast<std::size_t>(int_param(request, "limit", 1, 100000, 1000));
  const auto offset = static_cast<std::size_t>(int_param(request, "offset", 0, INT64_MAX, 0));
  const auto key = fmt::format("retention/accounts?as_of={};kind={};by={};segment={};value={};horizon={};limit={};offset={}",
                               as_of.value_or(""), s.kind, s.by_name, s.segment, s.value, s.horizon, limit, offset);
  // Each page is cached as served, so a repeated view is a lookup (no JSON parsing per request).
  return Response::json_text(ws.cached_analysis(key, [=](const model::World& world, const model::Config& config) {
    auto j = compute(world, config, s, rt::resolve_as_of(world, as_of));
    auto& all = j["accounts"];
    json page = json::array();
    for (std::size_t i = offset; i < all.size() && i < offset + limit; ++i) page.push_back(std::move(all[i]));
    j["accounts"] = std::move(page);
    j["limit"] = limit;
    j["offset"] = offset;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
  }));
}

}  // namespace ticketlens::server
