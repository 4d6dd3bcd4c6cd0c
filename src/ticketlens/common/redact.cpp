#include "ticketlens/common/redact.hpp"

#include <cstddef>

namespace ticketlens {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word(char c) { return is_digit(c) || is_alpha(c) || c == '_'; }
bool is_local(char c) { return is_word(c) || c == '.' || c == '%' || c == '+' || c == '-'; }
bool is_domain(char c) { return is_digit(c) || is_alpha(c) || c == '.' || c == '-'; }

// The end of an email whose '@' is at `at` with its local part starting at `begin`, or npos.
std::size_t email_end(std::string_view s, std::size_t at) {
  std::size_t end = at + 1;
  while (end < s.size() && is_domain(s[end])) ++end;
  while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) --end;  // "mail me at a@b.com."
  const std::string_view domain = s.substr(at + 1, end - at - 1);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::string_view::npos;
  std::size_t letters = 0;
  for (std::size_t i = dot + 1; i < domain.size(); ++i) {
    if (!is_alpha(domain[i])) return std::string_view::npos;
    ++letters;
  }
  return letters >= 2 ? end : std::string_view::npos;
}

// The end of a phone number starting at `i` (a '+', '(' or digit at a word boundary), or npos.
std::size_t phone_end(std::string_view s, std::size_t i) {
  const bool plus = s[i] == '+';
  std::size_t p = plus ? i + 1 : i, digits = 0, groups = 0, end = std::string_view::npos;
  bool long_group = false, parens = false;
  while (p < s.size()) {
    const bool open = s[p] == '(';
    if (open) ++p;
    std::size_t g = 0;
    while (p < s.size() && is_digit(s[p])) ++p, ++g;
    if (g == 0) break;
    if (open) {
      if (p >= s.size() || s[p] != ')') break;
      ++p;
      parens = true;
    }
    digits += g;
    ++groups;
    long_group |= g > 5;
    end = p;
    // A single separator followed by another group continues the number.
    if (p + 1 < s.size() && (s[p] == ' ' || s[p] == '-' || s[p] == '.') && (is_digit(s[p + 1]) || s[p + 1] == '('))
      ++p;
    else if (parens && p < s.size() && (is_digit(s[p])))
      continue;
    else
      break;
  }
  if (end == std::string_view::npos) return end;
  if (end < s.size() && (is_word(s[end]) || s[end] == '@')) return std::string_view::npos;
  if (plus) return digits >= 8 && digits <= 15 ? end : std::string_view::npos;
  if (long_group || (groups < 2 && !parens)) return std::string_view::npos;
  return digits >= 10 && digits <= 15 ? end : std::string_view::npos;
}

}  // namespace

std::string redact_pii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const bool boundary = i == 0 || !(is_word(s[i - 1]) || s[i - 1] == '+' || s[i - 1] == '.' || s[i - 1] == '-');
    // An email: the local part is the longest run of local characters before an '@'.
    if (is_local(c) && boundary) {
      std::size_t at = i;
      while (at < s.size() && is_local(s[at])) ++at;
      if (at < s.size() && s[at] == '@' && at > i) {
        const std::size_t end = email_end(s, at);
        if (end != std::string_view::npos) {
          out += kRedactedEmail;
          i = end;
          continue;
        }
      }
    }
    if ((c == '+' || c == '(' || is_digit(c)) && boundary) {
      const std::size_t end = phone_end(s, i);
      if (end != std::string_view::npos) {
        out += kRedactedPhone;
        i = end;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace ticketlens
