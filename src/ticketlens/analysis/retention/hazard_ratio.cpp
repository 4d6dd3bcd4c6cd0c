#include "ticketlens/analysis/retention/hazard_ratio.hpp"

#include <limits>

namespace ticketlens::analysis::retention {

HazardRatio hazard_ratio(const stats::CoxFit& fit, std::size_t index) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  HazardRatio out{"", kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, fit.n, fit.events, fit.converged};
  if (index >= fit.coefficients.size()) return out;
  const auto& c = fit.coefficients[index];
  out.name = c.name;
  out.hazard_ratio = c.hazard_ratio;
  out.lower = c.lower;
  out.upper = c.upper;
  out.p = c.p;
  out.coef = c.coef;
  out.se = c.se;
  return out;
}

stats::CoxOptions quick_cox_options() {
  stats::CoxOptions o;
  o.concordance = false;
  o.ph_test = false;
  o.baseline = false;
  return o;
}

}  // namespace ticketlens::analysis::retention
