#include "ticketlens/analysis/text/categorize.hpp"

#include <fmt/format.h>

#include "ticketlens/common/error.hpp"
#include "ticketlens/model/schema.hpp"

namespace ticketlens::analysis::text {

std::vector<std::string> given_labels(const model::World& world, std::string_view field) {
  const auto& t = world.tickets;
  std::vector<std::string> out(t.size());
  if (field == "category") {
    for (std::size_t r = 0; r < t.size(); ++r) out[r] = std::string(t.categories.at(t.category[r]));
  } else if (field == "root_cause") {
    for (std::size_t r = 0; r < t.size(); ++r)
      if (t.root_cause[r] != model::kNoCode) out[r] = std::string(model::kRootCauses[t.root_cause[r]]);
  } else {
    throw Error(ErrorCode::kUsage, fmt::format("cannot predict '{}': use category or root_cause", field));
  }
  return out;
}

ClassifierOptions classifier_options(const model::CategorizeSettings& s) {
  ClassifierOptions o;
  o.epoch = s.epoch;
  o.lr = s.lr;
  o.dim = s.dim;
  o.word_ngrams = s.word_ngrams;
  o.min_char_ngram = s.min_char_ngram;
  o.max_char_ngram = s.max_char_ngram;
  o.seed = static_cast<int>(s.seed % 2147483647);
  return o;
}

std::vector<LabelDecision> categorize_tickets(const model::World& world, std::string_view field,
                                              std::span<const std::string> ticket_texts, const CategoryRules& rules,
                                              const TextClassifier* model, double threshold, bool all) {
  const auto given = given_labels(world, field);
  const auto& t = world.tickets;
  std::vector<LabelDecision> out;
  for (std::size_t r = 0; r < t.size(); ++r) {
    if (!all && !given[r].empty()) continue;
    LabelDecision d;
    d.row = r;
    const std::string_view text = r < ticket_texts.size() ? std::string_view(ticket_texts[r]) : std::string_view();
    if (auto label = rules.match(text, t.tag_sets.at(t.tags[r]))) {
      d.label = *label;
      d.best_guess = *label;
      d.confidence = 1;
      d.by_rule = true;
    } else if (model) {
      const auto p = model->predict(text);
      d.best_guess = p.label;
      d.confidence = p.confidence;
      if (p.confidence >= threshold) d.label = p.label;
    }
    out.push_back(std::move(d));
  }
  return out;
}

HeldOutEvaluation evaluate_held_out(std::span<const std::string> texts, std::span<const std::string> labels,
                                    const model::CategorizeSettings& settings, const std::filesystem::path& scratch) {
  if (texts.size() != labels.size())
    throw Error(ErrorCode::kInvalidInput, fmt::format("{} texts but {} labels", texts.size(), labels.size()));
  HeldOutEvaluation e;
  e.seed = settings.seed;
  e.test_share = settings.test_share;
  e.threshold = settings.threshold;
  const auto split = stratified_split(labels, settings.test_share, settings.seed);
  std::vector<std::string> train_texts, train_labels;
  for (auto r : split.train) {
    train_texts.push_back(texts[r]);
    train_labels.push_back(labels[r]);
  }
  e.train = static_cast<std::int64_t>(split.train.size());
  e.test = static_cast<std::int64_t>(split.test.size());
  const auto model = TextClassifier::train(train_texts, train_labels, classifier_options(settings), scratch);
  std::vector<std::string> truth, predicted;
  std::int64_t confident_correct = 0;
  for (auto r : split.test) {
    const auto p = model.predict(texts[r]);
    truth.push_back(labels[r]);
    predicted.push_back(p.label);
    if (p.confidence >= settings.threshold) {
      ++e.confident;
      confident_correct += p.label == labels[r];
    }
  }
  e.scores = classification_scores(truth, predicted);
  e.confident_accuracy = e.confident > 0 ? static_cast<double>(confident_correct) / static_cast<double>(e.confident) : 0;
  return e;
}

}  // namespace ticketlens::analysis::text
