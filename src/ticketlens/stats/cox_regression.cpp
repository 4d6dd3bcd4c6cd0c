#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "ticketlens/common/error.hpp"
#include "ticketlens/stats/cholesky.hpp"
#include "ticketlens/stats/cox.hpp"
#include "ticketlens/stats/cox_risk_set.hpp"
#include "ticketlens/stats/distributions.hpp"

namespace ticketlens::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ChiSquareTest chi_square_test(std::string name, double chisq, int df) {
  return {std::move(name), chisq, df, df > 0 ? chi_square_sf(chisq, df) : kNaN};
}

// beta' V^- beta over the non-aliased coefficients (R's coxph.wtest).
double wald_statistic(const std::vector<double>& coef, const std::vector<double>& variance,
                      const std::vector<std::size_t>& kept, double tolerance) {
  const std::size_t m = kept.size();
  if (m == 0) return 0.0;
  const std::size_t p = coef.size();
  std::vector<double> sub(m * m);
  std::vector<double> b(m);
  for (std::size_t i = 0; i < m; ++i) {
    b[i] = coef[kept[i]];
    for (std::size_t j = 0; j < m; ++j) sub[i * m + j] = variance[kept[i] * p + kept[j]];
  }
  std::vector<double> solved = b;
  Cholesky(sub, m, tolerance).solve(solved);
  return std::inner_product(b.begin(), b.end(), solved.begin(), 0.0);
}

}  // namespace

CoxFit cox_regression(const CoxData& data, const CoxOptions& options) {
  if (options.max_iterations < 0 || !(options.tolerance > 0.0) ||
      !(options.confidence > 0.0 && options.confidence < 1.0)) {
    throw Error(ErrorCode::kInvalidInput, "cox_regression: invalid options");
  }
  const detail::CoxProblem problem = detail::prepare_cox_problem(data, options.ties);
  const std::size_t p = problem.p;
  if (!data.terms.empty() && data.terms.size() != p) {
    throw Error(ErrorCode::kInvalidInput, "cox_regression: one term index per covariate expected");
  }
  CoxFit fit;
  fit.n = static_cast<std::int64_t>(problem.n);
  fit.events = problem.events;
  fit.ties = options.ties;
  fit.means = problem.mean;
  std::vector<std::string> names = data.names;
  for (std::size_t j = names.size(); j < p; ++j) names.push_back("x" + std::to_string(j + 1));

  std::vector<double> beta(p, 0.0);
  std::vector<double> variance_scaled(p * p, 0.0);
  std::vector<bool> aliased(p, true);
  std::vector<double> final_score(p, 0.0);
  std::size_t rank = 0;
  if (problem.events == 0) {
    fit.converged = true;
  } else {
    // Newton–Raphson as R's agfit4: step halving when the log likelihood gets worse, converged
    // when it changes by less than `tolerance` relatively after a full step.
    detail::CoxScore current = detail::evaluate_cox(problem, beta);
    fit.loglik_null = current.loglik;
    Cholesky factor(current.information, p, options.singular_tolerance);
    rank = factor.rank();
    std::vector<double> step = current.score;
    factor.solve(step);
    fit.score_test = chi_square_test(
        "score", std::inner_product(step.begin(), step.end(), current.score.begin(), 0.0),
        static_cast<int>(rank));
    double best = current.loglik;
    std::vector<double> previous = beta;
    bool converged = false;
    int iteration = 0;
    if (options.max_iterations > 0 && std::isfinite(current.loglik)) {
      for (std::size_t j = 0; j < p; ++j) beta[j] += step[j];
      int halving = 0;
      for (iteration = 1; iteration <= options.max_iterations; ++iteration) {
        current = detail::evaluate_cox(problem, beta);
        factor = Cholesky(current.information, p, options.singular_tolerance);
        bool failed = !std::isfinite(current.loglik) || factor.rank() != rank;
        for (std::size_t j = 0; j < p; ++j) {
          failed = failed || !std::isfinite(current.information[j * p + j]);
        }
        if (!failed && halving == 0 &&
            std::fabs(1.0 - best / current.loglik) <= options.tolerance) {
          converged = true;
          break;
        }
        if (iteration == options.max_iterations) {
          if (failed || (current.loglik - best) / std::fabs(best) < -options.tolerance) {
            beta = previous;  // the last attempt was worse: report the best point
            current = detail::evaluate_cox(problem, beta);
            factor = Cholesky(current.information, p, options.singular_tolerance);
          }
          break;
        }
        if (failed || current.loglik < best) {
          ++halving;
          for (std::size_t j = 0; j < p; ++j) {
            beta[j] = (previous[j] * halving + beta[j]) / (halving + 1.0);
          }
        } else {
          halving = 0;
          best = current.loglik;
          step = current.score;
          factor.solve(step);
          previous = beta;
          for (std::size_t j = 0; j < p; ++j) beta[j] += step[j];
        }
      }
      iteration = std::min(iteration, options.max_iterations);
    }
    fit.iterations = iteration;
    fit.converged = converged;
    fit.loglik = current.loglik;
    variance_scaled = factor.inverse();
    rank = factor.rank();
    for (std::size_t j = 0; j < p; ++j) aliased[j] = factor.is_singular(j);
    final_score = current.score;
  }

  // Back to the caller's units.
  std::vector<double> coef(p);
  fit.variance.assign(p * p, 0.0);
  for (std::size_t i = 0; i < p; ++i) {
    coef[i] = aliased[i] ? 0.0 : beta[i] * problem.scale[i];
    for (std::size_t j = 0; j < p; ++j) {
      fit.variance[i * p + j] = variance_scaled[i * p + j] * problem.scale[i] * problem.scale[j];
    }
  }
  std::vector<std::size_t> kept;
  for (std::size_t j = 0; j < p; ++j) {
    if (!aliased[j]) kept.push_back(j);
  }
  const double z_crit = normal_quantile(1.0 - (1.0 - options.confidence) / 2.0);
  const double infinite_tolerance = std::sqrt(options.tolerance);
  for (std::size_t j = 0; j < p; ++j) {
    CoxCoefficient c{names[j], kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, true, false};
    if (!aliased[j]) {
      c.aliased = false;
      c.coef = coef[j];
      c.se = std::sqrt(fit.variance[j * p + j]);
      c.hazard_ratio = std::exp(c.coef);
      c.lower = std::exp(c.coef - z_crit * c.se);
      c.upper = std::exp(c.coef + z_crit * c.se);
      c.z = c.coef / c.se;
      c.p = normal_two_sided_p(c.z);
      // R: the next Newton step, |V u|, is still large against the coefficient.
      double next_step = 0.0;
      for (std::size_t k = 0; k < p; ++k) next_step += variance_scaled[j * p + k] * final_score[k];
      next_step = std::fabs(next_step * problem.scale[j]);
      c.may_be_infinite = fit.converged && options.max_iterations > 1 &&
                          next_step > options.tolerance &&
                          next_step > infinite_tolerance * std::fabs(c.coef);
    }
    fit.coefficients.push_back(c);
  }
  const int df = static_cast<int>(kept.size());
  if (problem.events == 0) {
    fit.lr_test = {"likelihood ratio", kNaN, 0, kNaN};
    fit.wald_test = {"wald", kNaN, 0, kNaN};
    fit.score_test = {"score", kNaN, 0, kNaN};
  } else {
    fit.lr_test = chi_square_test("likelihood ratio", 2.0 * (fit.loglik - fit.loglik_null), df);
    fit.wald_test = chi_square_test(
        "wald", wald_statistic(coef, fit.variance, kept, options.singular_tolerance), df);
  }

  fit.linear_predictor.assign(problem.n, 0.0);
  for (std::size_t j : kept) {
    const auto& column = data.covariates[j];
    for (std::size_t i = 0; i < problem.n; ++i) {
      fit.linear_predictor[i] += coef[j] * (column[i] - problem.mean[j]);
    }
  }
  if (options.concordance) {
    fit.concordance = concordance(data.start, data.stop, data.event, data.strata,
                                  fit.linear_predictor);
  }
  std::vector<double> beta_kept(p, 0.0);
  for (std::size_t j : kept) beta_kept[j] = beta[j];
  if (options.ph_test && problem.events > 0 && !kept.empty()) {
    // Terms over the kept columns, in order of first appearance.
    std::vector<std::vector<std::size_t>> terms;
    std::vector<std::string> term_names;
    std::vector<std::size_t> term_ids;
    for (std::size_t k = 0; k < kept.size(); ++k) {
      const std::size_t j = kept[k];
      const std::size_t id = data.terms.empty() ? j : data.terms.at(j);
      const auto found = std::find(term_ids.begin(), term_ids.end(), id);
      if (found == term_ids.end()) {
        term_ids.push_back(id);
        terms.push_back({k});
        term_names.push_back(id < data.term_names.size() ? data.term_names[id] : names[j]);
      } else {
        terms[static_cast<std::size_t>(found - term_ids.begin())].push_back(k);
      }
    }
    detail::cox_ph_test(problem, beta_kept, kept, terms, term_names, fit);
  }
  if (options.baseline) fit.baseline = detail::cox_baseline_hazard(problem, beta_kept);
  return fit;
}

}  // namespace ticketlens::stats
