#include "ticketlens/snapshot/retention.hpp"

#include <algorithm>
#include <cmath>

#include "ticketlens/analysis/retention/churn_cox.hpp"
#include "ticketlens/analysis/retention/cohorts.hpp"
#include "ticketlens/analysis/retention/support_contact.hpp"
#include "ticketlens/snapshot/impact.hpp"

namespace ticketlens::snapshot {
namespace {

using nlohmann::json;
namespace rt = analysis::retention;

json num(double v) { return std::isfinite(v) ? json(v) : json(); }

json hazard_json(const rt::HazardRatio& h) {
  return {{"name", h.name}, {"hr", num(h.hazard_ratio)}, {"lower", num(h.lower)}, {"upper", num(h.upper)},
          {"p", num(h.p)}};
}

// One arm of the landmark comparison at whole months since the landmark, up to its last time.
json curve_json(const rt::GroupSurvival& g, std::string label) {
  json months = json::array(), surv = json::array(), lower = json::array(), upper = json::array(),
       at_risk = json::array();
  const auto& c = g.curve;
  for (int m = 0; m <= kSnapshotSurvivalMonths; ++m) {
    const double t = m * rt::kDaysPerMonth;
    if (c.time.empty() || t > c.time.back()) break;
    const auto at = rt::survival_at(c, t);
    // At risk at t: those whose time is >= t, read at the first curve time >= t.
    const auto it = std::lower_bound(c.time.begin(), c.time.end(), t);
    months.push_back(m);
    surv.push_back(num(at.survival));
    lower.push_back(num(at.lower));
    upper.push_back(num(at.upper));
    at_risk.push_back(c.n_risk[static_cast<std::size_t>(it - c.time.begin())]);
  }
  return {{"group", std::move(label)}, {"accounts", g.accounts}, {"churned", g.churned}, {"months", months},
          {"surv", surv}, {"lower", lower}, {"upper", upper}, {"n_risk", at_risk}};
}

json cohorts_json(const model::World& world, Timestamp end) {
  const auto report = rt::cohort_retention(world, end, "tier");
  std::vector<const rt::CohortRow*> rows;
  for (const auto& r : report.by_month)
    if (!r.horizons.empty() && r.horizons[0].eligible > 0) rows.push_back(&r);
  if (rows.size() > kSnapshotCohortMonths) rows.erase(rows.begin(), rows.end() - kSnapshotCohortMonths);
  json out = json::array();
  for (const auto* r : rows) {
    json horizons = json::array();
    for (const auto& h : r->horizons)
      horizons.push_back({{"months", h.months}, {"eligible", h.eligible}, {"retained", h.retained},
                          {"logo_pct", num(h.eligible > 0 ? 100 * h.logo_retention : analysis::kNaN)}});
    out.push_back({{"cohort", r->key}, {"accounts", r->accounts}, {"horizons", horizons}});
  }
  return out;
}

}  // namespace

std::optional<rt::ChurnCox> add_retention(json& doc, const model::World& world, const model::Config& config, Timestamp end) {
  const auto data = rt::account_survival(world, end);
  json top = json::array();
  json worst;
  json landmark;
  std::optional<rt::ChurnCox> fitted;
  if (!data.spells.empty()) {
    rt::ChurnCoxOptions options;
    options.ph_test = false;
    options.concordance = false;
    const auto cox = rt::churn_cox(world, config, data, options);
    if (cox.fit.converged) {
      for (const auto& h : top_hazard_ratios(cox, kSnapshotHazardRatios))
        top.push_back({{"name", h.name}, {"hr", num(h.hazard_ratio)}, {"lower", num(h.lower)}, {"upper", num(h.upper)},
                       {"p", num(h.p)}});
      if (!cox.categories_ranked.empty() && std::isfinite(cox.categories_ranked[0].hazard_ratio)) {
        const auto& w = cox.categories_ranked[0];
        worst = hazard_json(w);
        const std::string category = w.name.substr(std::string_view("category=").size());
        worst["category"] = category;
        const auto arm = rt::landmark_by_category(world, data, category, kSnapshotLandmarkDays);
        json log_rank;
        if (arm.log_rank)
          log_rank = {{"chisq", num(arm.log_rank->chisq)}, {"df", arm.log_rank->df}, {"p", num(arm.log_rank->p)}};
        landmark = {{"landmark_days", kSnapshotLandmarkDays},
                    {"category", category},
                    {"groups", json::array({curve_json(arm.supported, "with " + category + " ticket"),
                                            curve_json(arm.unsupported, "without")})},
                    {"log_rank", log_rank},
                    {"hazard_ratio", hazard_json(arm.hazard_ratio)}};
      }
    }
    doc["retention"] = {{"accounts", static_cast<std::int64_t>(data.spells.size())},
                        {"churned", cox.churns},
                        {"cox_converged", cox.fit.converged},
                        {"worst_ticket_type", worst},
                        {"landmark", landmark},
                        {"cohorts", cohorts_json(world, end)}};
    fitted = cox;
  } else {
    doc["retention"] = {{"accounts", 0}, {"churned", 0}, {"cox_converged", false}, {"worst_ticket_type", worst},
                        {"landmark", landmark}, {"cohorts", cohorts_json(world, end)}};
  }
  doc["impact"]["top_hazard_ratios"] = top;
  return fitted;
}

}  // namespace ticketlens::snapshot
