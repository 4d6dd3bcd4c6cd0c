#include "ticketlens/snapshot/snapshot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/indicators.hpp"
#include "ticketlens/analysis/kpi.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/common/redact.hpp"
#include "ticketlens/snapshot/coverage.hpp"
#include "ticketlens/snapshot/impact.hpp"
#include "ticketlens/snapshot/linkage.hpp"
#include "ticketlens/snapshot/retention.hpp"
#include "ticketlens/snapshot/proactive.hpp"
#include "ticketlens/snapshot/rule.hpp"
#include "ticketlens/snapshot/themes.hpp"

namespace ticketlens::snapshot {
namespace {

using nlohmann::json;
using analysis::Dimension;
using analysis::Period;

json num(double v) { return std::isfinite(v) ? json(v) : json(); }

double change_pct(double now, double before) {
  return before > 0 ? 100 * (now - before) / before : analysis::kNaN;
}

// Tickets created in the period per value of a dimension.
std::map<std::string, std::int64_t> counts_by(const model::World& world, Period period, Dimension d) {
  std::map<std::string, std::int64_t> out;
  const auto& t = world.tickets;
  for (std::size_t r = 0; r < t.size(); ++r)
    if (period.contains(t.created_at[r])) ++out[analysis::dimension_value(world, d, r)];
  return out;
}

json volume_by(const model::World& world, Period now, Period before, Dimension d) {
  const auto a = counts_by(world, now, d), b = counts_by(world, before, d);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> merged;
  for (const auto& [k, v] : a) merged[k].first = v;
  for (const auto& [k, v] : b) merged[k].second = v;
  std::vector<std::pair<std::string, std::pair<std::int64_t, std::int64_t>>> rows(merged.begin(), merged.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x.second.first > y.second.first; });
  json out = json::array();
  for (const auto& [name, c] : rows)
    out.push_back({{"name", name}, {"count", c.first}, {"prev_count", c.second},
                   {"change_pct", num(change_pct(static_cast<double>(c.first), static_cast<double>(c.second)))}});
  return out;
}

std::int64_t count_in(const model::World& world, Period p) {
  std::int64_t n = 0;
  for (Timestamp t : world.tickets.created_at) n += p.contains(t);
  return n;
}

std::string fmt_value(double v) { return std::isfinite(v) ? fmt::format("{:.4g}", v) : "n/a"; }

bool higher_is_better(const std::string& metric) {
  return metric == "csat_mean" || metric == "csat_satisfied_pct" || metric == "nps" || metric == "one_touch_pct" ||
         metric == "solved";
}

}  // namespace

void redact_strings(nlohmann::json& j) {
  if (j.is_string()) {
    j = redact_pii(j.get_ref<const std::string&>());
  } else if (j.is_structured()) {
    for (auto& item : j) redact_strings(item);
  }
}

Snapshot build_snapshot(const model::World& world, const model::Config& config, Period period,
                        SnapshotHistory* history, std::span<const std::string> ticket_texts) {
  Snapshot snap;
  snap.period = period;
  snap.kind = period.is_iso_week() ? "week" : period.is_calendar_month() ? "month" : "period";
  const Period prev = analysis::previous_period(period);

  // Every playbook rule parses before any work, so a typo fails fast and names its playbook.
  std::vector<Rule> rules;
  for (const auto& pb : config.playbooks) {
    try {
      rules.push_back(Rule::parse(pb.when, metric_names()));
    } catch (const Error& e) {
      throw Error(ErrorCode::kConfig, fmt::format("playbook '{}': when: {}", pb.name, e.what()));
    }
  }

  snap.metrics = compute_metrics(world, config, period);
  std::map<std::string, double> prev_metrics;
  std::string prev_source = "none";
  if (history) {
    if (auto stored = history->find(snap.kind, prev.from)) {
      prev_metrics = stored->metrics;
      prev_source = "stored";
    }
  }
  if (prev_source == "none" && world.data_start != model::kNoTime && prev.to > world.data_start) {
    prev_metrics = compute_metrics(world, config, prev);
    prev_source = "computed";
  }
  auto prev_of = [&](const std::string& name) {
    auto it = prev_metrics.find(name);
    return it == prev_metrics.end() ? analysis::kNaN : it->second;
  };
  const auto& m = snap.metrics;

  json doc;
  doc["schema_version"] = kSchemaVersion;
  doc["kind"] = snap.kind;
  doc["period"] = {{"label", period.label()}, {"start", format_timestamp(period.from)},
                   {"end", format_timestamp(period.to)}};
  doc["currency"] = config.currency;
  doc["history"] = {{"prev_period", prev.label()}, {"prev_source", prev_source}};

  // 1. Signals.
  const auto kpis = analysis::compute_kpis(world, config, period);
  json trend = json::array();
  Period p = period;
  for (int i = 0; i < 8; ++i, p = analysis::previous_period(p))
    trend.insert(trend.begin(), json{{"period", p.label()}, {"count", count_in(world, p)}});
  const double prev_count = prev_of("tickets");
  doc["signals"] = {
      {"tickets",
       {{"count", kpis.overall.tickets},
        {"prev_count", num(prev_count)},
        {"change_pct", num(change_pct(static_cast<double>(kpis.overall.tickets), prev_count))},
        {"trend", trend},
        {"by_product_area", volume_by(world, period, prev, Dimension::kProductArea)},
        {"by_category", volume_by(world, period, prev, Dimension::kCategory)}}},
      {"first_response_hours",
       {{"median", num(kpis.overall.first_response_hours.median)},
        {"p90", num(kpis.overall.first_response_hours.p90)},
        {"prev_median", num(prev_of("first_response_hours_median"))},
        {"missing", kpis.overall.first_response_missing}}},
      {"resolution_hours",
       {{"median", num(kpis.overall.resolution_hours.median)},
        {"p90", num(kpis.overall.resolution_hours.p90)},
        {"prev_median", num(prev_of("resolution_hours_median"))}}},
      {"recurrent_pct", num(kpis.overall.recurrent_pct)},
      {"prev_recurrent_pct", num(prev_of("recurrent_pct"))},
      {"csat_mean", num(kpis.overall.csat_mean)},
      {"backlog", kpis.overall.backlog},
      {"cost",
       {{"total", num(m.at("cost_total"))},
        {"direct", num(m.at("cost_direct"))},
        {"allocated", num(m.at("cost_allocated"))},
        {"per_ticket", num(m.at("cost_per_ticket"))}}}};
  // Leading indicators move before revenue does; lagging ones are the outcomes.
  const auto errors = analysis::error_rates(world, period);
  json error_areas = json::array();
  for (const auto& a : errors.by_area)
    error_areas.push_back({{"name", a.product_area}, {"events", a.events}, {"errors", a.errors},
                           {"error_rate_pct", num(a.error_rate_pct)}});
  doc["signals"]["indicators"] = {
      {"leading",
       {{"error_rate_pct", num(errors.error_rate_pct)},
        {"prev_error_rate_pct", num(prev_of("error_rate_pct"))},
        {"events", errors.events},
        {"error_events", errors.error_events},
        {"error_rate_by_product_area", error_areas},
        {"escalated_pct", num(kpis.overall.escalated_pct)},
        {"csat_mean", num(kpis.overall.csat_mean)},
        {"csat_satisfied_pct", num(kpis.overall.csat_satisfied_pct)}}},
      {"lagging",
       {{"resolution_hours_median", num(kpis.overall.resolution_hours.median)},
        {"cost_per_ticket", num(m.at("cost_per_ticket"))},
        {"nrr_pct", num(m.at("nrr_pct"))},
        {"prev_nrr_pct", num(prev_of("nrr_pct"))}}}};

  // 2. Impact.
  const auto exposed = exposed_arr(world, config, period.to);
  json exposed_accounts = json::array();
  for (const auto& a : exposed.accounts)
    exposed_accounts.push_back({{"account_id", a.account_id}, {"name", a.name}, {"tickets_30d", a.tickets},
                                {"arr", a.arr}});
  const auto churn = churn_90d(world, period.to);
  auto churn_json = [](const ChurnGroup& g) {
    return json{{"accounts", g.accounts}, {"churned", g.churned}, {"pct", num(g.pct)},
                {"lower", num(g.lower)}, {"upper", num(g.upper)}};
  };
  const auto ttv = time_to_value(world, config, period.to);
  json cohorts = json::array();
  for (const auto& c : ttv.cohorts)
    cohorts.push_back({{"cohort", c.cohort}, {"accounts", c.accounts}, {"activated", c.activated},
                       {"median_days", num(c.median_days)}});
  doc["impact"] = {
      {"total_arr", exposed.total_arr},
      {"exposed_arr",
       {{"amount", exposed.amount},
        {"pct", num(exposed.pct)},
        {"threshold_tickets", exposed.threshold_tickets},
        {"window_days", 30},
        {"accounts", exposed_accounts}}},
      {"churn_90d",
       {{"supported", num(churn.supported.pct)},
        {"unsupported", num(churn.unsupported.pct)},
        {"supported_detail", churn_json(churn.supported)},
        {"unsupported_detail", churn_json(churn.unsupported)},
        {"difference_pp",
         {{"estimate", num(churn.difference)}, {"lower", num(churn.difference_lower)},
          {"upper", num(churn.difference_upper)}}}}},
      {"activation_event", ttv.activation_event},
      {"ttv_days_median", num(ttv.recent_median_days)},
      {"ttv_days_by_cohort", cohorts}};

  const auto cox = add_retention(doc, world, config, period.to);  // impact.top_hazard_ratios and retention

  // 3. Cause.
  json root_causes = json::array();
  for (const auto& [name, count] : counts_by(world, period, Dimension::kRootCause))
    root_causes.push_back({{"name", name}, {"count", count},
                           {"pct", num(analysis::percent(static_cast<double>(count),
                                                         static_cast<double>(kpis.overall.tickets)))}});
  const auto issues = issue_resolution(world, period.to);
  const auto costs = analysis::compute_costs(world, config, period);
  json pareto = json::array();
  for (const auto& c : costs.pareto)
    if (c.in_pareto)
      pareto.push_back({{"category", c.category}, {"product_area", c.product_area}, {"tickets", c.tickets},
                        {"total", c.total}, {"share_pct", num(c.share_pct)}, {"cumulative_pct", num(c.cumulative_pct)}});
  doc["cause"] = {{"root_causes", root_causes},
                  {"escalated_to_product_pct", num(kpis.overall.escalated_to_product_pct)},
                  {"issue_resolution_days",
                   {{"median", num(issues.median_days)}, {"resolved_90d", issues.resolved}, {"open", issues.open}}},
                  {"cost_pareto", pareto}};
  add_linkage(doc, world, config, period);  // signals.alerts and cause.precursors
  doc["data_coverage"] = data_coverage(world, period, costs, ticket_texts);
  doc["signals"]["themes"] = themes_json(
      analysis::text::emerging_themes(world, config.themes, period, ticket_texts), !ticket_texts.empty());
  doc["cause"]["fixes"] = backlog_json(world, config, period, cox ? &*cox : nullptr);  // reuses the fit

  // Targets.
  json targets = json::array();
  for (const auto& [name, target] : config.targets) {
    auto it = m.find(name);
    const double v = it == m.end() ? analysis::kNaN : it->second;
    json met;
    if (std::isfinite(v)) met = higher_is_better(name) ? v >= target : v <= target;
    targets.push_back({{"metric", name}, {"target", target}, {"value", num(v)}, {"prev", num(prev_of(name))},
                       {"direction", higher_is_better(name) ? "at_least" : "at_most"}, {"met", met},
                       {"known_metric", it != m.end()}});
  }
  doc["targets"] = targets;

  // 4. Decision.
  std::vector<StoredSnapshot> earlier;
  if (history) earlier = history->before(snap.kind, period.from);
  json playbooks = json::array();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& pb = config.playbooks[i];
    const auto outcome = rules[i].evaluate(m, prev_metrics);
    json values = json::object();
    std::vector<std::string> shown;
    for (const auto& [k, v] : outcome.values) {
      values[k] = num(v);
      shown.push_back(fmt::format("{} = {}", k, fmt_value(v)));
    }
    std::string reason;
    if (outcome.fired.has_value())
      reason = fmt::format("{} {} ({})", pb.when, *outcome.fired ? "holds" : "does not hold", fmt::join(shown, ", "));
    else
      reason = fmt::format("{} cannot be decided: {}", pb.when, fmt::join(outcome.notes, "; "));
    const bool fired = outcome.fired.value_or(false);
    if (fired) snap.fired.insert(pb.name);
    json entry = {{"name", pb.name}, {"owner", pb.owner}, {"action", pb.action}, {"notify", pb.notify},
                  {"when", pb.when}, {"fired", fired}, {"decided", outcome.fired.has_value()},
                  {"reason", reason}, {"metrics", values}};
    for (const auto& s : earlier) {
      if (!s.fired.count(pb.name)) continue;
      json follow = json::object();
      for (const auto& name : rules[i].metrics()) {
        auto then = s.metrics.find(name);
        follow[name] = {{"then", num(then == s.metrics.end() ? analysis::kNaN : then->second)},
                        {"now", num(m.at(name))}};
      }
      entry["follow_up"] = {{"fired_in", s.label}, {"metrics", follow}};
      break;
    }
    playbooks.push_back(std::move(entry));
  }
  doc["decision"] = {{"playbooks", playbooks},
                     {"fired", snap.fired.size()},
                     {"summary", snap.fired.empty()
                                     ? std::string("No playbook fired.")
                                     : fmt::format("{} playbook{} fired: {}.", snap.fired.size(),
                                                   snap.fired.size() == 1 ? "" : "s", fmt::join(snap.fired, ", "))}};
  doc["decision"]["proactive"] = proactive_json(world, config, period);
  json metrics_json = json::object();
  for (const auto& [k, v] : m) metrics_json[k] = num(v);
  doc["metrics"] = metrics_json;
  // Every string, not only today's free-text fields, so that sections added later are covered.
  if (config.redact_pii) redact_strings(doc);
  snap.document = std::move(doc);
  return snap;
}

StoredSnapshot to_stored(const Snapshot& snapshot, Timestamp now) {
  StoredSnapshot s;
  s.kind = snapshot.kind;
  s.period_start = snapshot.period.from;
  s.period_end = snapshot.period.to;
  s.created_at = now;
  s.label = snapshot.period.label();
  s.metrics = snapshot.metrics;
  s.fired = snapshot.fired;
  s.document = snapshot.document.dump();
  return s;
}

}  // namespace ticketlens::snapshot
