#pragma once
// Distribution functions the estimators need, written for full double precision so that p-values
// and intervals agree with R (pnorm, qnorm, pchisq, pbeta, qbeta) to about 1e-12 relative in the
// ranges the tests cover. All functions are pure; none throws. Arguments outside the domain
// (negative degrees of freedom, probabilities outside [0, 1], NaN) give NaN.
namespace ticketlens::stats {

/// P(Z <= z) for a standard normal Z (R: pnorm(z)).
double normal_cdf(double z);
/// P(Z > z) for a standard normal Z, accurate in the far upper tail (R: pnorm(z, lower=FALSE)).
double normal_sf(double z);
/// Two-sided p-value 2 P(Z > |z|) of a z statistic.
double normal_two_sided_p(double z);
/// The p-quantile of the standard normal (R: qnorm(p)); -inf at 0, +inf at 1.
double normal_quantile(double p);

/// Regularized lower incomplete gamma P(a, x) (R: pgamma(x, a)); a > 0, x >= 0.
double gamma_p(double a, double x);
/// Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate when Q is tiny.
double gamma_q(double a, double x);
/// P(X > x) for X chi-square with `df` degrees of freedom (R: pchisq(x, df, lower=FALSE)).
/// df = 0 is the point mass at 0: 0 for x > 0 (R's convention); NaN for df < 0.
double chi_square_sf(double x, double df);

/// Regularized incomplete beta I_x(a, b) (R: pbeta(x, a, b)); a, b > 0.
double beta_cdf(double x, double a, double b);
/// The p-quantile of Beta(a, b) (R: qbeta(p, a, b)), by bisection refined to ~1e-15.
double beta_quantile(double p, double a, double b);

/// log of the binomial coefficient C(n, k) for 0 <= k <= n.
double log_choose(double n, double k);

}  // namespace ticketlens::stats
