#include "ticketlens/analysis/text/terms.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace ticketlens::analysis::text {
namespace {

// English function words (a usual short list) and support boilerplate: greetings, thanks and
// sign-offs appear in most tickets and carry no theme.
constexpr std::string_view kStopWords[] = {
    "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "anyone", "anything", "are", "aren", "arent", "as", "at", "be", "because", "been", "before",
    "being", "below", "best", "between", "both", "but", "by", "can", "cannot", "cant", "could",
    "couldnt", "day", "dear", "did", "didnt", "do", "doe", "does", "doesnt", "doing", "dont",
    "during", "each", "else", "even", "every", "few", "for", "from", "further", "get", "getting",
    "good", "got", "had", "has", "have", "having", "he", "hello", "help", "her", "here", "hey",
    "hi", "him", "his", "how", "however", "id", "if", "im", "in", "into", "is", "isnt", "it",
    "its", "ive", "just", "kind", "know", "let", "like", "many", "me", "more", "morning",
    "most", "much", "must", "my", "need", "no", "nor", "not", "now", "of", "off", "on", "once",
    "one", "only", "or", "other", "our", "ours", "out", "over", "own", "please", "re", "really",
    "regard", "same", "she", "should", "so", "some", "still", "such", "support", "team", "than",
    "thank", "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "to", "too", "under", "until", "up", "us", "very", "want", "was",
    "wasnt", "way", "we", "were", "weve", "what", "when", "where", "whether", "which", "since", "while",
    "who", "why", "will", "with", "wont", "would", "yet", "you", "your", "youre", "yours",
    "cheer", "advance", "appreciated"};

bool is_break(char c) {
  switch (c) {
    case '.': case ',': case ';': case ':': case '!': case '?': case '(': case ')': case '"':
    case '\n': case '\r':
      return true;
    default:
      return false;
  }
}

bool is_word_byte(unsigned char c) { return std::isalnum(c) != 0 || c >= 0x80; }

std::string normalise(std::string word) {
  for (auto& c : word)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const std::size_t n = word.size();
  if (n >= 4 && word[n - 1] == 's' && word[n - 2] != 's' && word[n - 2] != 'u' && word[n - 2] != 'i')
    word.pop_back();
  return word;
}

}  // namespace

bool is_stop_word(std::string_view word) {
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> v(std::begin(kStopWords), std::end(kStopWords));
    std::sort(v.begin(), v.end());
    return v;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  auto push_break = [&] {
    if (!out.empty() && !out.back().empty()) out.emplace_back();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    // One whitespace-separated chunk at a time: a chunk with '@' is an email address.
    if (std::isspace(static_cast<unsigned char>(text[i])) != 0) {
      if (text[i] == '\n' || text[i] == '\r') push_break();
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && std::isspace(static_cast<unsigned char>(text[end])) == 0) ++end;
    const std::string_view chunk = text.substr(i, end - i);
    i = end;
    if (chunk.find('@') != std::string_view::npos) {
      push_break();
      continue;
    }
    std::string word;
    bool has_letter = false;
    auto flush = [&] {
      if (has_letter && word.size() >= 2) out.push_back(normalise(std::move(word)));
      word.clear();
      has_letter = false;
    };
    for (const char c : chunk) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '\'') continue;  // don't -> dont; customer's -> customers
      if (is_word_byte(u)) {
        word += c;
        has_letter = has_letter || std::isalpha(u) != 0 || u >= 0x80;
      } else {
        flush();
        if (is_break(c)) push_break();
      }
    }
    flush();
  }
  if (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::vector<std::string> distinct_terms(std::string_view text) {
  const auto ws = words(text);
  std::vector<std::string> terms;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (ws[i].empty() || is_stop_word(ws[i])) continue;
    terms.push_back(ws[i]);
    if (i + 1 < ws.size() && !ws[i + 1].empty() && !is_stop_word(ws[i + 1]))
      terms.push_back(ws[i] + ' ' + ws[i + 1]);
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

}  // namespace ticketlens::analysis::text
