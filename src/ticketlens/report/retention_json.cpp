// JSON of the retention analyses (analysis_json.hpp): survival curves per group, support contact,
// the Cox model of churn and cohort retention.
#include "ticketlens/report/analysis_json.hpp"

namespace ticketlens::report {
namespace {

using nlohmann::json;
namespace rt = analysis::retention;

json median_json(const stats::SurvivalQuantile& q) {
  return {{"value", q.value}, {"lower", q.lower}, {"upper", q.upper}};
}

json group_json(const rt::GroupSurvival& g, bool with_curve) {
  json at = json::array();
  for (const auto& s : g.at_months)
    at.push_back({{"months", s.months}, {"survival", s.survival}, {"lower", s.lower}, {"upper", s.upper}});
  json j{{"group", g.group}, {"accounts", g.accounts}, {"churned", g.churned}, {"median_days", median_json(g.median)},
         {"survival_at", at}};
  if (with_curve)
    j["curve"] = {{"days", g.curve.time},     {"n_risk", g.curve.n_risk}, {"n_event", g.curve.n_event},
                  {"n_censor", g.curve.n_censor}, {"surv", g.curve.survival}, {"lower", g.curve.lower},
                  {"upper", g.curve.upper}};
  return j;
}

json log_rank_json(const std::optional<stats::LogRankTest>& t, const std::vector<std::string>& names) {
  if (!t) return nullptr;
  json groups = json::array();
  for (const auto& g : t->groups)
    groups.push_back({{"group", names[static_cast<std::size_t>(g.group)]}, {"n", g.n}, {"observed", g.observed},
                      {"expected", g.expected}});
  return {{"chisq", t->chisq}, {"df", t->df}, {"p", t->p}, {"groups", groups}};
}

json hr_json(const rt::HazardRatio& h) {
  return {{"name", h.name}, {"hr", h.hazard_ratio}, {"lower", h.lower}, {"upper", h.upper}, {"p", h.p},
          {"coef", h.coef}, {"se", h.se}};
}

json arm_json(const rt::SupportArm& a) {
  return {{"supported", group_json(a.supported, false)},
          {"unsupported", group_json(a.unsupported, false)},
          {"log_rank", log_rank_json(a.log_rank, {"supported", "unsupported"})},
          {"hazard_ratio", hr_json(a.hazard_ratio)}};
}

json cohort_rows_json(const std::vector<rt::CohortRow>& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    json hs = json::array();
    for (const auto& h : r.horizons)
      hs.push_back({{"months", h.months},
                    {"eligible", h.eligible},
                    {"retained", h.retained},
                    {"logo_retention", h.logo_retention},
                    {"mrr_start", h.mrr_start},
                    {"mrr_then", h.mrr_then},
                    {"revenue_retention", h.revenue_retention}});
    out.push_back({{"key", r.key}, {"accounts", r.accounts}, {"horizons", hs}});
  }
  return out;
}

}  // namespace

json survival_json(const rt::SurvivalByGroup& s) {
  std::vector<std::string> names;
  for (const auto& g : s.groups) names.push_back(g.group);
  json groups = json::array();
  for (const auto& g : s.groups) groups.push_back(group_json(g, true));
  return {{"as_of", format_timestamp(s.as_of)},
          {"by", std::string(rt::account_grouping_name(s.grouping))},
          {"time_unit", "days since signup"},
          {"excluded", {{"without_subscription", s.without_subscription}, {"signed_up_after_as_of", s.signed_up_later}}},
          {"groups", groups},
          {"log_rank", log_rank_json(s.log_rank, names)}};
}

json support_json(const rt::SupportComparison& s) {
  const auto& tv = s.time_varying;
  return {{"as_of", format_timestamp(s.as_of)},
          {"accounts", s.accounts},
          {"naive", arm_json(s.naive)},
          {"time_varying",
           {{"hazard_ratio", hr_json(tv.hazard_ratio)},
            {"intervals", tv.hazard_ratio.rows},
            {"supported", {{"account_months", tv.supported_months}, {"churns", tv.supported_churns},
                           {"churns_per_1000_account_months", tv.supported_rate}}},
            {"unsupported", {{"account_months", tv.unsupported_months}, {"churns", tv.unsupported_churns},
                             {"churns_per_1000_account_months", tv.unsupported_rate}}}}},
          {"landmark", arm_json(s.landmark)},
          {"landmark_days", s.landmark_days},
          {"landmark_accounts", s.landmark_accounts}};
}

json churn_cox_json(const rt::ChurnCox& c) {
  const auto& fit = c.fit;
  auto test_json = [](const stats::ChiSquareTest& t) { return json{{"chisq", t.chisq}, {"df", t.df}, {"p", t.p}}; };
  json hrs = json::array(), ranked = json::array(), zph = json::array();
  for (const auto& h : c.hazard_ratios) hrs.push_back(hr_json(h));
  for (const auto& h : c.categories_ranked) ranked.push_back(hr_json(h));
  for (const auto& t : fit.ph_terms) zph.push_back({{"name", t.name}, {"chisq", t.chisq}, {"df", t.df}, {"p", t.p}});
  return {{"as_of", format_timestamp(c.as_of)},
          {"accounts", c.accounts},
          {"intervals", c.intervals},
          {"churns", c.churns},
          {"iterations", fit.iterations},
          {"converged", fit.converged},
          {"coefficients", hrs},
          {"loglik", {fit.loglik_null, fit.loglik}},
          {"lr_test", test_json(fit.lr_test)},
          {"concordance", {{"value", fit.concordance.value}, {"se", fit.concordance.std_err}}},
          {"zph", {{"global", test_json(fit.ph_global)}, {"terms", zph}}},
          {"categories_ranked", ranked}};
}

json cohorts_json(const rt::CohortReport& c) {
  return {{"as_of", format_timestamp(c.as_of)},
          {"segment_by", c.segment_by},
          {"by_signup_month", cohort_rows_json(c.by_month)},
          {"by_segment", cohort_rows_json(c.by_segment)}};
}

}  // namespace ticketlens::report
