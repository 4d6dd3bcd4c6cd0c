#pragma once
// A supervised text classifier over ticket text: fastText (Debian's libfasttext, a linear model
// over word and word-n-gram embeddings with a softmax) behind a small value-type interface.
// Text is normalised with text::words (docs/metrics.md "Ticket terms", stop words kept).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fasttext {
class FastText;
}

namespace ticketlens::analysis::text {

/// fastText's training settings ([categorize] in ticketlens.toml).
struct ClassifierOptions {
  int epoch = 50;
  double lr = 0.5;
  int dim = 50;
  int word_ngrams = 2;
  int min_char_ngram = 0;  ///< subword n-grams of minn..maxn bytes; 0 = none
  int max_char_ngram = 0;
  int bucket = 200000;     ///< hashed n-gram rows
  int seed = 1;            ///< with one thread, training is repeatable
};

struct Prediction {
  std::string label;       ///< the most probable label ("" when the model has none)
  double confidence = 0;   ///< its softmax probability
};

/// fastText input for a text: the words of text::words joined by spaces, sentence breaks left out.
std::string classifier_input(std::string_view text);

class TextClassifier {
 public:
  /// Trains on `texts` with `labels` (equal sizes, at least one non-empty label; else
  /// Error(kInvalidInput)). Rows with an empty label are skipped. `scratch` is a folder for the
  /// training file fastText reads (removed afterwards).
  static TextClassifier train(std::span<const std::string> texts, std::span<const std::string> labels,
                              const ClassifierOptions& options, const std::filesystem::path& scratch);
  /// Error(kNotFound) when the file is missing, kInvalidInput when it is not a fastText model.
  static TextClassifier load(const std::filesystem::path& path);
  void save(const std::filesystem::path& path) const;

  [[nodiscard]] Prediction predict(std::string_view text) const;
  [[nodiscard]] std::vector<std::string> labels() const;

  TextClassifier(TextClassifier&&) noexcept;
  TextClassifier& operator=(TextClassifier&&) noexcept;
  ~TextClassifier();

 private:
  TextClassifier();
  std::unique_ptr<fasttext::FastText> model_;
};

}  // namespace ticketlens::analysis::text
