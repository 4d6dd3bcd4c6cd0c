#pragma once
// Internal to the Cox model (cox_regression.cpp, cox_ph_test.cpp, cox_baseline.cpp): the data
// sorted for one sweep over the risk sets, and the log partial likelihood with its score and
// information at a given beta. Not part of the stats API.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "ticketlens/stats/cox.hpp"

namespace ticketlens::stats::detail {

struct CoxProblem {
  std::size_t n = 0, p = 0;
  bool counting = false;
  CoxTies ties = CoxTies::kEfron;
  std::vector<std::size_t> row;          ///< input row of each position (stratum, stop desc)
  std::vector<std::size_t> by_start;     ///< positions sorted by (stratum, start desc)
  std::vector<double> stop, start;       ///< per position (start only when counting)
  std::vector<std::uint8_t> event;       ///< per position
  std::vector<std::int32_t> stratum;     ///< per position
  std::vector<double> x;                 ///< n x p row-major per position: (x - mean) * scale
  std::vector<double> mean, scale;       ///< per covariate
  std::int64_t events = 0;
};

/// Validates and sorts; throws Error(kInvalidInput) as documented in cox.hpp.
CoxProblem prepare_cox_problem(const CoxData& data, CoxTies ties);

/// The contribution of one event time, passed to an observer during a sweep.
struct EventTimeTerms {
  double time;
  std::int32_t stratum;
  double deaths;
  std::span<const double> score;        ///< p: sum over deaths of x - (Efron) risk-set mean
  std::span<const double> information;  ///< p x p row-major, lower triangle filled
  /// Hazard increment at centered x = 0 (Breslow d / S0, Efron sum_k 1 / S0_k), to be multiplied
  /// by exp(-log_shift).
  double hazard;
  double log_shift;
};

struct CoxScore {
  double loglik = 0;
  std::vector<double> score;        ///< p
  std::vector<double> information;  ///< p x p row-major, symmetric
};

/// The log partial likelihood, score and information at `beta` (on the scaled covariates).
/// `observer`, if set, sees every event time's contribution (in sweep order).
CoxScore evaluate_cox(const CoxProblem& problem, std::span<const double> beta,
                      const std::function<void(const EventTimeTerms&)>* observer = nullptr);

/// cox.zph(fit, transform = "km") at the fitted beta (scaled), for the non-aliased columns
/// `kept` grouped into `terms` (indices into kept). Fills fit.ph_terms and fit.ph_global.
void cox_ph_test(const CoxProblem& problem, std::span<const double> beta,
                 std::span<const std::size_t> kept,
                 const std::vector<std::vector<std::size_t>>& terms,
                 const std::vector<std::string>& term_names, CoxFit& fit);

/// basehaz(fit, centered = FALSE) at the fitted beta (scaled).
BaselineHazard cox_baseline_hazard(const CoxProblem& problem, std::span<const double> beta);

}  // namespace ticketlens::stats::detail
