#pragma once
// Held-out evaluation of a classifier: a seeded stratified split, accuracy and macro-F1
// (docs/metrics.md "Categorisation").
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ticketlens::analysis::text {

struct Split {
  std::vector<std::size_t> train, test;  ///< row indices, ascending
};

/// Per label (rows with an empty label are left out): its rows shuffled (Fisher–Yates with a
/// SplitMix64 stream from `seed`), the first round(test_share × n) to test — at least one and
/// at most n − 1 when n ≥ 2; a label with one row goes to training.
Split stratified_split(std::span<const std::string> labels, double test_share, std::uint64_t seed);

struct LabelScore {
  std::string label;
  std::int64_t support = 0, predicted = 0, correct = 0;
  double precision = 0, recall = 0, f1 = 0;  ///< 0 when undefined (scikit-learn's zero_division=0)
};

struct ClassificationScores {
  std::int64_t n = 0;
  double accuracy = 0;
  double macro_f1 = 0;  ///< mean F1 over the labels in truth or predictions (scikit-learn's f1_score(average="macro"))
  std::vector<LabelScore> labels;  ///< by label
};

/// `predicted` may hold "" (no prediction): counted wrong, not a label of its own.
ClassificationScores classification_scores(std::span<const std::string> truth,
                                           std::span<const std::string> predicted);

}  // namespace ticketlens::analysis::text
