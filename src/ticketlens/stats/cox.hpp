#pragma once
// Cox proportional-hazards regression as R's coxph (survival 3.5): Efron or Breslow handling of
// tied event times, right-censored or counting-process (start, stop] input for time-varying
// covariates, strata with separate baseline hazards. Newton–Raphson from beta = 0 with step
// halving and R's stopping rule (|1 - loglik_old / loglik_new| <= tolerance); the result says
// when it did not converge. Work per iteration is O(n p^2) with one sorted sweep over the risk
// sets, O(n log n) sorting once.
//
// Inputs: `stop` (event or censoring time), `event` (1/0), optional `start` (empty = right-
// censored; else each row is at risk on (start, stop], start < stop), optional `strata` codes
// (empty = one stratum), and p covariate columns of length n (`names` optional). Units are the
// caller's; results are per unit of covariate. Tied times are matched by exact equality.
// Rows with missing values must be dropped by the caller: a NaN or infinite value throws
// Error(kInvalidInput), as do unequal lengths, start >= stop and event flags other than 0/1.
// A covariate that is constant or collinear with earlier ones is aliased: coef NaN (R's NA),
// excluded from the tests' degrees of freedom. No events (or empty input): every coefficient
// NaN, converged = true, iterations = 0.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ticketlens/stats/concordance.hpp"

namespace ticketlens::stats {

enum class CoxTies { kEfron, kBreslow };

struct CoxData {
  std::span<const double> start;  ///< empty for right-censored data
  std::span<const double> stop;
  std::span<const std::uint8_t> event;
  std::span<const std::int32_t> strata;  ///< empty for one stratum
  std::vector<std::span<const double>> covariates;
  std::vector<std::string> names;  ///< one per covariate, or empty ("x1", "x2", ...)
  /// Term of each covariate for the proportional-hazards test (a factor's dummies share a term);
  /// empty = each covariate its own term. Term names are taken from `term_names`, else the name
  /// of the term's first covariate.
  std::vector<std::size_t> terms;
  std::vector<std::string> term_names;
};

struct CoxOptions {
  CoxTies ties = CoxTies::kEfron;
  int max_iterations = 20;          ///< R's iter.max
  double tolerance = 1e-9;          ///< R's eps: relative change in the log partial likelihood
  double singular_tolerance = 1.8189894035458617e-12;  ///< R's toler.chol = eps^0.75
  double confidence = 0.95;         ///< for the hazard-ratio intervals
  bool concordance = true;
  bool ph_test = true;              ///< cox.zph(fit, transform = "km")
  bool baseline = true;             ///< basehaz(fit, centered = FALSE)
};

struct CoxCoefficient {
  std::string name;
  double coef, se, hazard_ratio, lower, upper, z, p;
  bool aliased;          ///< constant or collinear covariate: all numbers NaN
  bool may_be_infinite;  ///< R's "Loglik converged before variable ...": monotone likelihood
};

struct ChiSquareTest {
  std::string name;
  double chisq = 0;
  int df = 0;
  double p = 0;
};

struct BaselineHazard {
  /// Cumulative hazard at covariates = 0 (not centered), at every distinct stop time of each
  /// stratum, with the same tie method as the fit (R: basehaz(fit, centered = FALSE)).
  std::vector<std::int32_t> stratum;
  std::vector<double> time, cumhaz;
};

struct CoxFit {
  std::int64_t n = 0, events = 0;
  int iterations = 0;
  bool converged = false;
  CoxTies ties = CoxTies::kEfron;
  std::vector<CoxCoefficient> coefficients;
  std::vector<double> variance;  ///< p x p row-major; rows/columns of aliased covariates are 0
  std::vector<double> means;     ///< column means (R's fit$means)
  double loglik_null = 0, loglik = 0;  ///< log partial likelihood at beta = 0 and at the estimate
  ChiSquareTest lr_test, wald_test, score_test;
  Concordance concordance;
  ChiSquareTest ph_global;            ///< cox.zph GLOBAL
  std::vector<ChiSquareTest> ph_terms;  ///< cox.zph per term
  BaselineHazard baseline;
  std::vector<double> linear_predictor;  ///< sum coef (x - mean), per input row
};

CoxFit cox_regression(const CoxData& data, const CoxOptions& options = {});

}  // namespace ticketlens::stats
