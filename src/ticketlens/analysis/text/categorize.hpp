#pragma once
// Categorisation of tickets (docs/metrics.md "Categorisation"): configured rules first, then a
// fastText model with a confidence per prediction; below the threshold a ticket stays
// uncategorised. Also the held-out evaluation of the model on any labelled texts.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/analysis/text/category_rules.hpp"
#include "ticketlens/analysis/text/classifier.hpp"
#include "ticketlens/analysis/text/evaluation.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis::text {

/// The fields that can be predicted: "category" and "root_cause".
inline constexpr std::string_view kPredictedFields[] = {"category", "root_cause"};

/// The given label of `field` per row of world.tickets ("" when missing). Error(kUsage) for a
/// field other than those of kPredictedFields.
std::vector<std::string> given_labels(const model::World& world, std::string_view field);

ClassifierOptions classifier_options(const model::CategorizeSettings& settings);

struct LabelDecision {
  std::size_t row = 0;      ///< row of world.tickets
  std::string label;        ///< "" = left uncategorised
  double confidence = 0;    ///< 1 for a rule; the model's probability of its best label
  std::string best_guess;   ///< the model's best label even when below the threshold
  bool by_rule = false;
};

/// Decisions for the tickets whose `field` is missing (every ticket when `all`): the first
/// matching rule, else the model's best label when its confidence reaches `threshold`, else
/// uncategorised. `model` may be null (rules only). `ticket_texts` per row ("subject body").
std::vector<LabelDecision> categorize_tickets(const model::World& world, std::string_view field,
                                              std::span<const std::string> ticket_texts, const CategoryRules& rules,
                                              const TextClassifier* model, double threshold, bool all);

struct HeldOutEvaluation {
  std::int64_t train = 0, test = 0;
  std::uint64_t seed = 0;
  double test_share = 0;
  ClassificationScores scores;          ///< every test row, best label
  double threshold = 0;
  std::int64_t confident = 0;           ///< test rows at or above the threshold
  double confident_accuracy = 0;        ///< accuracy among them
};

/// Stratified split (settings.test_share, settings.seed), a model trained on the training rows,
/// scored on the test rows. Rows with an empty label are left out.
HeldOutEvaluation evaluate_held_out(std::span<const std::string> texts, std::span<const std::string> labels,
                                    const model::CategorizeSettings& settings, const std::filesystem::path& scratch);

}  // namespace ticketlens::analysis::text
