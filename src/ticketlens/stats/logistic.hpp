#pragma once
// Logistic regression by iteratively reweighted least squares, step for step as R's
// glm(y ~ ..., family = binomial) (glm.fit: same start, same clamping of the logit link, same
// stopping rule |dev - dev_old| / (|dev| + 0.1) < tolerance, standard errors from the weights
// of the last iteration), so coefficients agree with R to ~1e-10 relative.
//
// Inputs: `outcome` 0/1, p covariate columns of the same length (`names` optional), an intercept
// added unless `intercept` is false. Rows with missing values must be dropped by the caller: NaN
// or infinite values throw Error(kInvalidInput), as do unequal lengths, an outcome other than
// 0/1 and empty input. A covariate collinear with earlier columns (or constant, with an
// intercept) is aliased: coef NaN (R's NA), left out of the rank.
// Separation (some fitted probabilities numerically 0 or 1: R's warning "fitted probabilities
// numerically 0 or 1 occurred") is reported in `separation`; the iteration count is bounded by
// max_iterations, so it never loops forever, and converged says whether the rule was met.
#include <span>
#include <string>
#include <vector>

namespace ticketlens::stats {

struct LogisticData {
  std::span<const double> outcome;
  std::vector<std::span<const double>> covariates;
  std::vector<std::string> names;  ///< one per covariate, or empty ("x1", ...)
  bool intercept = true;           ///< named "(Intercept)", first coefficient
};

struct LogisticOptions {
  int max_iterations = 25;  ///< R's glm.control maxit
  double tolerance = 1e-8;  ///< R's glm.control epsilon
  /// A column whose squared residual norm, after the columns before it and relative to its own,
  /// falls below this is aliased.
  double singular_tolerance = 1e-11;
};

struct LogisticCoefficient {
  std::string name;
  double coef, se, z, p;
  bool aliased;
};

struct LogisticFit {
  std::vector<LogisticCoefficient> coefficients;
  std::vector<double> variance;  ///< unscaled covariance, (p+1) x (p+1) row-major with intercept
  double deviance = 0, null_deviance = 0, aic = 0;
  int rank = 0, df_residual = 0, df_null = 0;
  int iterations = 0;
  bool converged = false;
  bool separation = false;
  std::vector<double> fitted;  ///< fitted probabilities per row
};

LogisticFit logistic_regression(const LogisticData& data, const LogisticOptions& options = {});

}  // namespace ticketlens::stats
