#pragma once
// Propensity-score matching and covariate balance, for "treated" units (e.g. accounts with a
// support contact) against controls without it.
//
// Matching is greedy nearest-neighbour on the logit of the propensity score: treated units in
// descending order of score (MatchIt's m.order = "largest"), each taking its `ratio` nearest
// controls within the caliper (deterministic tie-breaking). Without replacement a control is
// used at most once. The caliper is in standard deviations of the logit score over all units
// (MatchIt's std.caliper = TRUE); caliper <= 0 means none.
//
// Balance is the standardized mean difference (mean_t - mean_c) / sqrt((var_t + var_c) / 2) with
// the variances of the unmatched sample, the same denominator before and after matching (Austin
// 2009), so the two are comparable. After matching, each matched treated unit weighs 1 and its
// k controls 1/k each (a control reused with replacement counts every time).
//
// An SMD whose pooled SD is 0 (a constant covariate) is NaN.
// Scores must lie strictly inside (0, 1); treated flags are 0/1; equal lengths; else
// Error(kInvalidInput). No treated or no control units: no pairs.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ticketlens::stats {

struct MatchOptions {
  double caliper = 0.2;  ///< in SDs of the logit score; <= 0 for none
  bool replace = false;
  int ratio = 1;         ///< controls per treated unit
};

struct MatchedPair {
  std::size_t treated, control;
  double distance;  ///< |logit difference|
};

struct MatchResult {
  std::vector<MatchedPair> pairs;              ///< grouped by treated unit, nearest first
  std::vector<std::size_t> unmatched_treated;  ///< no control within the caliper
  double caliper_logit = 0;                    ///< the caliper in logit units (inf if none)
};

MatchResult propensity_match(std::span<const double> score, std::span<const std::uint8_t> treated,
                             const MatchOptions& options = {});

/// Propensity scores by logistic regression of `treated` on the covariates (with intercept).
std::vector<double> propensity_scores(const std::vector<std::span<const double>>& covariates,
                                      std::span<const std::uint8_t> treated);

struct Balance {
  std::string name;
  double mean_treated_before, mean_control_before, smd_before;
  double mean_treated_after, mean_control_after, smd_after;
};

std::vector<Balance> balance_table(const std::vector<std::span<const double>>& covariates,
                                   const std::vector<std::string>& names,
                                   std::span<const std::uint8_t> treated,
                                   const MatchResult& matches);

}  // namespace ticketlens::stats
