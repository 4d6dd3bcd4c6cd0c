#pragma once
// A hazard ratio read off a Cox fit, and the small helpers the retention analyses share to fit
// one: a floor that keeps zero-length spells (churn on the signup day) valid Cox input.
#include <cstdint>
#include <string>

#include "ticketlens/stats/cox.hpp"

namespace ticketlens::analysis::retention {

/// Cox input needs stop > start; a spell of length 0 (churn at signup) is given one second.
inline constexpr double kMinSpellDays = 1.0 / 86400.0;

struct HazardRatio {
  std::string name;
  double hazard_ratio, lower, upper, p;  ///< NaN when the covariate is aliased or there is no event
  double coef, se;
  std::int64_t rows = 0, events = 0;
  bool converged = false;
};

/// Coefficient `index` of a fit as a hazard ratio with its interval.
HazardRatio hazard_ratio(const stats::CoxFit& fit, std::size_t index);

/// Cox options for a quick fit: no concordance, no PH test, no baseline.
stats::CoxOptions quick_cox_options();

}  // namespace ticketlens::analysis::retention
