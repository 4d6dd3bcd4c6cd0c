#pragma once
// Fisher's exact test for a 2 x 2 table (a b / c d), as R's fisher.test(matrix(c(a, c, b, d), 2)):
// the two-sided p-value sums the hypergeometric probabilities no larger than the observed one
// (relative slack 1e-7); the odds ratio is the conditional maximum-likelihood estimate and the
// interval the conditional (exact) one. R solves both with uniroot at ~1e-4; here they are
// solved to ~1e-12, so they agree with R's printed values to about 1e-4 and with the exact
// roots (tests/stats/r) to 1e-9.
//
// Cells must be whole numbers >= 0 (Error(kInvalidInput) otherwise). A table with an empty row
// or column has p = 1, odds ratio NaN and interval [0, inf].
namespace ticketlens::stats {

struct FisherExact {
  double p;
  double odds_ratio;  ///< conditional MLE; 0 or inf at the edges of the support
  double lower, upper;
};

FisherExact fisher_exact(double a, double b, double c, double d, double confidence = 0.95);

/// The two-sided p-value of fisher_exact alone, in O(support) without solving for the odds
/// ratio: for screening many large tables (precursor pairs with tens of thousands of windows).
/// Same cells rule and result as fisher_exact(a, b, c, d).p.
double fisher_exact_p(double a, double b, double c, double d);

}  // namespace ticketlens::stats
