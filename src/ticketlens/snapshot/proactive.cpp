#include "ticketlens/snapshot/proactive.hpp"

#include <fmt/format.h>

#include <cmath>

#include "ticketlens/analysis/backlog.hpp"
#include "ticketlens/analysis/risk/risk_report.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::snapshot {
namespace {

using nlohmann::json;

json num(double v) { return std::isfinite(v) ? json(v) : json(); }

json unavailable(const Error& e) { return {{"available", false}, {"reason", e.what()}}; }

bool expected_gap(const Error& e) {
  return e.code() == ErrorCode::kNotFound || e.code() == ErrorCode::kInvalidInput;
}

std::string number_text(const json& j, int decimals) {
  return j.is_number() ? fmt::format("{:.{}f}", j.get<double>(), decimals) : "n/a";
}

std::string money_text(const json& j, const std::string& currency) {
  return j.is_number() ? fmt::format("{} {:.0f}", currency, j.get<double>()) : "n/a";
}

}  // namespace

json proactive_json(const model::World& world, const model::Config& config, analysis::Period period) {
  analysis::risk::RiskOptions options;
  options.target = analysis::risk::Target::kChurn;
  options.as_of = period.to - 1;
  options.evaluate = false;
  options.boosted_trees = false;
  try {
    const auto r = analysis::risk::risk_report(world, config, options);
    json accounts = json::array();
    for (std::size_t i = 0; i < r.accounts.size() && i < kProactiveAccounts; ++i) {
      const auto& a = r.accounts[i];
      json reasons = json::array();
      for (const auto& reason : a.reasons) reasons.push_back({{"feature", reason.feature}, {"value", num(reason.value)}});
      accounts.push_back({{"account_id", a.account_id},
                          {"name", world.accounts.names[a.account]},
                          {"churn_probability", num(a.probability)},
                          {"arr", num(a.arr)},
                          {"risk_arr", num(a.risk_arr)},
                          {"reasons", reasons},
                          {"play", a.play}});
    }
    return {{"available", true},
            {"target", "churn"},
            {"horizon_days", r.horizon_days},
            {"model", {{"kind", "logistic"}, {"train_rows", r.train_rows}, {"train_positives", r.train_positives},
                       {"converged", r.model.converged}}},
            {"accounts_scored", r.accounts.size()},
            {"accounts", accounts}};
  } catch (const Error& e) {
    if (!expected_gap(e)) throw;
    return unavailable(e);
  }
}

json backlog_json(const model::World& world, const model::Config& config, analysis::Period period,
                  const analysis::retention::ChurnCox* cox) {
  try {
    const auto b = cox ? analysis::support_backlog(world, config, period.to - 1, *cox)
                       : analysis::support_backlog(world, config, period.to - 1);
    json items = json::array();
    for (std::size_t i = 0; i < b.items.size() && i < kBacklogItems; ++i) {
      const auto& x = b.items[i];
      items.push_back({{"product_area", x.product_area},
                       {"category", x.category},
                       {"tickets_year", x.tickets_year},
                       {"ticket_cost_year", num(x.ticket_cost_year)},
                       {"hazard_ratio", num(x.hazard_ratio)},
                       {"arr_at_risk", num(x.arr_at_risk)},
                       {"ticket_cost_saved", num(x.ticket_cost_saved)},
                       {"arr_retained", num(x.arr_retained)},
                       {"fix_cost", num(x.fix_cost)},
                       {"fix_cost_default", x.fix_cost_default},
                       {"value_per_cost", num(x.value_per_cost)}});
    }
    return {{"available", true},
            {"yearly_churn", num(b.yearly_churn)},
            {"cox_converged", b.cox_converged},
            {"ticket_reduction", b.ticket_reduction},
            {"churn_reduction", b.churn_reduction},
            {"fix_cost_default", b.fix_cost_default},
            {"cells", b.items.size()},
            {"items", items}};
  } catch (const Error& e) {
    if (!expected_gap(e)) throw;
    return unavailable(e);
  }
}

std::vector<std::string> proactive_markdown(const json& p, const std::string& currency) {
  std::vector<std::string> out{"### Proactive list: churn risk × ARR"};
  if (!p.value("available", false)) {
    out.push_back(fmt::format("Not available: {}", p.value("reason", std::string())));
    return out;
  }
  out.push_back(fmt::format("Churn within {} days, logistic model on {} account snapshots ({} churned).",
                            p["horizon_days"].get<int>(), p["model"]["train_rows"].get<std::int64_t>(),
                            p["model"]["train_positives"].get<std::int64_t>()));
  out.push_back("");
  out.push_back("| Account | Churn probability | ARR | Risk × ARR | Reasons | Play |");
  out.push_back("|---|---:|---:|---:|---|---|");
  for (const auto& a : p["accounts"]) {
    std::string reasons;
    for (const auto& r : a["reasons"])
      reasons += fmt::format("{}{} = {}", reasons.empty() ? "" : ", ", r["feature"].get<std::string>(),
                             number_text(r["value"], 2));
    out.push_back(fmt::format("| {} ({}) | {} | {} | {} | {} | {} |", a["name"].get<std::string>(),
                              a["account_id"].get<std::string>(), number_text(a["churn_probability"], 3),
                              money_text(a["arr"], currency), money_text(a["risk_arr"], currency),
                              reasons.empty() ? "-" : reasons, a["play"].get<std::string>()));
  }
  return out;
}

std::vector<std::string> backlog_markdown(const json& b, const std::string& currency) {
  std::vector<std::string> out{"### Backlog: fixes ranked by (ticket cost saved + ARR retained) / fix cost"};
  if (!b.value("available", false)) {
    out.push_back(fmt::format("Not available: {}", b.value("reason", std::string())));
    return out;
  }
  out.push_back(fmt::format("Yearly churn p0 = {}; a fix saves {:.0f}% of ticket cost and {:.0f}% of the "
                            "churn-attributable ARR; default fix cost {}{}.",
                            number_text(b["yearly_churn"], 3), 100 * b["ticket_reduction"].get<double>(),
                            100 * b["churn_reduction"].get<double>(), money_text(b["fix_cost_default"], currency),
                            b["cox_converged"].get<bool>() ? "" : " (the Cox fit did not converge)"));
  out.push_back("");
  out.push_back("| Product area × category | Tickets/year | Ticket cost/year | HR | ARR at risk | Fix cost | Value per cost |");
  out.push_back("|---|---:|---:|---:|---:|---:|---:|");
  for (const auto& x : b["items"])
    out.push_back(fmt::format("| {} × {} | {} | {} | {} | {} | {} | {} |", x["product_area"].get<std::string>(),
                              x["category"].get<std::string>(), x["tickets_year"].get<std::int64_t>(),
                              money_text(x["ticket_cost_year"], currency), number_text(x["hazard_ratio"], 2),
                              money_text(x["arr_at_risk"], currency), money_text(x["fix_cost"], currency),
                              number_text(x["value_per_cost"], 2)));
  return out;
}

}  // namespace ticketlens::snapshot
