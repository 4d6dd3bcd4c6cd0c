#include "ticketlens/analysis/text/classifier.hpp"

#include <fasttext/fasttext.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "ticketlens/analysis/text/terms.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis::text {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";

// fastText splits on whitespace: a label's spaces and '%' are percent-escaped.
std::string encode_label(std::string_view label) {
  std::string out(kLabelPrefix);
  for (char c : label) {
    if (c == '%') out += "%25";
    else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') out += fmt::format("%{:02X}", static_cast<unsigned>(c));
    else out += c;
  }
  return out;
}

std::string decode_label(std::string_view token) {
  if (token.substr(0, kLabelPrefix.size()) == kLabelPrefix) token.remove_prefix(kLabelPrefix.size());
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    auto hex = [](char c) {
      return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    if (token[i] == '%' && i + 2 < token.size() && hex(token[i + 1]) >= 0 && hex(token[i + 2]) >= 0) {
      out += static_cast<char>(hex(token[i + 1]) * 16 + hex(token[i + 2]));
      i += 2;
    } else {
      out += token[i];
    }
  }
  return out;
}

}  // namespace

std::string classifier_input(std::string_view text) {
  std::string out;
  for (const auto& w : words(text)) {
    if (w.empty()) continue;
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

TextClassifier::TextClassifier() : model_(std::make_unique<fasttext::FastText>()) {}
TextClassifier::TextClassifier(TextClassifier&&) noexcept = default;
TextClassifier& TextClassifier::operator=(TextClassifier&&) noexcept = default;
TextClassifier::~TextClassifier() = default;

TextClassifier TextClassifier::train(std::span<const std::string> texts, std::span<const std::string> labels,
                                     const ClassifierOptions& options, const std::filesystem::path& scratch) {
  if (texts.size() != labels.size())
    throw Error(ErrorCode::kInvalidInput, fmt::format("{} texts but {} labels", texts.size(), labels.size()));
  std::filesystem::create_directories(scratch);
  const auto file = scratch / fmt::format("fasttext-train-{}.txt", ::getpid());
  std::size_t rows = 0;
  {
    std::ofstream out(file, std::ios::binary);
    if (!out) throw Error(ErrorCode::kIo, fmt::format("cannot write {}", file.string()));
    for (std::size_t i = 0; i < texts.size(); ++i) {
      if (labels[i].empty()) continue;
      out << encode_label(labels[i]) << ' ' << classifier_input(texts[i]) << '\n';
      ++rows;
    }
  }
  if (rows == 0) {
    std::filesystem::remove(file);
    throw Error(ErrorCode::kInvalidInput, "no labelled text to train on");
  }
  fasttext::Args args;
  args.input = file.string();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.epoch = options.epoch;
  args.lr = options.lr;
  args.dim = options.dim;
  args.wordNgrams = options.word_ngrams;
  args.minn = options.min_char_ngram;
  args.maxn = options.max_char_ngram;
  args.bucket = options.word_ngrams > 1 || options.max_char_ngram > 0 ? options.bucket : 0;
  args.minCount = 1;
  args.thread = 1;
  args.seed = options.seed;
  args.verbose = 0;
  TextClassifier c;
  try {
    c.model_->train(args);
  } catch (const std::exception& e) {
    std::filesystem::remove(file);
    throw Error(ErrorCode::kInvalidInput, fmt::format("fastText training failed: {}", e.what()));
  }
  std::filesystem::remove(file);
  return c;
}

TextClassifier TextClassifier::load(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path))
    throw Error(ErrorCode::kNotFound,
                fmt::format("no model at {}; train one with `ticketlens categorize train`", path.string()));
  TextClassifier c;
  try {
    c.model_->loadModel(path.string());
  } catch (const std::exception& e) {
    throw Error(ErrorCode::kInvalidInput, fmt::format("{} is not a fastText model: {}", path.string(), e.what()));
  }
  return c;
}

void TextClassifier::save(const std::filesystem::path& path) const {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  model_->saveModel(path.string());
}

Prediction TextClassifier::predict(std::string_view text) const {
  std::istringstream in(classifier_input(text) + '\n');
  std::vector<std::pair<fasttext::real, std::string>> out;
  model_->predictLine(in, out, 1, 0.0);
  if (out.empty()) return {};
  // fastText gives exp(log(p + 1e-5)) (its std_log keeps log away from 0): take the 1e-5 off so
  // the confidence is the softmax probability, never above 1.
  const double p = static_cast<double>(out.front().first) - 1e-5;
  return {decode_label(out.front().second), std::clamp(p, 0.0, 1.0)};
}

std::vector<std::string> TextClassifier::labels() const {
  const auto dict = model_->getDictionary();
  std::vector<std::string> out;
  for (std::int32_t i = 0; i < dict->nlabels(); ++i) out.push_back(decode_label(dict->getLabel(i)));
  return out;
}

}  // namespace ticketlens::analysis::text
