// GCC 12 at -O1 with the sanitizers reports a false -Wmaybe-uninitialized inside libstdc++'s
// <regex> (a std::function member of its NFA states); the pragma must precede the includes, and
// std::regex stays out of the header so that no other file instantiates it.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "ticketlens/analysis/text/category_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "ticketlens/analysis/text/terms.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::analysis::text {

struct CategoryRules::Pattern {
  std::regex regex;
};

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool holds_sequence(const std::vector<std::string>& words_of_text, const std::vector<std::string>& seq) {
  if (seq.empty() || seq.size() > words_of_text.size()) return false;
  return std::search(words_of_text.begin(), words_of_text.end(), seq.begin(), seq.end()) != words_of_text.end();
}

}  // namespace

CategoryRules::CategoryRules(const std::vector<model::CategoryRule>& rules, std::string_view field) {
  for (const auto& r : rules) {
    if (r.field != field) continue;
    Compiled c;
    c.label = r.label;
    for (const auto& k : r.keywords) {
      auto seq = words(k);
      seq.erase(std::remove(seq.begin(), seq.end(), std::string()), seq.end());
      if (!seq.empty()) c.keywords.push_back(std::move(seq));
    }
    if (!r.regex.empty()) {
      try {
        c.regex = std::make_shared<const Pattern>(Pattern{std::regex(r.regex, std::regex::ECMAScript | std::regex::icase)});
      } catch (const std::regex_error& e) {
        throw Error(ErrorCode::kConfig, fmt::format("category rule for '{}': regex '{}' does not compile: {}", r.label,
                                                    r.regex, e.what()));
      }
    }
    for (const auto& t : r.tags) c.tags.push_back(lower(t));
    rules_.push_back(std::move(c));
  }
}

std::optional<std::string> CategoryRules::match(std::string_view text, std::string_view tags) const {
  if (rules_.empty()) return std::nullopt;
  const auto text_words = words(text);
  std::vector<std::string> ticket_tags;
  for (std::size_t start = 0; start <= tags.size();) {
    const std::size_t end = std::min(tags.find(';', start), tags.size());
    std::string tag = lower(tags.substr(start, end - start));
    while (!tag.empty() && tag.back() == ' ') tag.pop_back();
    while (!tag.empty() && tag.front() == ' ') tag.erase(tag.begin());
    if (!tag.empty()) ticket_tags.push_back(std::move(tag));
    start = end + 1;
  }
  for (const auto& r : rules_) {
    for (const auto& k : r.keywords)
      if (holds_sequence(text_words, k)) return r.label;
    if (r.regex && std::regex_search(text.begin(), text.end(), r.regex->regex)) return r.label;
    for (const auto& t : r.tags)
      if (std::find(ticket_tags.begin(), ticket_tags.end(), t) != ticket_tags.end()) return r.label;
  }
  return std::nullopt;
}

}  // namespace ticketlens::analysis::text
