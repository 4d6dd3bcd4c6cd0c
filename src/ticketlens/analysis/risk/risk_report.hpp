#pragma once
// `ticketlens risk`: churn or costly-support risk per account (docs/metrics.md "Risk scores").
// Evaluation on a time split: models trained on the accounts at cut-offs whose outcome horizon
// ends by the test cut-off (as_of − horizon), scored on the accounts at the test cut-off, whose
// outcomes are known at as_of; against the ticket-count-only baseline. The list: a model trained
// on the cut-offs whose horizon ends by as_of scores the accounts at as_of, ranked by
// probability × ARR, each with its top reasons and the play configured for them.
#include <cstdint>
#include <string>
#include <vector>

#include <memory>

#include "ticketlens/analysis/risk/boosted_trees.hpp"
#include "ticketlens/analysis/risk/evaluation.hpp"
#include "ticketlens/analysis/risk/features.hpp"
#include "ticketlens/analysis/risk/logistic_model.hpp"
#include "ticketlens/analysis/risk/targets.hpp"

namespace ticketlens::analysis::risk {

struct RiskOptions {
  Target target = Target::kChurn;
  Timestamp as_of = 0;
  bool evaluate = true;  ///< false: only the list (the snapshot's proactive list)
  bool boosted_trees = true;  ///< also fit and evaluate the XGBoost model
  int tree_threads = 2;       ///< XGBoost's threads (BoostedTreesParams::threads)
};

struct Reason {
  std::string feature;
  double value = 0;         ///< the account's feature value
  double contribution = 0;  ///< to the log-odds, against the training mean
};

struct RiskAccount {
  std::uint32_t account = 0;
  std::string account_id;
  double probability = 0, arr = 0;
  double risk_arr = 0;  ///< probability × ARR
  std::vector<Reason> reasons;
  std::string play;
};

struct RiskReport {
  Target target = Target::kChurn;
  Timestamp as_of = 0;
  int horizon_days = 0;
  std::vector<Timestamp> evaluation_train_cutoffs;
  Timestamp evaluation_test_cutoff = 0;
  std::vector<Timestamp> train_cutoffs;  ///< of the model that scores as_of
  std::int64_t train_rows = 0, train_positives = 0;
  LogisticRiskModel model;                  ///< the scoring model (coefficients shown)
  std::shared_ptr<BoostedTrees> trees;      ///< trained on the same rows; null when not asked
  std::vector<ModelEvaluation> evaluations;  ///< logistic, xgboost (when asked), baseline
  std::vector<RiskAccount> accounts;         ///< every account at risk at as_of, by risk_arr
};

/// Error(kNotFound) when the history before as_of holds no training row with both outcomes.
RiskReport risk_report(const model::World& world, const model::Config& config, const RiskOptions& options);

/// The baseline's one feature.
inline constexpr const char* kBaselineFeature = "tickets_90d";

}  // namespace ticketlens::analysis::risk
