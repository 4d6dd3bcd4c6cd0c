#pragma once
// The terms of a ticket's text for the text analyses (themes, categorisation): words and
// bigrams after simple normalisation. Definitions and edge cases: docs/metrics.md "Ticket terms".
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens::analysis::text {

/// Words of `text` in order, normalised: ASCII letters lower-cased, apostrophes dropped
/// ("don't" -> "dont"), split at every other non-alphanumeric byte; a trailing plural "s" is
/// removed from words of 4+ letters not ending in "ss", "us" or "is" ("invoices" -> "invoice").
/// Dropped: whitespace-separated chunks holding '@' (email addresses), words without a letter
/// (numbers, ids), words of one letter. Bytes >= 0x80 (UTF-8) are kept as part of words.
/// A sentence break (. , ; : ! ? ( ) " and line ends) is returned as an empty string, so that
/// bigrams do not span it.
std::vector<std::string> words(std::string_view text);

/// True for an English stop word or support boilerplate (greetings, thanks) of the built-in list.
bool is_stop_word(std::string_view word);

/// The distinct terms of `text`, sorted: every non-stop word, and every bigram "a b" of two
/// non-stop words adjacent in `words(text)` (a stop word or a sentence break between them
/// breaks the pair).
std::vector<std::string> distinct_terms(std::string_view text);

}  // namespace ticketlens::analysis::text
