#include "ticketlens/analysis/text/evaluation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis::text {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

Split stratified_split(std::span<const std::string> labels, double test_share, std::uint64_t seed) {
  if (!(test_share > 0 && test_share < 1))
    throw Error(ErrorCode::kInvalidInput, fmt::format("test share {} must be between 0 and 1", test_share));
  std::map<std::string, std::vector<std::size_t>> rows;
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (!labels[i].empty()) rows[labels[i]].push_back(i);
  Split split;
  std::uint64_t state = seed;
  for (auto& [label, r] : rows) {
    for (std::size_t i = r.size(); i > 1; --i) std::swap(r[i - 1], r[splitmix64(state) % i]);
    std::size_t n_test = 0;
    if (r.size() >= 2)
      n_test = std::clamp<std::size_t>(static_cast<std::size_t>(std::llround(test_share * static_cast<double>(r.size()))),
                                       1, r.size() - 1);
    split.test.insert(split.test.end(), r.begin(), r.begin() + static_cast<std::ptrdiff_t>(n_test));
    split.train.insert(split.train.end(), r.begin() + static_cast<std::ptrdiff_t>(n_test), r.end());
  }
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.test.begin(), split.test.end());
  return split;
}

ClassificationScores classification_scores(std::span<const std::string> truth, std::span<const std::string> predicted) {
  if (truth.size() != predicted.size())
    throw Error(ErrorCode::kInvalidInput, fmt::format("{} true labels but {} predictions", truth.size(), predicted.size()));
  std::map<std::string, LabelScore> by;
  ClassificationScores s;
  s.n = static_cast<std::int64_t>(truth.size());
  std::int64_t correct = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    ++by[truth[i]].support;
    if (!predicted[i].empty()) ++by[predicted[i]].predicted;
    if (truth[i] == predicted[i]) {
      ++by[truth[i]].correct;
      ++correct;
    }
  }
  s.accuracy = s.n > 0 ? static_cast<double>(correct) / static_cast<double>(s.n) : 0;
  double f1_sum = 0;
  for (auto& [label, l] : by) {
    l.label = label;
    l.precision = l.predicted > 0 ? static_cast<double>(l.correct) / static_cast<double>(l.predicted) : 0;
    l.recall = l.support > 0 ? static_cast<double>(l.correct) / static_cast<double>(l.support) : 0;
    l.f1 = l.precision + l.recall > 0 ? 2 * l.precision * l.recall / (l.precision + l.recall) : 0;
    f1_sum += l.f1;
    s.labels.push_back(l);
  }
  s.macro_f1 = by.empty() ? 0 : f1_sum / static_cast<double>(by.size());
  return s;
}

}  // namespace ticketlens::analysis::text
