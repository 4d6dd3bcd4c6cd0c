// Categorisation: the split, the scores (worked out by hand), the rules, the fastText classifier
// on small texts, the decisions on a world, and the Bitext figure of docs/quality.md.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "world_builder.hpp"
#include "ticketlens/analysis/text/categorize.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/labelled_csv.hpp"

namespace ticketlens::analysis::text {
namespace {

namespace fs = std::filesystem;

fs::path scratch() {
  auto dir = fs::temp_directory_path() / ("ticketlens-categorize-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

TEST(StratifiedSplitTest, EachLabelKeepsItsShareAndTheSeedFixesTheDraw) {
  std::vector<std::string> labels;
  for (int i = 0; i < 50; ++i) labels.push_back("a");
  for (int i = 0; i < 10; ++i) labels.push_back("b");
  labels.push_back("c");   // one row: training only
  labels.push_back("");    // unlabelled: neither
  const auto s = stratified_split(labels, 0.2, 7);
  std::map<std::string, int> test;
  for (auto r : s.test) ++test[labels[r]];
  EXPECT_EQ(test["a"], 10);
  EXPECT_EQ(test["b"], 2);
  EXPECT_EQ(test.count("c"), 0u);
  EXPECT_EQ(s.train.size() + s.test.size(), 61u);
  EXPECT_EQ(stratified_split(labels, 0.2, 7).test, s.test);
  EXPECT_NE(stratified_split(labels, 0.2, 8).test, s.test);
  EXPECT_THROW(stratified_split(labels, 1.0, 7), Error);
}

// truth a a b b c, predicted a b b b (none): accuracy 3/5. a: P 1/1, R 1/2, F1 2/3; b: P 2/3,
// R 1, F1 0.8; c: P 0 (nothing predicted), R 0, F1 0. Macro-F1 = (2/3 + 0.8 + 0) / 3.
TEST(ClassificationScoresTest, AccuracyAndMacroF1ByHand) {
  const std::vector<std::string> truth = {"a", "a", "b", "b", "c"}, predicted = {"a", "b", "b", "b", ""};
  const auto s = classification_scores(truth, predicted);
  EXPECT_DOUBLE_EQ(s.accuracy, 0.6);
  EXPECT_NEAR(s.macro_f1, (2.0 / 3 + 0.8) / 3, 1e-12);
  ASSERT_EQ(s.labels.size(), 3u);
  EXPECT_NEAR(s.labels[1].precision, 2.0 / 3, 1e-12);
  EXPECT_EQ(s.labels[2].predicted, 0);
}

TEST(CategoryRulesTest, KeywordsRegexAndTagsFirstRuleWins) {
  std::vector<model::CategoryRule> rules = {
      {"category", "billing", {"charged twice", "refund"}, "", {}},
      {"root_cause", "documentation", {"docs"}, "", {}},
      {"category", "account_access", {}, "\\bSSO\\b|log ?in", {}},
      {"category", "vip", {}, "", {"VIP"}}};
  const CategoryRules category(rules, "category");
  EXPECT_EQ(category.match("We were CHARGED twice!", ""), "billing");
  EXPECT_EQ(category.match("charged, twice", ""), std::nullopt);  // not in a row
  EXPECT_EQ(category.match("Refunds please", ""), "billing");     // plural normalised
  EXPECT_EQ(category.match("sso loop", ""), "account_access");
  EXPECT_EQ(category.match("refund after SSO", ""), "billing");   // first rule wins
  EXPECT_EQ(category.match("hello", "billing; vip"), "vip");
  EXPECT_EQ(category.match("docs", ""), std::nullopt);            // another field's rule
  EXPECT_EQ(CategoryRules(rules, "root_cause").match("Where are the docs?", ""), "documentation");
  rules.push_back({"category", "bad", {}, "([", {}});
  EXPECT_THROW(CategoryRules(rules, "category"), Error);
}

// Two clearly separated kinds of text; labels with spaces survive fastText's label format.
std::pair<std::vector<std::string>, std::vector<std::string>> toy_corpus() {
  const char* billing[] = {"invoice amount wrong", "charged twice on my card", "refund my payment",
                           "card declined at renewal", "vat missing on invoice"};
  const char* access[] = {"cannot log in", "password reset email missing", "sso login loop",
                          "account locked out", "two factor code rejected"};
  std::vector<std::string> texts, labels;
  for (int round = 0; round < 8; ++round)
    for (int i = 0; i < 5; ++i) {
      texts.emplace_back(billing[i]);
      labels.emplace_back("Billing and Payments");
      texts.emplace_back(access[i]);
      labels.emplace_back("account access");
    }
  return {texts, labels};
}

TEST(TextClassifierTest, LearnsSeparableTextAndSurvivesSaveAndLoad) {
  const auto [texts, labels] = toy_corpus();
  ClassifierOptions options;
  options.epoch = 30;
  options.bucket = 10000;
  const auto model = TextClassifier::train(texts, labels, options, scratch());
  const auto p = model.predict("Our invoice shows the wrong amount");
  EXPECT_EQ(p.label, "Billing and Payments");
  EXPECT_GT(p.confidence, 0.6);
  EXPECT_EQ(model.predict("I cannot log in, password reset never arrives").label, "account access");
  auto labels_of = model.labels();
  std::sort(labels_of.begin(), labels_of.end());
  EXPECT_EQ(labels_of, (std::vector<std::string>{"Billing and Payments", "account access"}));
  const auto path = scratch() / "toy.bin";
  model.save(path);
  const auto loaded = TextClassifier::load(path);
  EXPECT_EQ(loaded.predict("refund the double charge").label, model.predict("refund the double charge").label);
  EXPECT_DOUBLE_EQ(loaded.predict("refund the double charge").confidence,
                   model.predict("refund the double charge").confidence);
  EXPECT_THROW(TextClassifier::load(scratch() / "missing.bin"), Error);
  EXPECT_THROW(TextClassifier::train(texts, std::vector<std::string>(texts.size()), options, scratch()), Error);
}

TEST(CategorizeTicketsTest, RulesThenTheModelAboveTheThresholdOnlyWhereMissing) {
  test::WorldBuilder b;
  b.account("a1", "growth", "emea");
  b.ticket({.id = "given", .account = "a1", .created = "2026-01-01", .category = "billing"});
  b.ticket({.id = "rule", .account = "a1", .created = "2026-01-02"});
  b.ticket({.id = "model", .account = "a1", .created = "2026-01-03"});
  b.ticket({.id = "unsure", .account = "a1", .created = "2026-01-04"});
  const auto world = b.build();
  std::map<std::string, std::string> text_of = {{"given", "invoice wrong"},
                                                {"rule", "please refund us"},
                                                {"model", "sso login loop again, cannot log in"},
                                                {"unsure", "zzz qqq"}};
  std::vector<std::string> texts;
  for (std::size_t r = 0; r < world.tickets.size(); ++r)
    texts.push_back(text_of[std::string(world.tickets.ids.at(world.tickets.id[r]))]);
  const auto [corpus, labels] = toy_corpus();
  ClassifierOptions options;
  options.epoch = 30;
  options.bucket = 10000;
  const auto model = TextClassifier::train(corpus, labels, options, scratch());
  const CategoryRules rules({{"category", "billing", {"refund"}, "", {}}}, "category");
  const auto d = categorize_tickets(world, "category", texts, rules, &model, 0.9, false);
  ASSERT_EQ(d.size(), 3u);  // "given" has its category
  std::map<std::string, LabelDecision> by;
  for (const auto& x : d) by[std::string(world.tickets.ids.at(world.tickets.id[x.row]))] = x;
  EXPECT_TRUE(by["rule"].by_rule);
  EXPECT_EQ(by["rule"].label, "billing");
  EXPECT_EQ(by["model"].label, "account access");
  EXPECT_GE(by["model"].confidence, 0.9);
  EXPECT_EQ(by["unsure"].label, "");  // unknown words: near 50/50, below 0.9
  EXPECT_FALSE(by["unsure"].best_guess.empty());
  EXPECT_EQ(categorize_tickets(world, "category", texts, rules, &model, 0.9, true).size(), 4u);
  EXPECT_THROW(given_labels(world, "priority"), Error);
}

// docs/quality.md, "The unit test's subsample": Bitext category on every other row of the file
// (2,257 of 4,514, to keep the test to a few seconds), 80/20 stratified with seed 1, the default
// [categorize] settings with subword n-grams of 3-5 bytes (as for the full Bitext figures).
TEST(CategorizeDatasetTest, BitextCategoryReproducesDocsQuality) {
  const fs::path file = fs::path(TICKETLENS_DATASETS) / "bitext-customer-support-intents" /
                        "Bitext_Sample_Customer_Support_Training_Dataset.csv";
  if (!fs::exists(file)) GTEST_SKIP() << file << " is absent (../shared/datasets): the Bitext figure is not checked";
  const std::vector<std::string> text_columns = {"instruction"};
  const auto data = ingest::read_labelled_csv(file, text_columns, "category");
  ASSERT_EQ(data.texts.size(), 4514u);
  std::vector<std::string> texts, labels;
  for (std::size_t i = 0; i < data.texts.size(); i += 2) {
    texts.push_back(data.texts[i]);
    labels.push_back(data.labels[i]);
  }
  auto config = model::parse_config(model::default_config_toml(), "defaults");
  config.categorize.min_char_ngram = 3;
  config.categorize.max_char_ngram = 5;
  const auto e = evaluate_held_out(texts, labels, config.categorize, scratch());
  EXPECT_EQ(e.train + e.test, 2257);
  EXPECT_EQ(e.test, 452);
  EXPECT_GE(e.scores.macro_f1, 0.995);
  EXPECT_NEAR(e.scores.macro_f1, 0.9984, 5e-5);  // docs/quality.md, to its 4 decimals
}

}  // namespace
}  // namespace ticketlens::analysis::text
