#include "ticketlens/analysis/retention/churn_cox.hpp"

#include <algorithm>
#include <cmath>

namespace ticketlens::analysis::retention {

ChurnCox churn_cox(const model::World& world, const model::Config& config, const SurvivalData& data,
                   const ChurnCoxOptions& options) {
  ChurnCox out;
  out.as_of = data.as_of;
  out.accounts = static_cast<std::int64_t>(data.spells.size());
  const auto rows = churn_intervals(world, config, data, options.intervals);
  out.intervals = static_cast<std::int64_t>(rows.size());
  for (auto e : rows.event) out.churns += e;
  stats::CoxOptions cox;
  cox.ties = options.ties;
  cox.ph_test = options.ph_test;
  cox.concordance = options.concordance;
  cox.baseline = false;
  // More steps than R's 20: a sparse level without churn (monotone likelihood) needs them before
  // the log likelihood settles; the fit then flags that coefficient as may_be_infinite.
  cox.max_iterations = 60;
  out.fit = stats::cox_regression(rows.cox_data(), cox);
  for (std::size_t i = 0; i < out.fit.coefficients.size(); ++i) {
    out.hazard_ratios.push_back(hazard_ratio(out.fit, i));
    if (out.hazard_ratios.back().name.starts_with("category=")) out.categories_ranked.push_back(out.hazard_ratios.back());
  }
  std::stable_sort(out.categories_ranked.begin(), out.categories_ranked.end(), [](const auto& x, const auto& y) {
    if (std::isnan(x.hazard_ratio)) return false;
    if (std::isnan(y.hazard_ratio)) return true;
    return x.hazard_ratio > y.hazard_ratio;
  });
  return out;
}

}  // namespace ticketlens::analysis::retention
