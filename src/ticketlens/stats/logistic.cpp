#include "ticketlens/stats/logistic.hpp"

#include <cmath>
#include <limits>
#include <numeric>

#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/cholesky.hpp"
#include "ticketlens/stats/distributions.hpp"

namespace ticketlens::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr double kThreshold = 30.0;  // R's logit link clamps |eta| beyond this

// R's binomial()$linkinv and $mu.eta (C code logit_linkinv, logit_mu_eta).
double inverse_logit(double eta) {
  const double e = eta < -kThreshold ? kEps : (eta > kThreshold ? 1.0 / kEps : std::exp(eta));
  return e / (1.0 + e);
}
double logit_derivative(double eta) {
  if (eta > kThreshold || eta < -kThreshold) return kEps;
  const double e = std::exp(eta);
  return e / ((1.0 + e) * (1.0 + e));
}
double y_log_y(double y, double mu) { return y != 0.0 ? y * std::log(y / mu) : 0.0; }
double deviance_of(std::span<const double> y, const std::vector<double>& mu) {
  double sum = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    sum += 2.0 * (y_log_y(y[i], mu[i]) + y_log_y(1.0 - y[i], 1.0 - mu[i]));
  }
  return sum;
}

// Weighted least squares on the normal equations, scaled to unit diagonal so that the aliasing
// test does not depend on the units of the covariates.
struct WeightedSolve {
  std::vector<double> coef;
  std::vector<double> inverse;  // (X' W X)^-1, zero rows/columns for aliased
  std::vector<bool> aliased;
  std::size_t rank = 0;
};

WeightedSolve weighted_least_squares(const std::vector<std::span<const double>>& columns,
                                     const std::vector<double>& weight,
                                     const std::vector<double>& response, double tolerance) {
  const std::size_t q = columns.size();
  const std::size_t n = weight.size();
  std::vector<double> gram(q * q, 0.0);
  std::vector<double> rhs(q, 0.0);
  // Raw pointers and one weighted copy of each column: the same products summed in the same
  // order as x_a[i] * w[i] * x_b[i], without an indexing call per term (the unoptimised
  // sanitizer build spent most of a risk fit there).
  const double* w = weight.data();
  const double* z = response.data();
  std::vector<double> weighted(n);
  double* xw = weighted.data();
  for (std::size_t a = 0; a < q; ++a) {
    const double* xa = columns[a].data();
    for (std::size_t i = 0; i < n; ++i) xw[i] = xa[i] * w[i];
    double sum_rhs = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum_rhs += xw[i] * z[i];
    rhs[a] = sum_rhs;
    for (std::size_t b = 0; b <= a; ++b) {
      const double* xb = columns[b].data();
      double sum = 0.0;
      for (std::size_t i = 0; i < n; ++i) sum += xw[i] * xb[i];
      gram[a * q + b] = sum;
      gram[b * q + a] = sum;
    }
  }
  std::vector<double> scale(q);
  for (std::size_t a = 0; a < q; ++a) {
    scale[a] = gram[a * q + a] > 0.0 ? 1.0 / std::sqrt(gram[a * q + a]) : 1.0;
  }
  for (std::size_t a = 0; a < q; ++a) {
    rhs[a] *= scale[a];
    for (std::size_t b = 0; b < q; ++b) gram[a * q + b] *= scale[a] * scale[b];
  }
  // A zero column (all weights on zeros) has a zero diagonal: the threshold floor catches it.
  const Cholesky factor(gram, q, tolerance);
  WeightedSolve result;
  result.coef = rhs;
  factor.solve(result.coef);
  result.inverse = factor.inverse();
  result.aliased.resize(q);
  result.rank = factor.rank();
  for (std::size_t a = 0; a < q; ++a) {
    result.coef[a] *= scale[a];
    result.aliased[a] = factor.is_singular(a);
    for (std::size_t b = 0; b < q; ++b) result.inverse[a * q + b] *= scale[a] * scale[b];
  }
  return result;
}

}  // namespace

LogisticFit logistic_regression(const LogisticData& data, const LogisticOptions& options) {
  const std::size_t n = data.outcome.size();
  if (n == 0) throw Error(ErrorCode::kInvalidInput, "logistic_regression: no rows");
  if (!data.names.empty() && data.names.size() != data.covariates.size()) {
    throw Error(ErrorCode::kInvalidInput, "logistic_regression: one name per covariate expected");
  }
  if (options.max_iterations < 1 || !(options.tolerance > 0.0)) {
    throw Error(ErrorCode::kInvalidInput, "logistic_regression: invalid options");
  }
  for (double y : data.outcome) {
    if (y != 0.0 && y != 1.0) {
      throw Error(ErrorCode::kInvalidInput, "logistic_regression: outcome must be 0 or 1");
    }
  }
  std::vector<double> ones;
  std::vector<std::span<const double>> columns;
  std::vector<std::string> names;
  if (data.intercept) {
    ones.assign(n, 1.0);
    columns.push_back(ones);
    names.push_back("(Intercept)");
  }
  for (std::size_t j = 0; j < data.covariates.size(); ++j) {
    const auto column = data.covariates[j];
    if (column.size() != n) {
      throw Error(ErrorCode::kInvalidInput, "logistic_regression: covariate length differs");
    }
    for (double v : column) {
      if (!std::isfinite(v)) {
        throw Error(ErrorCode::kInvalidInput,
                    "logistic_regression: covariate must be finite (drop missing rows)");
      }
    }
    columns.push_back(column);
    names.push_back(data.names.empty() ? "x" + std::to_string(j + 1) : data.names[j]);
  }
  const std::size_t q = columns.size();
  const std::span<const double> y = data.outcome;
  std::vector<const double*> column_data(q);
  for (std::size_t a = 0; a < q; ++a) column_data[a] = columns[a].data();

  // glm.fit: mustart = (y + 0.5) / 2, eta = logit(mustart).
  std::vector<double> eta(n), mu(n), weight(n), response(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double start = (y[i] + 0.5) / 2.0;
    eta[i] = std::log(start / (1.0 - start));
    mu[i] = inverse_logit(eta[i]);
  }
  double deviance_old = deviance_of(y, mu);
  double deviance = deviance_old;
  LogisticFit fit;
  WeightedSolve solve;
  std::vector<double> coef(q, 0.0);
  std::vector<double> coef_old;
  for (fit.iterations = 1; fit.iterations <= options.max_iterations; ++fit.iterations) {
    for (std::size_t i = 0; i < n; ++i) {
      const double variance = mu[i] * (1.0 - mu[i]);
      const double derivative = logit_derivative(eta[i]);
      response[i] = eta[i] + (y[i] - mu[i]) / derivative;
      weight[i] = derivative * derivative / variance;
    }
    solve = weighted_least_squares(columns, weight, response, options.singular_tolerance);
    coef = solve.coef;
    for (std::size_t a = 0; a < q; ++a) {
      if (solve.aliased[a]) coef[a] = 0.0;
    }
    auto update = [&] {
      const double* const* x = column_data.data();
      const double* c = coef.data();
      for (std::size_t i = 0; i < n; ++i) {
        double sum = 0.0;
        for (std::size_t a = 0; a < q; ++a) sum += x[a][i] * c[a];
        eta[i] = sum;
        mu[i] = inverse_logit(sum);
      }
      deviance = deviance_of(y, mu);
    };
    update();
    // glm.fit's step halving when the deviance is not finite.
    for (int halving = 0; !std::isfinite(deviance) && !coef_old.empty() && halving < 100;
         ++halving) {
      for (std::size_t a = 0; a < q; ++a) coef[a] = (coef[a] + coef_old[a]) / 2.0;
      update();
    }
    if (std::fabs(deviance - deviance_old) / (std::fabs(deviance) + 0.1) < options.tolerance) {
      fit.converged = true;
      break;
    }
    deviance_old = deviance;
    coef_old = coef;
  }
  if (fit.iterations > options.max_iterations) fit.iterations = options.max_iterations;

  fit.rank = static_cast<int>(solve.rank);
  fit.deviance = deviance;
  fit.aic = deviance + 2.0 * fit.rank;  // binary outcome: -2 log L equals the deviance
  const double null_mu = data.intercept ? std::accumulate(y.begin(), y.end(), 0.0) /
                                              static_cast<double>(n)
                                        : 0.5;
  fit.null_deviance = deviance_of(y, std::vector<double>(n, null_mu));
  fit.df_residual = static_cast<int>(n) - fit.rank;
  fit.df_null = static_cast<int>(n) - (data.intercept ? 1 : 0);
  fit.variance = solve.inverse;
  fit.fitted = mu;
  for (std::size_t a = 0; a < q; ++a) {
    LogisticCoefficient c{names[a], kNaN, kNaN, kNaN, kNaN, true};
    if (!solve.aliased[a]) {
      c.aliased = false;
      c.coef = coef[a];
      c.se = std::sqrt(solve.inverse[a * q + a]);
      c.z = c.coef / c.se;
      c.p = normal_two_sided_p(c.z);
    }
    fit.coefficients.push_back(c);
  }
  // R warns when a fitted probability is within 10 eps of 0 or 1; also flag a run that stopped
  // without converging while some probabilities head for 0 or 1.
  for (std::size_t i = 0; i < n; ++i) {
    if (mu[i] < 10.0 * kEps || mu[i] > 1.0 - 10.0 * kEps) fit.separation = true;
    if (!fit.converged && std::fabs(eta[i]) > 15.0) fit.separation = true;
  }
  return fit;
}

}  // namespace ticketlens::stats
