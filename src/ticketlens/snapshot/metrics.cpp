// The named metrics of a snapshot period: the rules' vocabulary.
#include <algorithm>
#include <cmath>

#include "ticketlens/analysis/cost.hpp"
#include "ticketlens/analysis/indicators.hpp"
#include "ticketlens/analysis/kpi.hpp"
#include "ticketlens/snapshot/impact.hpp"
#include "ticketlens/snapshot/snapshot.hpp"

namespace ticketlens::snapshot {

const std::set<std::string>& metric_names() {
  static const std::set<std::string> names = [] {
    std::set<std::string> n;
    for (const auto& m : analysis::kpi_metrics()) n.insert(std::string(m.name));
    for (const char* extra : {"cost_total", "cost_direct", "cost_allocated", "cost_per_ticket", "total_arr",
                              "exposed_arr", "exposed_arr_pct", "exposed_accounts", "churn_90d_supported_pct",
                              "churn_90d_unsupported_pct", "ttv_days_median", "issue_resolution_days_median", "error_rate_pct", "nrr_pct"})
      n.insert(extra);
    return n;
  }();
  return names;
}

std::map<std::string, double> compute_metrics(const model::World& world, const model::Config& config,
                                              analysis::Period period) {
  std::map<std::string, double> m;
  const auto kpis = analysis::compute_kpis(world, config, period);
  for (const auto& k : analysis::kpi_metrics()) m[std::string(k.name)] = k.value(kpis.overall);
  const auto costs = analysis::compute_costs(world, config, period);
  m["cost_total"] = costs.overall.total;
  m["cost_direct"] = costs.overall.direct;
  m["cost_allocated"] = costs.overall.allocated;
  m["cost_per_ticket"] = costs.overall.per_ticket;
  const auto exposed = exposed_arr(world, config, period.to);
  m["total_arr"] = exposed.total_arr;
  m["exposed_arr"] = exposed.amount;
  m["exposed_arr_pct"] = exposed.pct;
  m["exposed_accounts"] = static_cast<double>(exposed.accounts.size());
  const auto churn = churn_90d(world, period.to);
  m["churn_90d_supported_pct"] = churn.supported.pct;
  m["churn_90d_unsupported_pct"] = churn.unsupported.pct;
  m["ttv_days_median"] = time_to_value(world, config, period.to).recent_median_days;
  m["issue_resolution_days_median"] = issue_resolution(world, period.to).median_days;
  m["error_rate_pct"] = analysis::error_rates(world, period).error_rate_pct;
  m["nrr_pct"] = analysis::net_revenue_retention_pct(world, period.to);
  return m;
}

}  // namespace ticketlens::snapshot
